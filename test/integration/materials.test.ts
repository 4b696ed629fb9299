import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { materialKey, quarantineKey } from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, CASES, CLERK, INSPECTOR, intake, seedCases } from '../support/cases';
import { testObjectStore } from '../support/objects';

/**
 * Electronic materials (issue 16) end to end against DynamoDB Local and the embedded S3: a window
 * upload through the presigned POST as a browser sends it, the listing's type by bytes and digests,
 * versions, refusals, the applicant's online upload with the query code, a download that the
 * applicant's access log shows, a verified copy reused at the holder's next case, quarantine.
 */
let t: TestApp;
let objects: Awaited<ReturnType<typeof testObjectStore>>['objects'];

const enc = (s: string) => new TextEncoder().encode(s);
const PDF = enc(`%PDF-1.7\n${'0'.repeat(5000)}\n%%EOF\n`);
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3,
]);
const OFD = zipSync({ 'OFD.xml': enc('<ofd:OFD/>'), 'Doc_0/Document.xml': enc('<ofd:Document/>') });
const EXE = enc('MZ\x90\x00 not a document');
const hex = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');

const material = (caseNo: string, code: string) => `${CASES}/${caseNo}/materials/${code}`;

interface Ticket {
  id: string;
  url: string;
  method: 'POST' | 'PUT';
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

/** What a browser does with the ticket: a multipart form, the fields first, the file last. */
async function send(ticket: Ticket, bytes: Uint8Array, fileName: string): Promise<Response> {
  if (ticket.method === 'PUT') {
    return fetch(ticket.url, { method: 'PUT', headers: ticket.headers ?? {}, body: bytes });
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields ?? {})) form.append(k, v);
  form.append('file', new Blob([bytes], { type: ticket.fields?.['Content-Type'] ?? '' }), fileName);
  return fetch(ticket.url, { method: 'POST', body: form });
}

