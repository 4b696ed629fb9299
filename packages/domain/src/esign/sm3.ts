/**
 * SM3 (GB/T 32905-2016), the digest of every SM2 signature and seal: 256-bit, Merkle–Damgård
 * over 64-byte blocks. Our own because no kept npm package carries it without a second
 * curve library; it is checked against the standard's examples in test/unit/esign-sm2.test.ts.
 */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number) => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0;
const p0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

/**
 * T_j rotated left by j, precomputed for the 64 rounds. These tables and the curve constants are
 * marked pure (and the order `n` a literal) so bundles that import the domain without signing anything
 * (the console) leave them out.
 */
const TJ = /* @__PURE__ */ Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));

const W = /* @__PURE__ */ new Uint32Array(68);
const W1 = /* @__PURE__ */ new Uint32Array(64);

function compress(v: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    W[i] =
      (((block[o] as number) << 24) |
        ((block[o + 1] as number) << 16) |
        ((block[o + 2] as number) << 8) |
        (block[o + 3] as number)) >>>
      0;
  }
  for (let j = 16; j < 68; j++) {
    const x = (W[j - 16] as number) ^ (W[j - 9] as number) ^ rotl(W[j - 3] as number, 15);
    W[j] = (p1(x) ^ rotl(W[j - 13] as number, 7) ^ (W[j - 6] as number)) >>> 0;
  }
  for (let j = 0; j < 64; j++) W1[j] = ((W[j] as number) ^ (W[j + 4] as number)) >>> 0;
  let a = v[0] as number;
  let b = v[1] as number;
  let c = v[2] as number;
  let d = v[3] as number;
  let e = v[4] as number;
  let f = v[5] as number;
  let g = v[6] as number;
  let h = v[7] as number;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (TJ[j] as number)) >>> 0, 7);
    const ss2 = ss1 ^ a12;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + (W1[j] as number)) >>> 0;
    const tt2 = (gg + h + ss1 + (W[j] as number)) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2) >>> 0;
  }
  v[0] = (v[0] as number) ^ a;
  v[1] = (v[1] as number) ^ b;
  v[2] = (v[2] as number) ^ c;
  v[3] = (v[3] as number) ^ d;
  v[4] = (v[4] as number) ^ e;
  v[5] = (v[5] as number) ^ f;
  v[6] = (v[6] as number) ^ g;
  v[7] = (v[7] as number) ^ h;
}

/** SM3 of `data`: 32 bytes. */
export function sm3(data: Uint8Array): Uint8Array {
  const v = Uint32Array.from(IV);
  const full = data.length - (data.length % 64);
  for (let o = 0; o < full; o += 64) compress(v, data, o);
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian number.
  const rest = data.length - full;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(full));
  tail[rest] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let o = 0; o < tail.length; o += 64) compress(v, tail, o);
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, v[i] as number);
  return out;
}
