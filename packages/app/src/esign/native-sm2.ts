import { createECDH } from 'node:crypto';
import { SM2_CURVE, type Sm2SignOptions, sm2SignWith } from '@onewindow/domain';

/**
 * SM2 signing with OpenSSL's point multiplication (Node's ECDH on the SM2 curve gives k·G):
 * the SM2 equations stay ours (domain/esign/sm2-core.ts), checked against the standard's
 * example and sm-crypto in test/unit/esign-sm2.test.ts. The cases Lambda signs this way
 * because a curve library would not fit its bundle; verification uses @noble/curves.
 */
const be32 = (x: bigint) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');

function baseX(k: bigint): bigint {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(be32(k));
  return BigInt(`0x${ecdh.getPublicKey().subarray(1, 33).toString('hex')}`);
}

export const nativeSm2Sign = (
  privateKey: Uint8Array,
  publicKey: Uint8Array,
  message: Uint8Array,
  options?: Sm2SignOptions,
): Uint8Array => sm2SignWith(baseX, privateKey, publicKey, message, options);

/** A fresh SM2 key pair from OpenSSL's generator. */
export function nativeSm2KeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const ecdh = createECDH('SM2');
  for (;;) {
    const publicKey = new Uint8Array(ecdh.generateKeys());
    const privateKey = new Uint8Array(Buffer.from(ecdh.getPrivateKey('hex').padStart(64, '0'), 'hex'));
    // d = n − 1 has no (1 + d)⁻¹: vanishingly rare, but then draw again.
    const d = BigInt(`0x${Buffer.from(privateKey).toString('hex')}`);
    if (privateKey.length === 32 && d < SM2_CURVE.n - 1n) return { privateKey, publicKey };
  }
}