async function upload(caseNo: string, code: string, name: string, type: string, bytes: Uint8Array) {
  const asked = await t.call(CLERK, 'POST', `${material(caseNo, code)}/uploads`, {
    name,
    type,
    size: bytes.length,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const res = await send(asked.body, bytes, name);
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return asked.body as Ticket;
}

let caseNo: string;
let queryCode: string;

beforeAll(async () => {
  ({ objects } = await testObjectStore());
  t = await testApp({ objects, scannerless: true });
  await seedCases(t);
  ({ caseNo, queryCode } = await intake(t));
});

describe('window uploads through the presigned POST', () => {
  let first: Ticket;

  it('answers a presigned POST with the 20 MB default bound in, and records the file by its bytes', async () => {
    first = await upload(caseNo, 'form', '申请表.pdf', 'application/pdf', PDF);
    expect(first).toMatchObject({ method: 'POST', maxBytes: 20 * 1024 * 1024 });
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());
    const list = await t.call(APPROVER, 'GET', material(caseNo, 'form'));
    expect(list.status).toBe(200);
    expect(list.body.files).toHaveLength(1);
    expect(list.body.files[0]).toMatchObject({
      id: first.id,
      version: 1,
      name: '申请表.pdf',
      size: PDF.length,
      type: 'application/pdf',
      sha256: hex('sha256', PDF),
      sm3: hex('sm3', PDF),
      scan: 'not-scanned',
      usable: true,
      channel: 'window',
      uploadedBy: CLERK.sub,
    });
  });

  it('types a file by its bytes, not its name: PNG bytes named .pdf are image/png; a second file is version 2', async () => {
    await upload(caseNo, 'form', '扫描件.pdf', 'application/pdf', PNG);
    const list = await t.call(CLERK, 'GET', material(caseNo, 'form'));
    expect(list.body.files.map((f: { version: number; type: string }) => [f.version, f.type])).toEqual([
      [1, 'application/pdf'],
      [2, 'image/png'],
    ]);
    // Version 1 is still there, unchanged: a replacement is a new object, never an overwrite.
    const head = await objects.head(materialKey(DONGSHAN, caseNo, 'form', first.id));
    expect(head?.size).toBe(PDF.length);
  });

  it('knows an OFD package by OFD.xml at its root', async () => {
    await upload(caseNo, 'copy', '营业执照.ofd', 'application/ofd', OFD);
    const list = await t.call(CLERK, 'GET', material(caseNo, 'copy'));
    expect(list.body.files[0]).toMatchObject({ type: 'application/ofd', size: OFD.length });
  });

  it('refuses a declared type outside PDF/JPEG/PNG/OFD, a size over the limit, an unknown material', async () => {
    const zip = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/uploads`, {
      name: 'a.zip',
      type: 'application/zip',
    });
    expect(zip.status).toBe(415);
    expect(JSON.stringify(zip.body)).toContain('type');
    const big = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/uploads`, {
      name: 'big.pdf',
      type: 'application/pdf',
      size: 20 * 1024 * 1024 + 1,
    });
    expect(big.status).toBe(413);
    const unknown = await t.call(CLERK, 'POST', `${material(caseNo, 'nope')}/uploads`, {
      name: 'a.pdf',
      type: 'application/pdf',
    });
    expect(unknown.status).toBe(404);
    const extra = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/uploads`, {
      name: 'a.pdf',
      type: 'application/pdf',
      bucket: 'x',
    });
    expect(extra.status).toBe(400);
  });

  it('records bytes of no accepted type as rejected and deletes the object', async () => {
    const ticket = await upload(caseNo, 'copy', '照片.pdf', 'application/pdf', EXE);
    const list = await t.call(CLERK, 'GET', material(caseNo, 'copy'));
    expect(list.body.files.map((f: { id: string }) => f.id)).not.toContain(ticket.id);
    expect(list.body.rejected).toEqual([
      expect.objectContaining({ id: ticket.id, reason: 'type', name: '照片.pdf' }),
    ]);
    expect(await objects.head(materialKey(DONGSHAN, caseNo, 'copy', ticket.id))).toBeUndefined();
  });

  it('lets the store refuse a file over the size bound into the policy', async () => {
    const asked = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/uploads`, {
      name: 'a.pdf',
      type: 'application/pdf',
    });
    const tooBig = new Uint8Array(asked.body.maxBytes + 1);
    tooBig.set(enc('%PDF-'));
    const res = await send(asked.body, tooBig, 'a.pdf');
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('keeps roles: an inspector cannot upload', async () => {
    const res = await t.call(INSPECTOR, 'POST', `${material(caseNo, 'form')}/uploads`, {
      name: 'a.pdf',
      type: 'application/pdf',
    });
    expect(res.status).toBe(403);
  });
});

describe('online uploads by the applicant (网上申报)', () => {
  const publicMaterial = (code: string, query: string) =>
    `/v1/public/cases/${caseNo}/materials/${code}?code=${encodeURIComponent(query)}`;

  it('uploads with the query code and sees the file as the applicant’s', async () => {
    const asked = await t.call(
      undefined,
      'POST',
      `/v1/public/cases/${caseNo}/materials/copy/uploads?code=${queryCode}`,
      {
        name: '营业执照.jpg',
        type: 'image/jpeg',
      },
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
    expect((await send(asked.body, jpeg, '营业执照.jpg')).status).toBeLessThan(300);
    const list = await t.call(undefined, 'GET', publicMaterial('copy', queryCode));
    expect(list.status).toBe(200);
    expect(list.body.files.at(-1)).toMatchObject({
      id: asked.body.id,
      type: 'image/jpeg',
      channel: 'online',
      uploadedBy: 'applicant',
    });
    // Staff ids never reach the applicant.
    expect(JSON.stringify(list.body)).not.toContain(CLERK.sub);
  });

  it('answers a wrong query code like a missing case', async () => {
    const wrong = await t.call(
      undefined,
      'POST',
      `/v1/public/cases/${caseNo}/materials/copy/uploads?code=ZZZZZZZZ`,
      {
        name: 'a.pdf',
        type: 'application/pdf',
      },
    );
    expect(wrong.status).toBe(404);
    expect((await t.call(undefined, 'GET', publicMaterial('copy', 'ZZZZZZZZ'))).status).toBe(404);
  });
});

describe('downloads, verified copies and reuse', () => {
  let fileId: string;

  it('redirects to a short-lived link and writes an access record the applicant’s log shows', async () => {
    const list = await t.call(CLERK, 'GET', material(caseNo, 'form'));
    fileId = list.body.files[0].id;
    const res = await t.call(APPROVER, 'GET', `${material(caseNo, 'form')}/files/${fileId}`);
    expect(res.status).toBe(302);
    const link = res.headers.get('location') ?? '';
    const got = new Uint8Array(await (await fetch(link)).arrayBuffer());
    expect(hex('sha256', got)).toBe(hex('sha256', PDF));
    const log = await t.call(undefined, 'GET', `/v1/public/cases/${caseNo}/access-log?code=${queryCode}`);
    expect(log.status).toBe(200);
    expect(log.body).toContainEqual(
      expect.objectContaining({ role: 'approver', purpose: expect.stringContaining('申请表') }),
    );
  });

  it('marks a verified copy with its watermark, once', async () => {
    const res = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/files/${fileId}/verify`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.verified).toMatchObject({
      by: expect.any(String),
      watermark: expect.stringMatching(/^与原件核对一致 · /),
    });
    const again = await t.call(CLERK, 'POST', `${material(caseNo, 'form')}/files/${fileId}/verify`);
    expect(again.body.verified).toEqual(res.body.verified);
    expect(
      (await t.call(APPROVER, 'POST', `${material(caseNo, 'form')}/files/${fileId}/verify`)).status,
    ).toBe(403);
  });

  it('offers the verified copy at the same holder’s next case and reuses it with consent', async () => {
    const next = await intake(t);
    const offered = await t.call(CLERK, 'GET', `${material(next.caseNo, 'form')}/reusable`);
    expect(offered.status).toBe(200);
    expect(offered.body.files).toEqual([expect.objectContaining({ caseNo, fileId, name: '申请表.pdf' })]);
    const reused = await t.call(CLERK, 'POST', `${material(next.caseNo, 'form')}/reuse`, {
      file: { tenant: DONGSHAN, caseNo, id: fileId },
      consent: { method: 'signed' },
    });
    expect(reused.status, JSON.stringify(reused.body)).toBe(201);
    expect(reused.body).toMatchObject({
      version: 1,
      channel: 'reuse',
      reusedFrom: { tenant: DONGSHAN, caseNo, fileId },
      sha256: hex('sha256', PDF),
      verified: expect.objectContaining({ watermark: expect.stringContaining('与原件核对一致') }),
    });
    // Asking again answers the same file, no second copy.
    const again = await t.call(CLERK, 'POST', `${material(next.caseNo, 'form')}/reuse`, {
      file: { tenant: DONGSHAN, caseNo, id: fileId },
      consent: { method: 'signed' },
    });
    expect(again.body.id).toBe(reused.body.id);
    const list = await t.call(CLERK, 'GET', material(next.caseNo, 'form'));
    expect(list.body.files).toHaveLength(1);
    const dl = await t.call(ADMIN, 'GET', `${material(next.caseNo, 'form')}/files/${reused.body.id}`);
    expect(dl.status).toBe(302);
  });

  it('quarantines an infected file: the object leaves the tenant prefix, downloads are refused', async () => {
    const ticket = await upload(caseNo, 'copy', '病毒.pdf', 'application/pdf', PDF);
    await t.call(CLERK, 'GET', material(caseNo, 'copy'));
    const key = materialKey(DONGSHAN, caseNo, 'copy', ticket.id);
    await t.services.materials.setScan(key, 'infected');
    expect(await objects.head(key)).toBeUndefined();
    expect(await objects.head(quarantineKey(key))).toBeDefined();
    const file = await t.services.materials.file(DONGSHAN, caseNo, 'copy', ticket.id);
    expect(file?.scan).toBe('infected');
    const dl = await t.call(CLERK, 'GET', `${material(caseNo, 'copy')}/files/${ticket.id}`);
    expect(dl.status).toBe(409);
    // A repeat of the verdict changes nothing.
    await t.services.materials.setScan(key, 'infected');
  });

  it('gives the other parts every version of every material (MaterialFiles)', async () => {
    const all = await t.services.materials.filesOfCase(DONGSHAN, caseNo);
    expect(all.filter((f) => f.code === 'form').map((f) => f.version)).toEqual([1, 2]);
    expect(all.every((f) => f.key.startsWith(`tenants/${DONGSHAN}/cases/${caseNo}/materials/`))).toBe(true);
  });
});
