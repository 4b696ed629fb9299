import * as asn1 from 'asn1js';
import {
  bits,
  bitsOf,
  bool,
  boolOf,
  childrenOf,
  der,
  encodedOf,
  explicit,
  int,
  intOf,
  MalformedDer,
  type Node,
  octets,
  octetsOf,
  oid,
  oidOf,
  parse,
  seq,
  set,
  stringOf,
  taggedOf,
  timeOf,
  utcTime,
  utf8,
} from './asn1';
import { sm2ValidPublicKey, sm2Verify } from './sm2';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE, OID_SM2_WITH_SM3 } from './sm2-core';

/**
 * X.509 v3 certificates of SM2 keys (GM/T 0015): signed SM2-with-SM3 (1.2.156.10197.1.501),
 * the key as id-ecPublicKey on the SM2 curve (1.2.840.10045.2.1 with 1.2.156.10197.1.301).
 * The platform's per-city seal CA issues one per electronic seal; a city may import its own.
 */

/** A name as the seal CA writes it: country, organisation, unit, common name. */
export interface CertName {
  readonly C?: string;
  readonly O?: string;
  readonly OU?: string;
  readonly CN: string;
}

const NAME_OIDS: Record<keyof CertName, string> = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};

const nameNode = (name: CertName) =>
  seq(
    ...(['C', 'O', 'OU', 'CN'] as const).flatMap((k) => {
      const v = name[k];
      if (v === undefined) return [];
      const value = k === 'C' ? new asn1.PrintableString({ value: v }) : utf8(v);
      return [set(seq(oid(NAME_OIDS[k]), value))];
    }),
  );

/** A name read back as `CN=…, O=…` (RFC 4514 order reversed to how it was written, for reading). */
function nameText(node: Node): string {
  const parts: string[] = [];
  for (const rdn of childrenOf(node, 'name')) {
    for (const atv of childrenOf(rdn, 'name', 'set')) {
      const [type, value] = childrenOf(atv, 'name');
      const key =
        Object.entries(NAME_OIDS).find(([, o]) => o === oidOf(type, 'name'))?.[0] ?? oidOf(type, 'name');
      parts.push(`${key}=${stringOf(value, 'name')}`);
    }
  }
  return parts.join(', ');
}

const sm2Algorithm = () => seq(oid(OID_SM2_WITH_SM3));

export interface CertificateInput {
  readonly serial: bigint;
  readonly issuer: CertName;
  readonly subject: CertName;
  readonly notBefore: string;
  readonly notAfter: string;
  /** The subject's SM2 public key, 04 ‖ x ‖ y. */
  readonly publicKey: Uint8Array;
  /** A CA certificate (basicConstraints cA, keyCertSign) or an end entity's (digitalSignature, nonRepudiation). */
  readonly ca: boolean;
}

/** The DER TBSCertificate: what the issuer signs. */
export function tbsCertificate(input: CertificateInput): Uint8Array {
  // keyUsage bits: digitalSignature(0) nonRepudiation(1) for a seal; keyCertSign(5) cRLSign(6) for a CA.
  const keyUsage = input.ca
    ? new asn1.BitString({ valueHex: Uint8Array.of(0x06), unusedBits: 1 })
    : new asn1.BitString({ valueHex: Uint8Array.of(0xc0), unusedBits: 6 });
  return der(
    seq(
      explicit(0, int(2)),
      int(input.serial),
      sm2Algorithm(),
      nameNode(input.issuer),
      seq(utcTime(input.notBefore), utcTime(input.notAfter)),
      nameNode(input.subject),
      seq(seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)), bits(input.publicKey)),
      explicit(
        3,
        seq(
          seq(oid('2.5.29.19'), bool(true), octets(der(input.ca ? seq(bool(true)) : seq()))),
          seq(oid('2.5.29.15'), bool(true), octets(der(keyUsage))),
        ),
      ),
    ),
  );
}

/** The certificate: TBSCertificate, its algorithm and the issuer's SM2 signature of it. */
export async function issueCertificate(
  input: CertificateInput,
  sign: (tbs: Uint8Array) => Uint8Array | Promise<Uint8Array>,
): Promise<Uint8Array> {
  const tbs = tbsCertificate(input);
  const signature = await sign(tbs);
  return der(seq(parse(tbs), sm2Algorithm(), bits(signature)));
}

export interface ParsedCertificate {
  /** The serial number, lower-case hex: what the revocation list names. */
  readonly serial: string;
  readonly issuer: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly publicKey: Uint8Array;
  readonly ca: boolean;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** The signed bytes. */
  readonly tbs: Uint8Array;
}

/** Reads an SM2 certificate; throws MalformedDer for anything else (an RSA or P-256 certificate included). */
export function parseCertificate(bytes: Uint8Array): ParsedCertificate {
  const [tbsNode, alg, sig] = childrenOf(parse(bytes), 'certificate');
  const tbs = childrenOf(tbsNode, 'tbsCertificate');
  const hasVersion = taggedOf(tbs[0], 0) !== undefined;
  const [serial, , issuer, validity, subject, spki, ...rest] = hasVersion ? tbs.slice(1) : tbs;
  const [notBefore, notAfter] = childrenOf(validity, 'validity');
  const [keyAlg, keyBits] = childrenOf(spki, 'subjectPublicKeyInfo');
  const [keyType, curve] = childrenOf(keyAlg, 'algorithm');
  if (oidOf(keyType, 'key algorithm') !== OID_EC_PUBLIC_KEY || oidOf(curve, 'curve') !== OID_SM2_CURVE) {
    throw new MalformedDer('not an SM2 public key');
  }
  const publicKey = bitsOf(keyBits, 'public key');
  if (!sm2ValidPublicKey(publicKey)) throw new MalformedDer('the public key is not a point of the SM2 curve');
  let ca = false;
  for (const node of rest) {
    const exts = taggedOf(node, 3);
    if (!exts) continue;
    for (const ext of childrenOf(exts, 'extensions')) {
      const parts = childrenOf(ext, 'extension');
      if (oidOf(parts[0], 'extension') !== '2.5.29.19') continue;
      const value = octetsOf(parts[parts.length - 1], 'basicConstraints');
      ca = boolOf(childrenOf(parse(value), 'basicConstraints')[0]);
    }
  }
  return {
    serial: intOf(serial, 'serial').toString(16),
    issuer: nameText(issuer as Node),
    subject: nameText(subject as Node),
    notBefore: timeOf(notBefore, 'notBefore'),
    notAfter: timeOf(notAfter, 'notAfter'),
    publicKey,
    ca,
    signatureAlgorithm: oidOf(childrenOf(alg, 'signatureAlgorithm')[0], 'signatureAlgorithm'),
    signature: bitsOf(sig, 'signature'),
    tbs: encodedOf(tbsNode as Node),
  };
}

/** Whether `issuerPublicKey` signed this certificate, SM2-with-SM3 with the default signer id. */
export function certificateSignedBy(cert: ParsedCertificate, issuerPublicKey: Uint8Array): boolean {
  return cert.signatureAlgorithm === OID_SM2_WITH_SM3 && sm2Verify(issuerPublicKey, cert.tbs, cert.signature);
}
