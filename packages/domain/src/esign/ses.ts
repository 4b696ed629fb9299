import {
  bits,
  bitsOf,
  childrenOf,
  der,
  encodedOf,
  genTime,
  ia5,
  int,
  intOf,
  MalformedDer,
  octets,
  octetsOf,
  oid,
  oidOf,
  parse,
  seq,
  sequenceOfEncoded,
  stringOf,
  timeOf,
  utf8,
} from './asn1';
import { sm2Verify } from './sm2';
import { bytesEqual, OID_SM2_WITH_SM3 } from './sm2-core';
import { sm3 } from './sm3';
import { parseCertificate } from './x509';

/**
 * GB/T 38540-2020 (安全电子签章密码技术规范), version 4 structures in DER:
 *
 *   SESeal ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING (制章人证书),
 *                         signAlgID OBJECT IDENTIFIER, signedValue BIT STRING }
 *   SES_SealInfo ::= SEQUENCE { header SES_Header, esID IA5String,
 *                               property SES_ESPropertyInfo, picture SES_ESPictrueInfo }
 *   SES_Header ::= SEQUENCE { ID IA5String "ES", version INTEGER 4, Vid IA5String }
 *   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER,
 *       certList SEQUENCE OF OCTET STRING, createDate, validStart, validEnd GeneralizedTime }
 *   SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width, height INTEGER }
 *
 *   SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING (签章人证书),
 *                                signatureAlgID OBJECT IDENTIFIER, signature BIT STRING,
 *                                timeStamp [0] EXPLICIT BIT STRING OPTIONAL }
 *   TBS_Sign ::= SEQUENCE { version INTEGER 4, eseal SESeal, timeInfo GeneralizedTime,
 *                           dataHash BIT STRING, propertyInfo IA5String }
 *
 * The seal is signed by the seal authority (制章人, the city's seal CA) over
 * SEQUENCE { eSealInfo, cert, signAlgID }; the signature over the DER of TBS_Sign, both
 * SM2-with-SM3 with the default signer id. dataHash is SM3 of the signed data.
 */

export const SES_VERSION = 4;
/** Vid: the maker's identification (厂商标识). */
export const SES_VENDOR = 'OneWindow';

