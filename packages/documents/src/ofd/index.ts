/**
 * The result as an OFD package (GB/T 33190): the page with the decision's text and the seal
 * drawn where it is printed, and a seal signature (GB/T 38540 SES_Signature over Signature.xml,
 * which lists the SM3 digest of every other part). Pure: the caller digests and signs.
 */
export { imprintObjects } from './imprint';
export { OFD_PATHS, type OfdResultInput, type OfdStamp, ofdResultParts, pagePath } from './result';
export { OID_SM2_SM3, OID_SM3, packOfd, SIGNED_PARTS, signatureXml } from './signature';
