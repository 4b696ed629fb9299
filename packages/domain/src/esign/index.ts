// Electronic seals (GB/T 38540) over SM2/SM3. sm2-core and sm3 carry no curve or ASN.1 library,
// so the cases Lambda, which signs results and nothing else, bundles only them.
export { MalformedDer } from './asn1';
export { isSm2Result, resultSignedData } from './result';
export * from './ses';
export * from './sm2';
export {
  OID_EC_PUBLIC_KEY,
  OID_SM2_CURVE,
  OID_SM2_WITH_SM3,
  OID_SM3,
  SM2_CURVE,
  SM2_DEFAULT_ID,
  type Sm2PublicKey,
  type Sm2SignOptions,
  sm2Digest,
  sm2SignatureDer,
  sm2SignatureRs,
  sm2SignDigestWith,
  sm2SignWith,
  sm2Z,
} from './sm2-core';
export { sm3 } from './sm3';
export * from './x509';
