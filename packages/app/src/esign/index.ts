export { type SealKeyCustody, type Sm2Sign, wrappedCustody } from './custody';
export { nativeSm2KeyPair, nativeSm2Sign, nativeSm2SignDigest, nativeSm2Verify } from './native-sm2';
export { type CertificateStatus, type SealCertificate, SealPki, type SealRef } from './pki';
export { SealKeys, type SealSignature, type SealSigner, sealKeyIdOf } from './seal-keys';
export { type KeyVault, localKeyVault } from './vault';
