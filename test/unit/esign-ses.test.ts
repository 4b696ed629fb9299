import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import {
  buildSeSeal,
  buildSesSignature,
  certificateSignedBy,
  issueCertificate,
  OID_SM2_WITH_SM3,
  parseCertificate,
  parseSeSeal,
  parseSesSignature,
  sm2KeyPair,
  sm2Sign,
  sm3,
  verifySesSignature,
} from '../../packages/domain/src';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

const ca = sm2KeyPair();
const seal = sm2KeyPair();
const caName = { C: 'CN', O: 'OneWindow', OU: 'nanjing', CN: 'nanjing 电子印章制章系统 Seal CA' };

async function fixture() {
  const caCert = await issueCertificate(
    {
      serial: 1n,
      issuer: caName,
      subject: caName,
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2044-01-01T00:00:00Z',
      publicKey: ca.publicKey,
      ca: true,
    },
    (tbs) => sm2Sign(ca.privateKey, tbs),
  );
  const sealCert = await issueCertificate(
    {
      serial: 0x02abcdefn,
      issuer: caName,
      subject: {
        C: 'CN',
        O: '东山街道办事处',
        OU: 'nanjing.jiangning.dongshan',
        CN: '行政审批专用章 (approval)',
      },
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2034-01-01T00:00:00Z',
      publicKey: seal.publicKey,
      ca: false,
    },
    (tbs) => sm2Sign(ca.privateKey, tbs),
  );
  const picture = utf8('<svg xmlns="http://www.w3.org/2000/svg"/>');
  const seSeal = await buildSeSeal(
    {
      esId: 'nanjing.jiangning.dongshan/approval',
      type: 1,
      name: '行政审批专用章',
      certs: [sealCert],
      createDate: '2024-01-01T00:00:00Z',
      validStart: '2024-01-01T00:00:00Z',
      validEnd: '2034-01-01T00:00:00Z',
      picture: { type: 'svg', data: picture, width: 42, height: 42 },
    },
    caCert,
    (m) => sm2Sign(ca.privateKey, m),
  );
  const data = utf8('<ofd:SignedInfo>…</ofd:SignedInfo>');
  const signature = await buildSesSignature(
    {
      seal: seSeal,
      time: '2024-09-06T02:00:00.123Z',
      data,
      cert: sealCert,
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
    },
    (tbs) => sm2Sign(seal.privateKey, tbs),
  );
  return { caCert, sealCert, seSeal, data, signature, picture };
}

describe('SM2 certificates (GM/T 0015)', () => {
  it('round-trips: the key, names, CA flag, SM2-with-SM3 and the issuer’s signature', async () => {
    const { caCert, sealCert } = await fixture();
    const c = parseCertificate(sealCert);
    expect(hex(c.publicKey)).toBe(hex(seal.publicKey));
    expect(c.serial).toBe('2abcdef');
    expect(c.subject).toContain('CN=行政审批专用章 (approval)');
    expect(c.issuer).toContain('OU=nanjing');
    expect(c.ca).toBe(false);
    expect(parseCertificate(caCert).ca).toBe(true);
    expect(c.signatureAlgorithm).toBe(OID_SM2_WITH_SM3);
    expect(certificateSignedBy(c, ca.publicKey)).toBe(true);
    expect(certificateSignedBy(c, seal.publicKey)).toBe(false);
    // An outside SM2 library checks the certificate's signature from its parts alone.
    expect(
      smCrypto.sm2.doVerifySignature(Array.from(c.tbs), hex(c.signature), hex(ca.publicKey), {
        hash: true,
        der: true,
      }),
    ).toBe(true);
  });

  it('refuses a certificate with one flipped byte in what was signed', async () => {
    const { sealCert } = await fixture();
    const c = parseCertificate(sealCert);
    const at = sealCert.indexOf(0x02, 20); // inside the TBS
    const flipped = sealCert.slice();
    flipped[at + 3] = (flipped[at + 3] as number) ^ 1;
    let ok = false;
    try {
      ok = certificateSignedBy(parseCertificate(flipped), ca.publicKey);
    } catch {
      ok = false;
    }
    expect(ok).toBe(false);
    expect(certificateSignedBy(c, ca.publicKey)).toBe(true);
  });
});

