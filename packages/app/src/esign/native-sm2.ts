import { createECDH } from 'node:crypto';
import {
  SM2_CURVE,
  type Sm2SignOptions,
  sm2Digest,
  sm2SignatureRs,
  sm2SignDigestWith,
  sm2SignWith,
} from '@onewindow/domain';

/**
 * SM2 signing with OpenSSL's point multiplication (Node's ECDH on the SM2 curve gives k·G):
 * the SM2 equations stay ours (domain/esign/sm2-core.ts), checked against the standard's
 * example and sm-crypto in test/unit/esign-sm2.test.ts. The cases Lambda signs this way
 * because a curve library would not fit its bundle; verification uses @noble/curves.
 */
const be32 = (x: bigint) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');

/** One ECDH object for the process: setting its key and reading k·G is synchronous. */
let base: ReturnType<typeof createECDH> | undefined;

function baseX(k: bigint): bigint {
  base ??= createECDH('SM2');
  base.setPrivateKey(be32(k));
  return BigInt(`0x${base.getPublicKey().subarray(1, 33).toString('hex')}`);
}

export const nativeSm2Sign = (
  privateKey: Uint8Array,
  publicKey: Uint8Array,
  message: Uint8Array,
  options?: Sm2SignOptions,
): Uint8Array => sm2SignWith(baseX, privateKey, publicKey, message, options);

/** The signature of a digest e = SM3(Z ‖ M) made elsewhere (a stand-in for KMS in tests). */
export const nativeSm2SignDigest = (privateKey: Uint8Array, e: Uint8Array): Uint8Array =>
  sm2SignDigestWith(baseX, privateKey, BigInt(`0x${Buffer.from(e).toString('hex')}`));

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

const { p: P, n: N, a: A, b: B } = SM2_CURVE;
const modP = (x: bigint) => ((x % P) + P) % P;
const bigOfBytes = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

/** x⁻¹ mod m by the extended Euclidean algorithm (x ≠ 0). */
function invertMod(x: bigint, m: bigint): bigint {
  let [a, b, u, v]: [bigint, bigint, bigint, bigint] = [x, m, 1n, 0n];
  while (a !== 0n) {
    const q = b / a;
    [b, a] = [a, b - q * a];
    [v, u] = [u, v - q * u];
  }
  return ((v % m) + m) % m;
}
const invertP = (x: bigint) => invertMod(x, P);
const invertN = (x: bigint) => invertMod(x, N);

type Affine = { readonly x: bigint; readonly y: bigint } | undefined;

/** P + Q in affine coordinates (undefined is the point at infinity). */
function add(p: Affine, q: Affine): Affine {
  if (!p) return q;
  if (!q) return p;
  let lambda: bigint;
  if (p.x === q.x) {
    if (modP(p.y + q.y) === 0n) return undefined;
    lambda = modP(3n * p.x * p.x + A) * invertP(modP(2n * p.y));
  } else {
    lambda = modP(q.y - p.y) * invertP(modP(q.x - p.x));
  }
  lambda = modP(lambda);
  const x = modP(lambda * lambda - p.x - q.x);
  return { x, y: modP(lambda * (p.x - x) - p.y) };
}

/**
 * SM2 verification with OpenSSL's scalar multiplications (GB/T 32918.2 §7.1, B1–B7): with
 * u = s·t⁻¹ mod n, s·G + t·P_A = t·(P_A + u·G), so R = (e + x(t·W)) mod n with W = P_A + u·G:
 * u·G whole (an ECDH public key), one affine addition, and x(t·W) as an ECDH secret. For the
 * cases Lambda, whose bundle has no room for a curve library; checked against @noble/curves and
 * sm-crypto in test/unit/esign-sm2.test.ts.
 */
export function nativeSm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const rs = sm2SignatureRs(signature);
    if (!rs || publicKey.length !== 65 || publicKey[0] !== 4) return false;
    const { r, s } = rs;
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const t = (r + s) % N;
    if (t === 0n) return false;
    const pa = { x: bigOfBytes(publicKey.subarray(1, 33)), y: bigOfBytes(publicKey.subarray(33)) };
    // P_A on the curve (ECDH would check it too, but W is built from it first).
    if (pa.x >= P || pa.y >= P) return false;
    if (modP(pa.y * pa.y - (pa.x * pa.x * pa.x + A * pa.x + B)) !== 0n) return false;
    const u = (s * invertN(t)) % N;
    const ug = createECDH('SM2');
    ug.setPrivateKey(be32(u));
    const g = ug.getPublicKey();
    const W = add(pa, { x: bigOfBytes(g.subarray(1, 33)), y: bigOfBytes(g.subarray(33)) });
    if (!W) return false;
    const tw = createECDH('SM2');
    tw.setPrivateKey(be32(t));
    const R = { x: bigOfBytes(tw.computeSecret(Buffer.concat([Buffer.of(4), be32(W.x), be32(W.y)]))) };
    return (sm2Digest(publicKey, message) + R.x) % N === r;
  } catch {
    return false;
  }
}
