import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import {
  be32,
  cryptoRandom,
  mod,
  randomScalar,
  SM2_CURVE,
  SM2_DEFAULT_ID,
  SM2_N,
  type Sm2PublicKey,
  type Sm2SignOptions,
  sm2Digest,
  sm2Scalar,
  sm2SignatureRs,
  sm2SignWith,
} from './sm2-core';

/** The SM2 curve's points, by @noble/curves (its audited short-Weierstrass arithmetic). */
const Point = /* @__PURE__ */ weierstrass(SM2_CURVE);
const N = SM2_N;

/** The public key (04 ‖ x ‖ y) of a 32-byte private key. */
export const sm2PublicKey = (privateKey: Uint8Array): Sm2PublicKey =>
  Point.BASE.multiply(sm2Scalar(privateKey)).toBytes(false);

/** Whether `publicKey` is an uncompressed point on the SM2 curve (not the identity). */
export function sm2ValidPublicKey(publicKey: Uint8Array): boolean {
  try {
    if (publicKey.length !== 65 || publicKey[0] !== 4) return false;
    Point.fromBytes(publicKey).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** A fresh key pair; `random` is the platform's CSPRNG unless a test gives its own. */
export function sm2KeyPair(random: (n: number) => Uint8Array = cryptoRandom) {
  const privateKey = be32(randomScalar(random));
  return { privateKey, publicKey: sm2PublicKey(privateKey) };
}

/** The SM2 signature (DER) of `message`, with Z over the signer id. */
export function sm2Sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  options: Sm2SignOptions & { readonly publicKey?: Sm2PublicKey } = {},
): Uint8Array {
  const publicKey = options.publicKey ?? sm2PublicKey(privateKey);
  return sm2SignWith((k) => Point.BASE.multiply(k).toAffine().x, privateKey, publicKey, message, options);
}

/** Whether `signature` (DER) is `publicKey`'s SM2 signature of `message`; false for anything malformed. */
export function sm2Verify(
  publicKey: Sm2PublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): boolean {
  try {
    const rs = sm2SignatureRs(signature);
    if (!rs) return false;
    const { r, s } = rs;
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const t = mod(r + s, N);
    if (t === 0n) return false;
    const pa = Point.fromBytes(publicKey);
    pa.assertValidity();
    const e = sm2Digest(publicKey, message, id);
    const sum = Point.BASE.multiply(s).add(pa.multiplyUnsafe(t));
    if (sum.is0()) return false;
    return mod(e + sum.toAffine().x, N) === r;
  } catch {
    return false;
  }
}
