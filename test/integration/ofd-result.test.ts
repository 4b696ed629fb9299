import * as asn1js from 'asn1js';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import smCrypto from 'sm-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import { OfdResults } from '../../packages/app/src';
import { RESULT_TEXT } from '../../packages/documents/src/result-text';
import { type SealedResult, verificationCodeOf, verifySesSignature } from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { APPROVER, act, CASES, CLERK, intake, seedCases } from '../support/cases';

/**
 * The result as an OFD package (GB/T 33190) under its seal (GB/T 38540), read back with an
 * independent zip reader (JSZip) and XML parser (fast-xml-parser), its digests redone with
 * sm-crypto's SM3 and its signature checked by ESIGN's verifier and by sm-crypto alone.
 */
let t: TestApp;
let ofd: OfdResults;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  // The stream worker's builder: the app's own seal PKI, and the base URL the printed link takes.
  ofd = new OfdResults(
    t.store,
    t.services.cases,
    t.services.commands,
    t.services.esign,
    'https://onewindow.example',
  );
});

async function issued(): Promise<{ caseNo: string; result: SealedResult }> {
  const c = await intake(t);
  expect((await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  const issue = await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' });
  expect(issue.status, JSON.stringify(issue.body)).toBe(200);
  return { caseNo: c.caseNo, result: issue.body.result };
}

async function download(path: string, as = CLERK) {
  const res = await t.app.request(path, {
    headers: { authorization: `Bearer ${await t.token(as)}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

/** Every element named `name` anywhere under `node`. */
function all(node: unknown, name: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === name) for (const x of Array.isArray(v) ? v : [v]) out.push(x as Record<string, unknown>);
      walk(v);
    }
  };
  walk(node);
  return out;
}

const text = (v: unknown): string =>
  typeof v === 'object' && v !== null ? String((v as { '#text'?: unknown })['#text'] ?? '') : String(v);

/** The SM2 signature and signed bytes of an SES_Signature and its signer's public key, read with asn1js alone. */
function sesParts(der: Uint8Array) {
  const ses = asn1js.fromBER(der).result as asn1js.Sequence;
  const [tbs, cert, , value] = ses.valueBlock.value as [
    asn1js.Sequence,
    asn1js.OctetString,
    unknown,
    asn1js.BitString,
  ];
  const x509 = asn1js.fromBER(cert.valueBlock.valueHexView).result as asn1js.Sequence;
  const tbsCert = (x509.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
  // version [0], serial, signature, issuer, validity, subject, subjectPublicKeyInfo
  const spki = tbsCert[6] as asn1js.Sequence;
  const key = (spki.valueBlock.value[1] as asn1js.BitString).valueBlock.valueHexView;
  const tbsFields = tbs.valueBlock.value;
  return {
    tbs: new Uint8Array(tbs.toBER(false)),
    signature: value.valueBlock.valueHexView,
    publicKey: key,
    dataHash: (tbsFields[3] as asn1js.BitString).valueBlock.valueHexView,
  };
}

describe('OFD result (GB/T 33190, sealed under GB/T 38540)', () => {
  let caseNo: string;
  let result: SealedResult;
  let first: Uint8Array;

  beforeAll(async () => {
    ({ caseNo, result } = await issued());
    const res = await download(`${CASES}/${caseNo}/result.ofd`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/ofd');
    first = res.bytes;
  });

  it('is a package whose every referenced part exists, with the decision on its page', async () => {
    const zip = await JSZip.loadAsync(first);
    const read = async (path: string) => {
      const f = zip.file(path.replace(/^\//, ''));
      if (!f) throw new Error(`missing part ${path}`);
      return f.async('uint8array');
    };
    const str = async (path: string) => new TextDecoder().decode(await read(path));
    const root = xml.parse(await str('OFD.xml'));
    const body = root.OFD.DocBody;
    expect(root.OFD['@DocType']).toBe('OFD');
    const docRoot = text(body.DocRoot);
    const base = docRoot.slice(0, docRoot.lastIndexOf('/') + 1);
    const document = xml.parse(await str(docRoot)).Document;
    for (const res of [document.CommonData.PublicRes, document.CommonData.DocumentRes])
      await read(`${base}${text(res)}`);
    const fonts = all(xml.parse(await str(`${base}${text(document.CommonData.PublicRes)}`)), 'Font');
    expect(fonts.map((f) => f['@FontName'])).toContain('宋体');
    const pages = all(document, 'Page');
    expect(pages).toHaveLength(1);
    const pageXml = xml.parse(await str(`${base}${pages[0]?.['@BaseLoc']}`));
    const pageText = all(pageXml, 'TextCode').map(text).join('');
    expect(pageText).toContain(RESULT_TEXT.zh.body(result));
    expect(pageText).toContain(RESULT_TEXT.zh.title(true));
    expect(pageText).toContain(verificationCodeOf(result.signature).replace(/^(.{4})/, '$1-'));
    // The imprint is drawn on the page (ring and star) in the seal's red.
    expect(all(pageXml, 'PathObject').length).toBeGreaterThanOrEqual(2);

    const signatures = xml.parse(await str(text(body.Signatures)));
    const [sig] = all(signatures, 'Signature');
    const signaturePath = String(sig?.['@BaseLoc']);
    const signatureBytes = await read(signaturePath);
    const signature = xml.parse(new TextDecoder().decode(signatureBytes)).Signature;
    expect(signature.SignedInfo.References['@CheckMethod']).toBe('1.2.156.10197.1.401');
    const refs = all(signature.SignedInfo.References, 'Reference');
    expect(refs.map((r) => r['@FileRef'])).toEqual(
      expect.arrayContaining(['/OFD.xml', `/${docRoot}`, `/${base}${pages[0]?.['@BaseLoc']}`]),
    );
    for (const r of refs) {
      const part = await read(String(r['@FileRef']));
      // SM3 redone with sm-crypto, not with the code that wrote the package.
      const digest = Buffer.from(smCrypto.sm3(Array.from(part)), 'hex').toString('base64');
      expect(text(r.CheckValue), String(r['@FileRef'])).toBe(digest);
    }
    const stamp = signature.SignedInfo.StampAnnot;
    expect(String(stamp['@PageRef'])).toBe(String(pages[0]?.['@ID']));

    const signedValue = await read(text(signature.SignedValue));
    const verified = verifySesSignature(signedValue, signatureBytes);
    expect(verified).toMatchObject({ valid: true });
    const ses = sesParts(signedValue);
    expect(hex(ses.dataHash)).toBe(smCrypto.sm3(Array.from(signatureBytes)));
    expect(
      smCrypto.sm2.doVerifySignature(Array.from(ses.tbs), hex(ses.signature), hex(ses.publicKey), {
        der: true,
        hash: true,
        userId: '1234567812345678',
      }),
    ).toBe(true);
    // A changed page no longer matches its reference.
    const page = await read(`${base}${pages[0]?.['@BaseLoc']}`);
    const tampered = Buffer.from(smCrypto.sm3(Array.from([...page, 32])), 'hex').toString('base64');
    expect(refs.some((r) => text(r.CheckValue) === tampered)).toBe(false);
  });

  it('is sealed once: every later download, staff or public, is byte-identical', async () => {
    const again = await download(`${CASES}/${caseNo}/result.ofd`);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first))).toBe(true);
    const code = verificationCodeOf(result.signature);
    const pub = await t.app.request(`/v1/public/results/${caseNo}/result.ofd?code=${code}`);
    expect(pub.status).toBe(200);
    expect(Buffer.from(await pub.arrayBuffer()).equals(Buffer.from(first))).toBe(true);
  });

  it('answers the public 404 without the right code, and staff 404 for a case not issued', async () => {
    const wrong = await t.app.request(`/v1/public/results/${caseNo}/result.ofd?code=ABCDEFGH`);
    expect(wrong.status).toBe(404);
    const open = await intake(t);
    expect((await download(`${CASES}/${open.caseNo}/result.ofd`)).status).toBe(404);
  });

  it('is built by the stream worker right after issuance, and concurrent first builds agree', async () => {
    const c = await issued();
    const handler = createStreamHandler(async () => [], t.store, undefined, ofd);
    const events = await t.store.queryPrefix(`T#${DONGSHAN}#CASE#${c.caseNo}`, 'EV#');
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    await Promise.all(
      [1, 2].map(() =>
        handler({
          Records: events.map((item, i) => ({
            eventID: `e${i}`,
            eventName: 'INSERT',
            dynamodb: {
              NewImage: marshall(item, { removeUndefinedValues: true }),
              SequenceNumber: String(i),
            },
          })),
        }),
      ),
    );
    const stored = await t.store.get<{ ofd: Uint8Array }>({
      pk: `T#${DONGSHAN}#CASE#${c.caseNo}`,
      sk: 'OFD',
    });
    expect(stored?.ofd).toBeDefined();
    const served = await download(`${CASES}/${c.caseNo}/result.ofd`);
    expect(Buffer.from(served.bytes).equals(Buffer.from(stored?.ofd ?? []))).toBe(true);
  });
});
