import smCrypto from 'sm-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  certificateSignedBy,
  issueCertificate,
  parseCertificate,
  parseSesSignature,
  sm2KeyPair,
  sm2Sign,
  verificationCodeOf,
  verifySesSignature,
} from '../../packages/domain/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, CLERK, intake, seedCases } from '../support/cases';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const SEAL = 'centre-seal';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
});

async function issuedCase() {
  const { caseNo } = await intake(t);
  expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  const issued = await act(t, CLERK, caseNo, 'issue', { delivery: 'window' });
  expect(issued.status).toBe(200);
  return { caseNo, result: issued.body.result };
}

describe('results signed with SM2 by the seal’s own key (issue 14)', () => {
  it('verification answers signature and seal so that sm-crypto alone can check it', async () => {
    const { caseNo, result } = await issuedCase();
    expect(result.keyId).toMatch(/^sm2:[0-9a-f]{16}$/);
    const code = verificationCodeOf(result.signature);
    const res = await t.call(undefined, 'GET', `/v1/public/results/${caseNo}/verify?code=${code}`);
    expect(res.status).toBe(200);
    const { signature, seal, valid } = res.body;
    expect(valid).toBe(true);
    expect(signature).toMatchObject({
      algorithm: 'SM2-with-SM3',
      status: 'valid',
      signerId: '1234567812345678',
    });
    expect(signature.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    // An outside tool: the three published values and any SM2 library (sm-crypto here, nothing of ours).
    const signed = [...Buffer.from(signature.signedData, 'base64')];
    expect(
      smCrypto.sm2.doVerifySignature(signed, signature.value, signature.publicKey, { hash: true, der: true }),
    ).toBe(true);
    // signedData is exactly the result's canonical JSON, so the holder can read what was signed.
    const { signature: _s, delivery: _d, ...content } = result;
    expect(Buffer.from(signature.signedData, 'base64').toString('utf8')).toBe(canonicalJson(content));
    const other = [...Buffer.from(canonicalJson({ ...content, outcome: 'deny' }))];
    expect(
      smCrypto.sm2.doVerifySignature(other, signature.value, signature.publicKey, { hash: true, der: true }),
    ).toBe(false);
    expect(seal).toMatchObject({ id: SEAL, validAtIssue: true });
    expect(['valid', 'pending']).toContain(seal.status);

    // Without the code, nothing that gives the code or the content away.
    const summary = await t.call(undefined, 'GET', `/v1/public/results/${caseNo}/verify`);
    expect(summary.body.signature).toEqual({ algorithm: 'SM2-with-SM3', status: 'valid' });
  });

  it('publishes the seal’s certificate (SM2-with-SM3, issued by the city seal CA) with its chain', async () => {
    await issuedCase();
    const res = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seal: SEAL, source: 'platform-ca', status: 'good' });
    const cert = parseCertificate(unb64(res.body.certificate));
    expect(hex(cert.publicKey)).toBe(res.body.publicKey);
    expect(cert.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(cert.subject).toContain(SEAL);
    const [caDer] = res.body.chain;
    const ca = parseCertificate(unb64(caDer));
    expect(ca.ca).toBe(true);
    expect(certificateSignedBy(cert, ca.publicKey)).toBe(true);
    expect(certificateSignedBy(ca, ca.publicKey)).toBe(true);
    // The key that signs results is the certified one.
    const { caseNo, result } = await issuedCase();
    const v = await t.call(
      undefined,
      'GET',
      `/v1/public/results/${caseNo}/verify?code=${verificationCodeOf(result.signature)}`,
    );
    expect(v.body.signature.publicKey).toBe(res.body.publicKey);
    expect(v.body.seal.certificate).toBe(res.body.certificate);
    expect(v.body.seal.status).toBe('valid');
  });

  it('signSes gives a GB/T 38540 SES_Signature over the data, with the seal and its certificate', async () => {
    const data = new TextEncoder().encode('<ofd:Signature/>');
    const der = await t.services.esign.signSes({
      tenant: DONGSHAN,
      seal: { id: SEAL, body: `${DONGSHAN}/convenience-centre`, tenant: DONGSHAN },
      data,
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
    });
    const v = verifySesSignature(der, data);
    expect(v.valid).toBe(true);
    const p = parseSesSignature(der);
    expect(p.seal.name).toBe('行政审批专用章');
    expect(p.seal.picture.type).toBe('svg');
    expect(new TextDecoder().decode(p.seal.picture.data)).toContain('<svg');
    const published = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    expect(Buffer.from(p.cert).toString('base64')).toBe(published.body.certificate);
    const ca = parseCertificate(unb64(published.body.chain[0]));
    expect(certificateSignedBy(parseCertificate(p.seal.makerCert), ca.publicKey)).toBe(true);
  });
});

