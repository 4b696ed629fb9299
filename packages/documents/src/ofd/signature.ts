import { zipSync } from 'fflate';
import { OFD_PATHS, type OfdStamp } from './result';
import { doc, el, esc, utf8 } from './xml';

/** SM2 with SM3 and SM3 (GM/T 0006 object identifiers), as GB/T 33190 §18 names the methods. */
export const OID_SM2_SM3 = '1.2.156.10197.1.501';
export const OID_SM3 = '1.2.156.10197.1.401';

/** The parts a one-page result's signature covers: every part but the signature itself and its value. */
export const SIGNED_PARTS: readonly string[] = [
  OFD_PATHS.root,
  OFD_PATHS.document,
  OFD_PATHS.publicRes,
  OFD_PATHS.documentRes,
  OFD_PATHS.page,
  OFD_PATHS.signatures,
];

const UNSIGNED = new Set<string>([OFD_PATHS.signature, OFD_PATHS.signedValue]);

const base64 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

/** `20260302T120000Z`-style UTC time without separators, as OFD writers put SignatureDateTime. */
const signTime = (iso: string): string => `${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`;

/**
 * Signature.xml (GB/T 33190 §18.2): the provider, SM2-with-SM3, the time, each covered part with
 * the base64 of its SM3 digest, the stamp's place on the page, and where the signed value is.
 * Its own bytes are what the SES_Signature signs.
 */
export function signatureXml(input: {
  readonly parts: ReadonlyMap<string, Uint8Array>;
  readonly digest: (bytes: Uint8Array) => Uint8Array;
  readonly time: string;
  readonly stamp: OfdStamp;
}): Uint8Array {
  // Every part there is (each page of a long result), in the package's own order.
  const refs = [...input.parts]
    .filter(([path]) => !UNSIGNED.has(path))
    .map(([path, bytes]) =>
      el('Reference', { FileRef: `/${path}` }, el('CheckValue', {}, base64(input.digest(bytes)))),
    )
    .join('');
  const signedInfo = el(
    'SignedInfo',
    {},
    el('Provider', { ProviderName: 'OneWindow 一窗通办', Version: '1.0' }) +
      el('SignatureMethod', {}, OID_SM2_SM3) +
      el('SignatureDateTime', {}, esc(signTime(input.time))) +
      el('References', { CheckMethod: OID_SM3 }, refs) +
      el('StampAnnot', { ID: '1', PageRef: input.stamp.pageRef, Boundary: input.stamp.boundary }),
  );
  return utf8(doc('Signature', signedInfo + el('SignedValue', {}, `/${OFD_PATHS.signedValue}`)));
}

/**
 * The package: a zip of every part, in a fixed order with a fixed time, so the same parts
 * always make the same bytes (a rebuilt package is byte-identical).
 */
export function packOfd(parts: ReadonlyMap<string, Uint8Array>, at: string): Uint8Array {
  const mtime = new Date(at);
  const files: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const path of [...parts.keys()].sort()) {
    const bytes = parts.get(path);
    if (bytes) files[path] = [bytes, { mtime, level: 6 }];
  }
  return zipSync(files);
}
