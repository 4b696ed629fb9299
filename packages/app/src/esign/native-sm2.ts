import { createECDH } from 'node:crypto';
import { SM2_CURVE, type Sm2SignOptions, sm2Digest, sm2SignatureRs, sm2SignWith } from '@onewindow/domain';

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

const { p: P, n: N, a: A, b: B } = SM2_CURVE;
const modP = (x: bigint) => ((x % P) + P) % P;
const bigOfBytes = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = base % m;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** x⁻¹ mod p by the extended Euclidean algorithm (x ≠ 0). */
function invertP(x: bigint): bigint {
  let [a, b, u, v]: [bigint, bigint, bigint, bigint] = [x, P, 1n, 0n];
  while (a !== 0n) {
    const q = b / a;
    [b, a] = [a, b - q * a];
    [v, u] = [u, v - q * u];
  }
  return modP(v);
}

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

/** x of k·Q by ECDH (OpenSSL checks Q is on the curve); undefined at infinity. */
function mulX(k: bigint, q: Uint8Array): bigint | undefined {
  try {
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(be32(k));
    return bigOfBytes(ecdh.computeSecret(q));
  } catch {
    return undefined;
  }
}

/**
 * SM2 verification with OpenSSL's scalar multiplications: s·G whole (an ECDH public key), t·P_A
 * by its x (an ECDH secret), its y told apart from −y by x((t ± 1)·P_A); then R = (e + x(s·G +
 * t·P_A)) mod n = r (GB/T 32918.2 §7.1, B1–B7). For the cases Lambda, whose bundle has no room
 * for a curve library; checked against @noble/curves and sm-crypto in test/unit/esign-sm2.test.ts.
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
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(be32(s));
    const sg = ecdh.getPublicKey();
    const S = { x: bigOfBytes(sg.subarray(1, 33)), y: bigOfBytes(sg.subarray(33)) };
    let Q: Affine;
    if (t === 1n) Q = pa;
    else {
      const xq = mulX(t, publicKey);
      if (xq === undefined) return false;
      const y0 = powMod(modP(xq * xq * xq + A * xq + B), (P + 1n) / 4n, P);
      const plus = { x: xq, y: y0 };
      // x((t+1)·P_A) = x(Q + P_A) for the right y only (for t = n − 1, use t − 1 and Q − P_A).
      const [k, other] = t + 1n < N ? [t + 1n, pa] : [t - 1n, { x: pa.x, y: modP(-pa.y) }];
      const want = mulX(k, publicKey);
      Q = add(plus, other)?.x === want ? plus : { x: xq, y: modP(-y0) };
      if (add(Q, other)?.x !== want) return false;
    }
    const R = add(S, Q);
    if (!R) return false;
    return (sm2Digest(publicKey, message) + R.x) % N === r;
  } catch {
    return false;
  }
}