describe('a city imports a licensed CA’s certificate for a seal’s key', () => {
  const PATH = `/v1/tenants/${DONGSHAN}/seals/${SEAL}/certificate`;
  const licensed = sm2KeyPair();
  const name = { C: 'CN', O: 'Licensed CA', CN: 'Licensed SM2 CA' };
  const certify = (publicKey: Uint8Array, signer = licensed.privateKey) =>
    issueCertificate(
      {
        serial: 77n,
        issuer: name,
        subject: { CN: '行政审批专用章' },
        notBefore: '2024-01-01T00:00:00Z',
        notAfter: '2029-01-01T00:00:00Z',
        publicKey,
        ca: false,
      },
      (tbs) => sm2Sign(signer, tbs),
    );

  it('accepts a certificate of exactly the seal’s key, refuses another key or a broken chain', async () => {
    const current = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    const sealKey = new Uint8Array(Buffer.from(current.body.publicKey, 'hex'));
    const root = await issueCertificate(
      {
        serial: 1n,
        issuer: name,
        subject: name,
        notBefore: '2024-01-01T00:00:00Z',
        notAfter: '2044-01-01T00:00:00Z',
        publicKey: licensed.publicKey,
        ca: true,
      },
      (tbs) => sm2Sign(licensed.privateKey, tbs),
    );
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

    const wrongKey = await t.call(PLATFORM, 'PUT', PATH, {
      certificate: b64(await certify(sm2KeyPair().publicKey)),
    });
    expect(wrongKey.status).toBe(400);
    expect(JSON.stringify(wrongKey.body)).toContain('certificate');

    const forged = await certify(sealKey, sm2KeyPair().privateKey);
    const broken = await t.call(PLATFORM, 'PUT', PATH, { certificate: b64(forged), chain: [b64(root)] });
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toContain('chain.0');

    // A tenant administrator may not: the city decides which CA certifies its seals.
    expect((await t.call(ADMIN, 'PUT', PATH, { certificate: b64(await certify(sealKey)) })).status).toBe(403);

    const ok = await t.call(PLATFORM, 'PUT', PATH, {
      certificate: b64(await certify(sealKey)),
      chain: [b64(root)],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ source: 'imported', serial: '4d', status: 'good' });
    const published = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    expect(published.body.source).toBe('imported');
    expect(published.body.chain).toEqual([b64(root)]);
  });
});

describe('voiding a seal revokes its certificate', () => {
  it('lists the certificate as revoked from the void; results issued before stay valid and say the certificate is revoked now', async () => {
    const { caseNo, result } = await issuedCase();
    const code = verificationCodeOf(result.signature);
    const cert = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    const before = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/revoked`);
    expect(before.body.revoked).toEqual([]);

    // A successor, so later results are sealed at all (R3).
    const reg = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
      id: 'centre-seal-2',
      body: 'convenience-centre',
      name: '行政审批专用章（2）',
      validFrom: '2020-01-01T00:00:00+08:00',
      electronic: true,
    });
    expect(reg.status).toBe(201);
    const voided = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals/${SEAL}/void`, {
      at: new Date().toISOString(),
      successor: 'centre-seal-2',
    });
    expect(voided.status).toBe(200);

    const list = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/revoked`);
    expect(list.status).toBe(200);
    expect(list.body.revoked).toEqual([
      expect.objectContaining({ serial: cert.body.serial, seal: SEAL, reason: 'cessationOfOperation' }),
    ]);
    const after = await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/seals/${SEAL}/certificate`);
    expect(after.body.status).toBe('revoked');

    const v = await t.call(undefined, 'GET', `/v1/public/results/${caseNo}/verify?code=${code}`);
    expect(v.body.valid).toBe(true);
    expect(v.body.seal).toMatchObject({ validAtIssue: true, status: 'revoked' });

    // After the void the seal signs nothing more.
    await expect(
      t.services.esign.signSes({
        tenant: DONGSHAN,
        seal: { id: SEAL, body: `${DONGSHAN}/convenience-centre`, tenant: DONGSHAN },
        data: new Uint8Array([1]),
      }),
    ).rejects.toThrow(/void|作废/);

    // A later result takes the successor and its own key.
    const later = await issuedCase();
    expect(later.result.seal.id).toBe('centre-seal-2');
    expect(later.result.keyId).not.toBe(result.keyId);
  });
});