describe('GB/T 38540 SESeal and SES_Signature', () => {
  it('SESeal round-trips: build → parse gives back every field, and re-building gives the same bytes', async () => {
    const { seSeal, caCert, sealCert, picture } = await fixture();
    const p = parseSeSeal(seSeal);
    expect(p).toMatchObject({
      version: 4,
      vendor: 'OneWindow',
      esId: 'nanjing.jiangning.dongshan/approval',
      type: 1,
      name: '行政审批专用章',
      createDate: '2024-01-01T00:00:00.000Z',
      validStart: '2024-01-01T00:00:00.000Z',
      validEnd: '2034-01-01T00:00:00.000Z',
      algorithm: OID_SM2_WITH_SM3,
    });
    expect(p.picture).toEqual({ type: 'svg', data: picture, width: 42, height: 42 });
    expect(p.certs.map(hex)).toEqual([hex(sealCert)]);
    expect(hex(p.makerCert)).toBe(hex(caCert));
    const again = await buildSeSeal(p, p.makerCert, () => p.signedValue);
    expect(hex(again)).toBe(hex(seSeal));
  });

  it('SES_Signature round-trips and verifies: signer, data digest, seal authority, certificate in the seal', async () => {
    const { signature, data, seSeal, sealCert } = await fixture();
    const p = parseSesSignature(signature);
    expect(p.version).toBe(4);
    expect(hex(p.sealBytes)).toBe(hex(seSeal));
    expect(p.time).toBe('2024-09-06T02:00:00.000Z');
    expect(hex(p.dataHash)).toBe(hex(sm3(data)));
    expect(p.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
    expect(hex(p.cert)).toBe(hex(sealCert));
    expect(p.algorithm).toBe(OID_SM2_WITH_SM3);
    const again = await buildSesSignature(
      { seal: p.sealBytes, time: p.time, data, cert: p.cert, propertyInfo: p.propertyInfo },
      () => p.signature,
    );
    expect(hex(again)).toBe(hex(signature));
    const v = verifySesSignature(signature, data);
    expect(v.valid).toBe(true);
    expect(hex(v.signerPublicKey ?? new Uint8Array())).toBe(hex(seal.publicKey));
    // The TBS_Sign signature checks with an outside SM2 library too.
    expect(
      smCrypto.sm2.doVerifySignature(Array.from(p.tbs), hex(p.signature), hex(seal.publicKey), {
        hash: true,
        der: true,
      }),
    ).toBe(true);
  });

  it('fails on other data, and on any one flipped byte of the signature structure', async () => {
    const { signature, data } = await fixture();
    expect(verifySesSignature(signature, utf8('other')).failed).toBe('data');
    // Every byte of the structure: a flip is caught (malformed, or a signature that no longer holds).
    const step = Math.max(1, Math.floor(signature.length / 97));
    for (let i = 0; i < signature.length; i += step) {
      const flipped = signature.slice();
      flipped[i] = (flipped[i] as number) ^ 0x01;
      expect(verifySesSignature(flipped, data).valid, `byte ${i}`).toBe(false);
    }
  });

  it('fails when the signer’s certificate is not one of the seal’s', async () => {
    const { seSeal, data, caCert } = await fixture();
    const stranger = await buildSesSignature(
      { seal: seSeal, time: '2024-09-06T02:00:00Z', data, cert: caCert },
      (tbs) => sm2Sign(ca.privateKey, tbs),
    );
    expect(verifySesSignature(stranger, data).failed).toBe('signer-not-in-seal');
  });
});
