import { sm3 } from './sm3';

/**
 * SM2 digital signatures (GB/T 32918.2-2016) on the recommended curve (GB/T 32918.5):
 * e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), r = (e + x1) mod n,
 * s = (1 + d)⁻¹ (k − r·d) mod n. Not ECDSA on the SM2 curve (what Node's `crypto.sign`
 * does with an SM2 key). This module has the arithmetic mod n and no point arithmetic: the
 * caller brings k·G (sm2.ts with @noble/curves, or OpenSSL's ECDH in the cases Lambda,
 * whose bundle has no room for a curve library).
 */

/** The curve's order n, a literal rather than `SM2_CURVE.n`, so the curve stays out of bundles that never sign. */
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: SM2_N,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

const N = SM2_N;

/** The signer id GM/T 0009 and GB/T 35276 fix when none is agreed: "1234567812345678". */
export const SM2_DEFAULT_ID = '1234567812345678';

/** SM2-with-SM3 (GM/T 0006): the signature algorithm of certificates, seals and signatures. */
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';
/** The SM2 curve (GM/T 0006), the parameter of an id-ecPublicKey SM2 key. */
export const OID_SM2_CURVE = '1.2.156.10197.1.301';
/** id-ecPublicKey (RFC 5480), the algorithm of an SM2 public key in a certificate. */
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** SM3 (GM/T 0006). */
export const OID_SM3 = '1.2.156.10197.1.401';

export const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

export function invert(a: bigint, m: bigint): bigint {
  let [x, y, u, v] = [mod(a, m), m, 1n, 0n];
  while (x !== 0n) {
    const q = y / x;
    [y, x] = [x, y - q * x];
    [v, u] = [u, v - q * u];
  }
  if (y !== 1n) throw new Error('not invertible');
  return mod(v, m);
}

export const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
export const bigOf = (b: Uint8Array) => (b.length === 0 ? 0n : BigInt(`0x${toHex(b)}`));
export const be32 = (x: bigint) => fromHex(x.toString(16).padStart(64, '0'));

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** An SM2 public key: the uncompressed point 04 ‖ x ‖ y (65 bytes). */
export type Sm2PublicKey = Uint8Array;

/**
 * Z_A: the hash of the signer's id, the curve and the signer's public key. The key is taken
 * as given (04 ‖ x ‖ y): verifiers check it is on the curve before trusting a signature.
 */
export function sm2Z(publicKey: Sm2PublicKey, id: string = SM2_DEFAULT_ID): Uint8Array {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new Error('an SM2 public key is 04 ‖ x ‖ y');
  const idBytes = new TextEncoder().encode(id);
  const entl = idBytes.length * 8;
  return sm3(
    concatBytes(
      Uint8Array.of(entl >> 8, entl & 0xff),
      idBytes,
      be32(SM2_CURVE.a),
      be32(SM2_CURVE.b),
      be32(SM2_CURVE.Gx),
      be32(SM2_CURVE.Gy),
      publicKey.subarray(1),
    ),
  );
}

/** e = SM3(Z ‖ M) as a number. */
export const sm2Digest = (publicKey: Sm2PublicKey, message: Uint8Array, id?: string): bigint =>
  bigOf(sm3(concatBytes(sm2Z(publicKey, id), message)));

/** The private scalar d of a 32-byte key; d < n − 1, as (1 + d) must be invertible mod n. */
export function sm2Scalar(privateKey: Uint8Array): bigint {
  const d = bigOf(privateKey);
  if (privateKey.length !== 32 || d <= 0n || d >= N - 1n) throw new Error('invalid SM2 private key');
  return d;
}

/** A uniformly random scalar in [1, n − 2], from 48 random bytes (bias below 2⁻¹²⁸). */
export const randomScalar = (random: (n: number) => Uint8Array = cryptoRandom): bigint =>
  (bigOf(random(48)) % (N - 2n)) + 1n;

export const cryptoRandom = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** DER `SEQUENCE { INTEGER r, INTEGER s }` (GB/T 35276 SM2Signature). */
export function sm2SignatureDer(r: bigint, s: bigint): Uint8Array {
  const int = (x: bigint) => {
    let b: Uint8Array = be32(x);
    let i = 0;
    while (i < b.length - 1 && b[i] === 0 && ((b[i + 1] as number) & 0x80) === 0) i++;
    b = b.subarray(i);
    if (((b[0] as number) & 0x80) !== 0) b = concatBytes(Uint8Array.of(0), b);
    return concatBytes(Uint8Array.of(0x02, b.length), b);
  };
  const body = concatBytes(int(r), int(s));
  return concatBytes(Uint8Array.of(0x30, body.length), body);
}

/** r and s of a DER SM2 signature; undefined when it is not one (strict DER, as signed). */
export function sm2SignatureRs(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der.length > 72) return undefined;
  const out: bigint[] = [];
  let o = 2;
  for (let i = 0; i < 2; i++) {
    const len = der[o + 1] as number;
    if (der[o] !== 0x02 || len === 0 || len > 33 || o + 2 + len > der.length) return undefined;
    const v = der.subarray(o + 2, o + 2 + len);
    if (((v[0] as number) & 0x80) !== 0) return undefined;
    if (len > 1 && v[0] === 0 && ((v[1] as number) & 0x80) === 0) return undefined;
    out.push(bigOf(v));
    o += 2 + len;
  }
  if (o !== der.length) return undefined;
  const [r, s] = out as [bigint, bigint];
  return { r, s };
}

export interface Sm2SignOptions {
  /** The signer id in Z; the default id unless both sides agreed another. */
  readonly id?: string;
  /** A fixed k: the standard's known-answer examples only. */
  readonly k?: bigint;
  readonly random?: (n: number) => Uint8Array;
  /** Z_A made beforehand: it depends on the key and the signer id only, so a signer keeps it. */
  readonly z?: Uint8Array;
}

/**
 * The SM2 signature (DER) of `message` by the key pair (d, publicKey), where `baseX(k)` is the
 * x coordinate of k·G: GB/T 32918.2 §6.1, steps A1–A7.
 */
export function sm2SignWith(
  baseX: (k: bigint) => bigint,
  privateKey: Uint8Array,
  publicKey: Sm2PublicKey,
  message: Uint8Array,
  options: Sm2SignOptions = {},
): Uint8Array {
  const e = bigOf(sm3(concatBytes(options.z ?? sm2Z(publicKey, options.id), message)));
  return sm2SignDigestWith(baseX, privateKey, e, options);
}

/**
 * Steps A3–A7 over a digest e = SM3(Z ‖ M) made elsewhere: what a key store that signs digests
 * (KMS's SM2DSA with MessageType DIGEST) does with the key it keeps.
 */
export function sm2SignDigestWith(
  baseX: (k: bigint) => bigint,
  privateKey: Uint8Array,
  e: bigint,
  options: Pick<Sm2SignOptions, 'k' | 'random'> = {},
): Uint8Array {
  const d = sm2Scalar(privateKey);
  const dInv = invert(1n + d, N);
  for (;;) {
    const k = options.k ?? randomScalar(options.random);
    const r = mod(e + baseX(k), N);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * d), N);
    if (s === 0n) continue;
    return sm2SignatureDer(r, s);
  }
}

export const bytesEqual = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
