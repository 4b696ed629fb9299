import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePackageView } from '../../packages/app/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, applicant, CASES, CLERK, seedCases } from '../support/cases';
import { testObjectStore } from '../support/objects';
import { pollArchive } from '../support/stream';

/**
 * Issue 16's whole path on DynamoDB Local and the embedded S3, as its "done when" names it: the
 * applicant uploads every material online with the query code (网上申报), the window provides them
 * by those files, the case is approved and issued, and its archive package holds the very bytes the
 * applicant sent, with the digests the case's chain recorded.
 */
let t: TestApp;
let stop: () => Promise<void>;

const enc = (s: string) => new TextEncoder().encode(s);
const FORM = enc(`%PDF-1.7\n申请表 ${'a'.repeat(2048)}\n%%EOF\n`);
const ID_CARD = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 2, 3, 4, 5]);
const hex = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');

let caseNo: string;
let queryCode: string;
const sent = new Map<string, { id: string; bytes: Uint8Array }>();

/** The applicant's browser: asks for a ticket with the query code, posts the form to the store. */
async function uploadOnline(code: string, name: string, type: string, bytes: Uint8Array) {
  const asked = await t.call(
    undefined,
    'POST',
    `/v1/public/cases/${caseNo}/materials/${code}/uploads?code=${encodeURIComponent(queryCode)}`,
    { name, type, size: bytes.length },
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  expect(asked.body.method).toBe('POST');
  const form = new FormData();
  for (const [k, v] of Object.entries(asked.body.fields ?? {})) form.append(k, String(v));
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(asked.body.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  sent.set(code, { id: asked.body.id, bytes });
}

beforeAll(async () => {
  const { objects } = await testObjectStore();
  t = await testApp({ objects, scannerless: true });
  await seedCases(t);
  stop = await pollArchive(t);
}, 60_000);

afterAll(async () => {
  await stop?.();
});

describe('online upload → window supplement → approval → issuance → archive package', () => {
  it('takes an application with nothing provided: the one-time notice asks for both materials', async () => {
    const res = await t.call(CLERK, 'POST', CASES, {
      matter: 'm1',
      applicant,
      materials: [
        { code: 'form', provided: false },
        { code: 'copy', provided: false },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('needs-correction');
    expect(res.body.oneTimeNotice.missing).toEqual(expect.arrayContaining(['form', 'copy']));
    ({ caseNo, queryCode } = res.body);
  });

  it('lets the applicant upload every material online; the listing types and digests them', async () => {
    await uploadOnline('form', '申请表.pdf', 'application/pdf', FORM);
    await uploadOnline('copy', '身份证.jpg', 'image/jpeg', ID_CARD);
    for (const [code, { id, bytes }] of sent) {
      const list = await t.call(
        undefined,
        'GET',
        `/v1/public/cases/${caseNo}/materials/${code}?code=${encodeURIComponent(queryCode)}`,
      );
      expect(list.status).toBe(200);
      expect(list.body.files).toEqual([
        expect.objectContaining({
          id,
          version: 1,
          channel: 'online',
          sha256: hex('sha256', bytes),
          sm3: hex('sm3', bytes),
          size: bytes.length,
          scan: 'not-scanned',
        }),
      ]);
    }
  });

  it('provides both materials by the applicant’s files at the window; the chain records their digests', async () => {
    const res = await act(t, CLERK, caseNo, 'supplement', {
      materials: [...sent].map(([code, { id }]) => ({ code, files: [id] })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('accepted');
    const event = res.body.events.find((e: { type: string }) => e.type === 'supplemented');
    expect(event.files.map((f: { code: string; sha256: string }) => [f.code, f.sha256]).sort()).toEqual(
      [...sent].map(([code, { bytes }]) => [code, hex('sha256', bytes)]).sort(),
    );
    const integrity = await t.call(CLERK, 'GET', `${CASES}/${caseNo}/integrity`);
    expect(integrity.status).toBe(200);
    expect(integrity.body.intact).toBe(true);
    expect(integrity.body.files).toMatchObject({ intact: true, checked: 2 });
  });

  it('is approved and issued, and the custodian’s archive package holds the applicant’s bytes', async () => {
    expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
    const issued = await act(t, CLERK, caseNo, 'issue', { delivery: 'window' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    let found: ArchivePackageView | undefined;
    const deadline = Date.now() + 30_000;
    while (found?.complete !== true && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      found = await t.services.archive.get(DONGSHAN, caseNo).catch(() => undefined);
    }
    expect(found?.complete, 'the stream worker packaged the issued case').toBe(true);
    const p = await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/archive/${caseNo}`);
    expect(p.status).toBe(200);
    const materials = p.body.manifest.entries.filter((e: { kind: string }) => e.kind === 'material');
    expect(
      materials.map((e: { material: { code: string }; sha256: string; sm3: string }) => [
        e.material.code,
        e.sha256,
        e.sm3,
      ]),
    ).toEqual(
      [...sent]
        .map(([code, { bytes }]) => [code, hex('sha256', bytes), hex('sm3', bytes)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // The bytes themselves, downloaded from the package as the custodian does.
    for (const e of materials as { name: string; material: { code: string } }[]) {
      const link = await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/archive/${caseNo}/objects/${e.name}`);
      expect(link.status).toBe(302);
      const location = link.headers.get('location') ?? '';
      expect(location).toMatch(/^http/);
      const bytes = new Uint8Array(await (await fetch(location)).arrayBuffer());
      expect(hex('sha256', bytes)).toBe(hex('sha256', sent.get(e.material.code)?.bytes ?? new Uint8Array()));
    }
  });
});
