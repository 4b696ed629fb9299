import { generateKeyPairSync, sign, verify } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { nativeSm2KeyPair, nativeSm2Sign, nativeSm2Verify } from '../../packages/app/src/esign';
import { sm2PublicKey, sm2Sign, sm2Verify, sm2Z, sm3 } from '../../packages/domain/src';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);

// GB/T 32918.5-2017 (GM/T 0003.5) Appendix A, the signature example on the recommended curve.
const KAT = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  xA: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  yA: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  Z: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
const kat = { d: bytes(KAT.d), publicKey: bytes(`04${KAT.xA}${KAT.yA}`), message: utf8(KAT.message) };
const katSignature = bytes(`3046022100${KAT.r}022100${KAT.s}`);

describe('SM3 (GB/T 32905-2016)', () => {
  it('answers the standard’s two examples', () => {
    expect(hex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(hex(sm3(utf8('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('agrees with sm-crypto at every padding boundary', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const s = 'x'.repeat(n);
      expect(hex(sm3(utf8(s))), `length ${n}`).toBe(smCrypto.sm3(s));
    }
  });
});

describe('SM2 signatures (GB/T 32918.2), the standard’s example', () => {
  it('derives the public key and Z of the example', () => {
    expect(hex(sm2PublicKey(kat.d))).toBe(hex(kat.publicKey));
    expect(hex(sm2Z(kat.publicKey))).toBe(KAT.Z);
  });

  it('signs the example message with its k to exactly its r and s (noble and OpenSSL point arithmetic alike)', () => {
    expect(hex(sm2Sign(kat.d, kat.message, { k: KAT.k }))).toBe(hex(katSignature));
    expect(hex(nativeSm2Sign(kat.d, kat.publicKey, kat.message, { k: KAT.k }))).toBe(hex(katSignature));
    // A signer keeping Z (SealKeys) signs the same.
    expect(hex(nativeSm2Sign(kat.d, kat.publicKey, kat.message, { k: KAT.k, z: sm2Z(kat.publicKey) }))).toBe(
      hex(katSignature),
    );
  });

  it('verifies the example and refuses it for another message, another key or a flipped byte', () => {
    expect(sm2Verify(kat.publicKey, kat.message, katSignature)).toBe(true);
    expect(nativeSm2Verify(kat.publicKey, kat.message, katSignature)).toBe(true);
    expect(sm2Verify(kat.publicKey, utf8('message digesT'), katSignature)).toBe(false);
    expect(nativeSm2Verify(kat.publicKey, utf8('message digesT'), katSignature)).toBe(false);
    expect(sm2Verify(sm2PublicKey(bytes('01'.repeat(32))), kat.message, katSignature)).toBe(false);
    for (let i = 0; i < katSignature.length; i++) {
      const flipped = katSignature.slice();
      flipped[i] = (flipped[i] as number) ^ 1;
      expect(sm2Verify(kat.publicKey, kat.message, flipped), `byte ${i}`).toBe(false);
      expect(nativeSm2Verify(kat.publicKey, kat.message, flipped), `byte ${i}`).toBe(false);
    }
    const offCurve = kat.publicKey.slice();
    offCurve[64] = (offCurve[64] as number) ^ 1;
    expect(sm2Verify(offCurve, kat.message, katSignature)).toBe(false);
    expect(nativeSm2Verify(offCurve, kat.message, katSignature)).toBe(false);
    // Another signer id changes Z, so the same signature no longer holds.
    expect(sm2Verify(kat.publicKey, kat.message, katSignature, 'ALICE123@YAHOO.COM')).toBe(false);
  });

  it('is not ECDSA on the SM2 curve: what Node’s crypto.sign makes with an SM2 key does not verify', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const point = new Uint8Array(spki.subarray(spki.length - 65));
    const ecdsa = sign('sm3', Buffer.from(KAT.message), privateKey);
    expect(verify('sm3', Buffer.from(KAT.message), publicKey, ecdsa)).toBe(true);
    expect(sm2Verify(point, kat.message, new Uint8Array(ecdsa))).toBe(false);
  });
});

describe('SM2 against an independent implementation (sm-crypto)', () => {
  const message = '准予行政许可决定书 nanjing.jiangning.dongshan-20240906-0007';

  it('ours signs, sm-crypto verifies (both signers of ours)', () => {
    const { privateKey, publicKey } = nativeSm2KeyPair();
    for (const signature of [
      sm2Sign(privateKey, utf8(message)),
      nativeSm2Sign(privateKey, publicKey, utf8(message)),
    ]) {
      expect(
        smCrypto.sm2.doVerifySignature(message, hex(signature), hex(publicKey), { hash: true, der: true }),
      ).toBe(true);
    }
  });

  it('sm-crypto signs, ours verifies', () => {
    for (let i = 0; i < 5; i++) {
      const pair = smCrypto.sm2.generateKeyPairHex();
      const signature = smCrypto.sm2.doSignature(message, pair.privateKey, {
        hash: true,
        der: true,
        publicKey: pair.publicKey,
      });
      expect(sm2Verify(bytes(pair.publicKey), utf8(message), bytes(signature))).toBe(true);
      expect(nativeSm2Verify(bytes(pair.publicKey), utf8(message), bytes(signature))).toBe(true);
      expect(sm2Verify(bytes(pair.publicKey), utf8(`${message}.`), bytes(signature))).toBe(false);
      expect(nativeSm2Verify(bytes(pair.publicKey), utf8(`${message}.`), bytes(signature))).toBe(false);
    }
  });
});

describe('the two verifiers agree (OpenSSL-based for the cases Lambda, @noble/curves elsewhere)', () => {
  it('on genuine signatures, other messages and another key', () => {
    for (let i = 0; i < 20; i++) {
      const { privateKey, publicKey } = nativeSm2KeyPair();
      const m = utf8(`result ${i}`);
      const signature = nativeSm2Sign(privateKey, publicKey, m);
      const other = nativeSm2KeyPair().publicKey;
      for (const [key, msg, want] of [
        [publicKey, m, true],
        [publicKey, utf8(`result ${i}!`), false],
        [other, m, false],
      ] as const) {
        expect(nativeSm2Verify(key, msg, signature)).toBe(want);
        expect(sm2Verify(key, msg, signature)).toBe(want);
      }
    }
  });
});
