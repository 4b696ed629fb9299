import * as asn1 from 'asn1js';

/**
 * The few DER shapes certificates and GB/T 38540 structures are made of, over asn1js
 * (a kept ASN.1 library; ~65 KB minified, so only the files Lambda, the stream worker and
 * the local stack bundle it: the cases Lambda signs with sm2-core.ts alone).
 */

export type Node = asn1.AsnType;

export const seq = (...value: Node[]) => new asn1.Sequence({ value });
export const set = (...value: Node[]) => new asn1.Set({ value });
export const int = (value: number | bigint) =>
  typeof value === 'number' ? new asn1.Integer({ value }) : asn1.Integer.fromBigInt(value);
export const oid = (value: string) => new asn1.ObjectIdentifier({ value });
export const octets = (bytes: Uint8Array) => new asn1.OctetString({ valueHex: bytes });
export const bits = (bytes: Uint8Array) => new asn1.BitString({ valueHex: bytes, unusedBits: 0 });
export const ia5 = (value: string) => new asn1.IA5String({ value });
export const utf8 = (value: string) => new asn1.Utf8String({ value });
export const bool = (value: boolean) => new asn1.Boolean({ value });
/** A whole second: DER GeneralizedTime has no fraction here, so a re-encoding gives the same bytes. */
export const genTime = (iso: string) =>
  new asn1.GeneralizedTime({ valueDate: new Date(Math.floor(Date.parse(iso) / 1000) * 1000) });
export const utcTime = (iso: string) =>
  new asn1.UTCTime({ valueDate: new Date(Math.floor(Date.parse(iso) / 1000) * 1000) });
/** `[n] EXPLICIT`. */
export const explicit = (n: number, ...value: Node[]) =>
  new asn1.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value });
/** Already-encoded DER, placed as is. */
export const raw = (der: Uint8Array): Node => {
  const parsed = asn1.fromBER(der);
  if (parsed.offset === -1) throw new Error('not DER');
  return parsed.result;
};

export const der = (node: Node): Uint8Array => new Uint8Array(node.toBER(false));

/** Thrown for bytes that are not the structure asked for; callers turn it into "invalid". */
export class MalformedDer extends Error {
  override readonly name = 'MalformedDer';
}

export function parse(bytes: Uint8Array): Node {
  const out = asn1.fromBER(bytes);
  if (out.offset === -1 || out.offset !== bytes.length) throw new MalformedDer('not one DER value');
  return out.result;
}

/** The bytes a parsed value was read from: what a signature covers. */
export const encodedOf = (node: Node): Uint8Array => new Uint8Array(node.valueBeforeDecodeView);

/** The values inside a SEQUENCE (or, for the SETs of a name, `set`); anything else is malformed. */
export function childrenOf(
  node: Node | undefined,
  what: string,
  kind: 'sequence' | 'set' = 'sequence',
): Node[] {
  const ok = kind === 'sequence' ? node instanceof asn1.Sequence : node instanceof asn1.Set;
  if (!ok) throw new MalformedDer(`${what}: not a ${kind.toUpperCase()}`);
  return (node as asn1.Constructed).valueBlock.value;
}

export function intOf(node: Node | undefined, what: string): bigint {
  if (!(node instanceof asn1.Integer)) throw new MalformedDer(`${what}: not an INTEGER`);
  return node.toBigInt();
}

export function oidOf(node: Node | undefined, what: string): string {
  if (!(node instanceof asn1.ObjectIdentifier)) throw new MalformedDer(`${what}: not an OID`);
  return node.valueBlock.toString();
}

export function octetsOf(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1.OctetString)) throw new MalformedDer(`${what}: not an OCTET STRING`);
  return new Uint8Array(node.valueBlock.valueHexView);
}

export function bitsOf(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1.BitString) || node.valueBlock.unusedBits !== 0) {
    throw new MalformedDer(`${what}: not a whole-byte BIT STRING`);
  }
  return new Uint8Array(node.valueBlock.valueHexView);
}

export function stringOf(node: Node | undefined, what: string): string {
  if (
    !(
      node instanceof asn1.IA5String ||
      node instanceof asn1.Utf8String ||
      node instanceof asn1.PrintableString
    )
  ) {
    throw new MalformedDer(`${what}: not a string`);
  }
  return node.valueBlock.value;
}

export function timeOf(node: Node | undefined, what: string): string {
  if (!(node instanceof asn1.UTCTime)) throw new MalformedDer(`${what}: not a time`);
  return node.toDate().toISOString();
}

export function boolOf(node: Node | undefined): boolean {
  return node instanceof asn1.Boolean ? node.valueBlock.value : false;
}

/** The value inside `[n] EXPLICIT`, or undefined when the node is not that tag. */
export function taggedOf(node: Node | undefined, n: number): Node | undefined {
  if (!(node instanceof asn1.Constructed)) return undefined;
  if (node.idBlock.tagClass !== 3 || node.idBlock.tagNumber !== n) return undefined;
  return node.valueBlock.value[0];
}

/** A SEQUENCE of values given as their exact encodings (re-encoding a parsed value could differ from what was signed). */
export function sequenceOfEncoded(...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const lengthBytes: number[] = [];
  for (let l = length; l > 0; l >>= 8) lengthBytes.unshift(l & 0xff);
  const header = length < 0x80 ? [0x30, length] : [0x30, 0x80 | lengthBytes.length, ...lengthBytes];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let o = header.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