export type Signer = (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface SealPicture {
  /** The picture's format as the seal carries it ("svg" for ours: see README, what we inferred). */
  readonly type: string;
  readonly data: Uint8Array;
  /** Size in millimetres. */
  readonly width: number;
  readonly height: number;
}

export interface SealInfo {
  /** esID: the seal's code (印章编码). */
  readonly esId: string;
  /** 1 单位印章 (an organisation's seal), 2 个人印章. */
  readonly type: 1 | 2;
  readonly name: string;
  /** DER certificates of the seal's signing keys (certListType 1: certificates themselves). */
  readonly certs: readonly Uint8Array[];
  readonly createDate: string;
  readonly validStart: string;
  readonly validEnd: string;
  readonly picture: SealPicture;
  readonly vendor?: string;
}

const sealInfoNode = (info: SealInfo) =>
  seq(
    seq(ia5('ES'), int(SES_VERSION), ia5(info.vendor ?? SES_VENDOR)),
    ia5(info.esId),
    seq(
      int(info.type),
      utf8(info.name),
      int(1),
      seq(...info.certs.map(octets)),
      genTime(info.createDate),
      genTime(info.validStart),
      genTime(info.validEnd),
    ),
    seq(ia5(info.picture.type), octets(info.picture.data), int(info.picture.width), int(info.picture.height)),
  );

/** SESeal, signed by the seal authority whose certificate is `makerCert`. */
export async function buildSeSeal(info: SealInfo, makerCert: Uint8Array, sign: Signer): Promise<Uint8Array> {
  const signed = der(seq(sealInfoNode(info), octets(makerCert), oid(OID_SM2_WITH_SM3)));
  const value = await sign(signed);
  return der(seq(sealInfoNode(info), octets(makerCert), oid(OID_SM2_WITH_SM3), bits(value)));
}

export interface ParsedSeSeal extends SealInfo {
  readonly version: number;
  readonly makerCert: Uint8Array;
  readonly algorithm: string;
  readonly signedValue: Uint8Array;
  /** The bytes the seal authority signed. */
  readonly signedBytes: Uint8Array;
}

export function parseSeSeal(bytes: Uint8Array): ParsedSeSeal {
  const [infoNode, cert, alg, value] = childrenOf(parse(bytes), 'SESeal');
  const [header, esId, property, picture] = childrenOf(infoNode, 'SES_SealInfo');
  const [id, version, vid] = childrenOf(header, 'SES_Header');
  if (stringOf(id, 'header.ID') !== 'ES') throw new MalformedDer('SES_Header.ID is not "ES"');
  const [type, name, certListType, certList, createDate, validStart, validEnd] = childrenOf(
    property,
    'SES_ESPropertyInfo',
  );
  if (intOf(certListType, 'certListType') !== 1n)
    throw new MalformedDer('only certListType 1 (certificates) is read');
  const [pType, pData, pWidth, pHeight] = childrenOf(picture, 'SES_ESPictrueInfo');
  const makerCert = octetsOf(cert, 'cert');
  const algorithm = oidOf(alg, 'signAlgID');
  const sealType = Number(intOf(type, 'type'));
  return {
    version: Number(intOf(version, 'version')),
    vendor: stringOf(vid, 'Vid'),
    esId: stringOf(esId, 'esID'),
    type: sealType === 2 ? 2 : 1,
    name: stringOf(name, 'name'),
    certs: childrenOf(certList, 'certList').map((c) => octetsOf(c, 'certList')),
    createDate: timeOf(createDate, 'createDate'),
    validStart: timeOf(validStart, 'validStart'),
    validEnd: timeOf(validEnd, 'validEnd'),
    picture: {
      type: stringOf(pType, 'picture.type'),
      data: octetsOf(pData, 'picture.data'),
      width: Number(intOf(pWidth, 'picture.width')),
      height: Number(intOf(pHeight, 'picture.height')),
    },
    makerCert,
    algorithm,
    signedValue: bitsOf(value, 'signedValue'),
    signedBytes: sequenceOfEncoded(
      encodedOf(infoNode as never),
      encodedOf(cert as never),
      encodedOf(alg as never),
    ),
  };
}

export interface SesSignatureInput {
  /** The SESeal (DER) applied. */
  readonly seal: Uint8Array;
  /** When it is applied (timeInfo). */
  readonly time: string;
  /** The signed data: its SM3 is dataHash. */
  readonly data: Uint8Array;
  /** propertyInfo: in an OFD, the path of the signed Signature.xml. */
  readonly propertyInfo?: string;
  /** The signer's certificate (DER): one of the seal's. */
  readonly cert: Uint8Array;
}

/** SES_Signature over `data`, its TBS_Sign signed by `sign` (the key of `cert`). */
export async function buildSesSignature(input: SesSignatureInput, sign: Signer): Promise<Uint8Array> {
  const tbs = der(
    seq(
      int(SES_VERSION),
      parse(input.seal),
      genTime(input.time),
      bits(sm3(input.data)),
      ia5(input.propertyInfo ?? ''),
    ),
  );
  const value = await sign(tbs);
  return der(seq(parse(tbs), octets(input.cert), oid(OID_SM2_WITH_SM3), bits(value)));
}

export interface ParsedSesSignature {
  readonly version: number;
  readonly seal: ParsedSeSeal;
  readonly sealBytes: Uint8Array;
  readonly time: string;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  readonly cert: Uint8Array;
  readonly algorithm: string;
  readonly signature: Uint8Array;
  /** The DER of TBS_Sign: the signed bytes. */
  readonly tbs: Uint8Array;
}

export function parseSesSignature(bytes: Uint8Array): ParsedSesSignature {
  const [toSign, cert, alg, value] = childrenOf(parse(bytes), 'SES_Signature');
  const [version, eseal, timeInfo, dataHash, propertyInfo] = childrenOf(toSign, 'TBS_Sign');
  const sealBytes = encodedOf(eseal as never);
  return {
    version: Number(intOf(version, 'version')),
    seal: parseSeSeal(sealBytes),
    sealBytes,
    time: timeOf(timeInfo, 'timeInfo'),
    dataHash: bitsOf(dataHash, 'dataHash'),
    propertyInfo: stringOf(propertyInfo, 'propertyInfo'),
    cert: octetsOf(cert, 'cert'),
    algorithm: oidOf(alg, 'signatureAlgID'),
    signature: bitsOf(value, 'signature'),
    tbs: encodedOf(toSign as never),
  };
}

export type SesCheck =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'data'
  | 'seal-signature'
  | 'signer-not-in-seal'
  | 'seal-expired';

export interface SesVerification {
  readonly valid: boolean;
  /** The first check that failed. */
  readonly failed?: SesCheck;
  readonly parsed?: ParsedSesSignature;
  /** The signer's public key (04 ‖ x ‖ y), from its certificate. */
  readonly signerPublicKey?: Uint8Array;
}

/**
 * Whether an SES_Signature holds by itself: the signer's SM2 signature over TBS_Sign; the
 * data's SM3 (when `data` is given); the seal authority's signature over the seal; the signer's
 * certificate listed in the seal; the signing time inside the seal's validity. Whether the
 * seal authority and the certificates are trusted (chain, revocation) is the caller's part.
 */
export function verifySesSignature(bytes: Uint8Array, data?: Uint8Array): SesVerification {
  let parsed: ParsedSesSignature;
  let signerPublicKey: Uint8Array;
  let makerPublicKey: Uint8Array;
  try {
    parsed = parseSesSignature(bytes);
    signerPublicKey = parseCertificate(parsed.cert).publicKey;
    makerPublicKey = parseCertificate(parsed.seal.makerCert).publicKey;
  } catch {
    return { valid: false, failed: 'malformed' };
  }
  const fail = (failed: SesCheck): SesVerification => ({ valid: false, failed, parsed, signerPublicKey });
  if (parsed.algorithm !== OID_SM2_WITH_SM3 || parsed.seal.algorithm !== OID_SM2_WITH_SM3)
    return fail('algorithm');
  if (!sm2Verify(signerPublicKey, parsed.tbs, parsed.signature)) return fail('signature');
  if (data !== undefined && !bytesEqual(sm3(data), parsed.dataHash)) return fail('data');
  if (!sm2Verify(makerPublicKey, parsed.seal.signedBytes, parsed.seal.signedValue))
    return fail('seal-signature');
  if (!parsed.seal.certs.some((c) => bytesEqual(c, parsed.cert))) return fail('signer-not-in-seal');
  if (parsed.time < parsed.seal.validStart || parsed.time > parsed.seal.validEnd) return fail('seal-expired');
  return { valid: true, parsed, signerPublicKey };
}
