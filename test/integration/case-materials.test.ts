import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../packages/app/src/materials/objects';
import { type MaterialFile, materialKey, type ScanStatus } from '../../packages/domain/src';
import { materialKeys } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, act, applicant, CASES, CLERK, INSPECTOR, seedCases } from '../support/cases';
import { testObjectStore } from '../support/objects';

/**
 * Issue 16 in the case, on DynamoDB Local and the embedded S3: materials provided by files through
 * `supplement` (their digests in the hash chain), paper refused where the matter takes none, and
 * the integrity read naming a swapped object.
 */

const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');
/** A small PDF, as far as its first bytes tell. */
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);

let t: TestApp;
let objects: ObjectStore;

/**
 * Stores `bytes` as a file of the case's material and records it as the materials service does
 * (its item in the case's partition: key, object version, digests, scan verdict).
 */
async function stored(
  caseNo: string,
  code: string,
  bytes: Uint8Array,
  scan: ScanStatus = 'clean',
  version = 1,
) {
  const id = randomUUID().replaceAll('-', '').slice(0, 18);
  const key = materialKey(DONGSHAN, caseNo, code, id);
  const put = await objects.put({ key, body: bytes, contentType: 'application/pdf' });
  const file: MaterialFile = {
    id,
    tenant: DONGSHAN,
    caseNo,
    code,
    version,
    key,
    ...(put.versionId ? { objectVersion: put.versionId } : {}),
    name: `${code}-v${version}.pdf`,
    size: bytes.length,
    type: 'application/pdf',
    sha256: hex('sha256', bytes),
    sm3: hex('sm3', bytes),
    scan,
    channel: 'window',
    uploadedBy: CLERK.sub,
    uploadedAt: new Date().toISOString(),
  };
  await t.store.put({
    ...materialKeys.file(DONGSHAN, caseNo, code, version),
    entity: 'material-file',
    ...file,
  });
  return file;
}

/** A case of m1 taken with the copy on paper and the (core) form still to come. */
async function waiting(matter = 'm1') {
  const res = await t.call(CLERK, 'POST', CASES, {
    matter,
    applicant,
    materials: matter === 'm1' ? [{ code: 'copy', original: 'paper' }] : [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('needs-correction');
  return res.body.caseNo as string;
}

beforeAll(async () => {
  // A bucket of this file's own: other files number their cases the same way.
  ({ objects } = await testObjectStore());
  t = await testApp({ objects });
  await seedCases(t);
});

describe('providing a material by files (supplement)', () => {
  it('accepts the case once the form’s clean file is given; the event records its digests and the case shows it', async () => {
    const caseNo = await waiting();
    const form = await stored(caseNo, 'form', pdf('申请表'));
    const res = await act(t, CLERK, caseNo, 'supplement', {
      materials: [{ code: 'form', files: [form.id] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('accepted');
    const event = res.body.events.find((e: { type: string }) => e.type === 'supplemented');
    expect(event).toMatchObject({
      materials: ['form'],
      files: [
        {
          code: 'form',
          id: form.id,
          version: 1,
          name: 'form-v1.pdf',
          sha256: form.sha256,
          sm3: form.sm3,
          size: form.size,
          type: 'application/pdf',
        },
      ],
    });
    const read = await t.call(CLERK, 'GET', `${CASES}/${caseNo}`);
    expect(read.status).toBe(200);
    expect(read.body.materials).toEqual([
      expect.objectContaining({
        code: 'form',
        provided: true,
        form: 'electronic',
        files: [expect.objectContaining({ id: form.id, version: 1, name: 'form-v1.pdf', scan: 'clean' })],
      }),
      expect.objectContaining({ code: 'copy', provided: true, form: 'paper' }),
    ]);
  });

  it('answers 409 for a file not scanned clean and 400 for a file of another material, naming materials[i].files', async () => {
    const caseNo = await waiting();
    const pending = await stored(caseNo, 'form', pdf('pending'), 'pending');
    const copy = await stored(caseNo, 'copy', pdf('copy'));
    const notClean = await act(t, CLERK, caseNo, 'supplement', {
      materials: [{ code: 'form', files: [pending.id] }],
    });
    expect(notClean.status).toBe(409);
    expect(notClean.body.field ?? notClean.body.errors?.[0]?.path).toBe('materials.0.files');
    const elsewhere = await act(t, CLERK, caseNo, 'supplement', {
      materials: [{ code: 'form', files: [copy.id] }],
    });
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.body)).toContain('materials.0.files');
    // Nothing was written by either: the case is as it was.
    expect((await t.call(CLERK, 'GET', `${CASES}/${caseNo}`)).body.version).toBe(2);
  });

  it('takes a replacement as a new version; the integrity read re-hashes both versions', async () => {
    const caseNo = await waiting();
    const v1 = await stored(caseNo, 'form', pdf('first'));
    expect(
      (await act(t, CLERK, caseNo, 'supplement', { materials: [{ code: 'form', files: [v1.id] }] })).status,
    ).toBe(200);
    const v2 = await stored(caseNo, 'form', pdf('second, signed'), 'clean', 2);
    const replaced = await act(t, CLERK, caseNo, 'supplement', {
      materials: [{ code: 'form', files: [v2.id] }],
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.materials[0].files.map((f: { id: string }) => f.id)).toEqual([v2.id]);
    const integrity = await t.call(INSPECTOR, 'GET', `${CASES}/${caseNo}/integrity`);
    expect(integrity.status).toBe(200);
    expect(integrity.body).toMatchObject({
      intact: true,
      files: { intact: true, checked: 2, mismatches: [] },
    });
  });
});

describe('the integrity read', () => {
  it('names a swapped file: which material, which file, the digests expected and found', async () => {
    const caseNo = await waiting();
    const form = await stored(caseNo, 'form', pdf('the real form'));
    await act(t, CLERK, caseNo, 'supplement', { materials: [{ code: 'form', files: [form.id] }] });
    // Someone with bucket and table access puts other bytes in and points the record at them.
    const forged = pdf('a forged form');
    const put = await objects.put({ key: form.key, body: forged, contentType: 'application/pdf' });
    const item = materialKeys.file(DONGSHAN, caseNo, 'form', 1);
    await t.store.put({
      ...item,
      entity: 'material-file',
      ...form,
      ...(put.versionId ? { objectVersion: put.versionId } : {}),
    });
    const res = await t.call(INSPECTOR, 'GET', `${CASES}/${caseNo}/integrity`);
    expect(res.status).toBe(200);
    // The events themselves are untouched: the chain holds, the file does not.
    expect(res.body).toMatchObject({ intact: false, events: 4 });
    expect(res.body.firstBroken).toBeUndefined();
    expect(res.body.files).toEqual({
      intact: false,
      checked: 1,
      mismatches: [
        {
          code: 'form',
          id: form.id,
          version: 1,
          name: 'form-v1.pdf',
          reason: 'object-changed',
          expected: { sha256: form.sha256, sm3: form.sm3, size: form.size },
          found: { sha256: hex('sha256', forged), sm3: hex('sm3', forged), size: forged.length },
        },
      ],
    });
  });

  it('answers as before for a case provided on paper alone', async () => {
    const res = await t.call(CLERK, 'POST', CASES, {
      matter: 'm1',
      applicant,
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', original: 'paper' },
      ],
    });
    const integrity = await t.call(INSPECTOR, 'GET', `${CASES}/${res.body.caseNo}/integrity`);
    expect(integrity.body).toMatchObject({ intact: true, files: { intact: true, checked: 0 } });
  });
});

describe('a matter that takes no paper originals', () => {
  it('refuses a paper original at intake and in a supplement; files provide the material', async () => {
    const settings = await t.call(ADMIN, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m2/settings`, {
      paperOriginals: false,
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const paper = await t.call(CLERK, 'POST', CASES, {
      matter: 'm2',
      applicant,
      materials: [{ code: 'form', provided: true }],
    });
    expect(paper.status).toBe(400);
    expect(JSON.stringify(paper.body)).toContain('materials.0.provided');
    const caseNo = await waiting('m2');
    const onPaper = await act(t, CLERK, caseNo, 'supplement', {
      materials: [{ code: 'form', original: 'paper' }],
    });
    expect(onPaper.status).toBe(400);
    expect(JSON.stringify(onPaper.body)).toContain('materials.0.original');
    const form = await stored(caseNo, 'form', pdf('m2 form'));
    const copy = await stored(caseNo, 'copy', pdf('m2 copy'));
    const res = await act(t, CLERK, caseNo, 'supplement', {
      materials: [
        { code: 'form', files: [form.id] },
        { code: 'copy', files: [copy.id] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', paperOriginals: false });
  });
});
