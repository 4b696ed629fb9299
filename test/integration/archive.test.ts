import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePackageView } from '../../packages/app/src';
import {
  archivePrefix,
  archiveYearsOf,
  canonicalJson,
  MANIFEST_OBJECT,
  retainUntilOf,
  type SignedManifest,
  verifyManifest,
} from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, CASES, CLERK, intake, seedCases } from '../support/cases';
import { testObjectStore } from '../support/objects';
import { pollArchive } from '../support/stream';

/**
 * Archive packages (R5, issue 16) on DynamoDB Local and the embedded S3: a case with files goes
 * to issued; the stream worker writes its package under the custodian's prefix, retained, with a
 * manifest whose digests match the objects and whose signature the platform's published key
 * verifies; a second delivery adds nothing; deletion before retention answers 409.
 */
let t: TestApp;
let objects: Awaited<ReturnType<typeof testObjectStore>>['objects'];
let stop: () => Promise<void>;
let caseNo: string;

const enc = (s: string) => new TextEncoder().encode(s);
const PDF = enc(`%PDF-1.7\n${'1'.repeat(3000)}\n%%EOF\n`);
const PDF2 = enc(`%PDF-1.7\n${'2'.repeat(4000)}\n%%EOF\n`);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 9]);
const hex = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');
const ARCHIVE = `/v1/tenants/${DONGSHAN}/archive`;

async function bytesOf(key: string, versionId?: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of await objects.read(key, versionId)) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A window upload through the presigned POST, as the browser sends it; the listing records it. */
async function upload(code: string, name: string, type: string, bytes: Uint8Array) {
  const material = `${CASES}/${caseNo}/materials/${code}`;
  const asked = await t.call(CLERK, 'POST', `${material}/uploads`, { name, type, size: bytes.length });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(asked.body.fields ?? {})) form.append(k, String(v));
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(asked.body.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  expect((await t.call(CLERK, 'GET', material)).status).toBe(200);
}

const packageOf = async (): Promise<ArchivePackageView | undefined> =>
  t.services.archive.get(DONGSHAN, caseNo).catch(() => undefined);

beforeAll(async () => {
  ({ objects } = await testObjectStore());
  t = await testApp({ objects, scannerless: true });
  await seedCases(t);
  ({ caseNo } = await intake(t));
  await upload('form', '申请表.pdf', 'application/pdf', PDF);
  await upload('form', '申请表（修改）.pdf', 'application/pdf', PDF2);
  await upload('copy', '身份证.png', 'image/png', PNG);
  // The stream worker as the local stack runs it: OFD sealing, then the archive.
  stop = await pollArchive(t);
  expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  const issued = await act(t, CLERK, caseNo, 'issue', { delivery: 'window' });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  let found: ArchivePackageView | undefined;
  const deadline = Date.now() + 20_000;
  while (!(found?.complete === true) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    found = await packageOf();
  }
  expect(found?.complete, 'the stream worker packaged the issued case').toBe(true);
}, 60_000);

afterAll(async () => {
  await stop?.();
});

describe('the package of an issued case', () => {
  it('is listed for its custodian (the centre that approved, R5) with the matter type’s retention', async () => {
    const list = await t.call(ADMIN, 'GET', ARCHIVE);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const row = list.body.items.find((i: { caseNo: string }) => i.caseNo === caseNo);
    const state = (await t.services.cases.find(DONGSHAN, caseNo))?.state;
    const matter = await t.services.catalogue.matter('nanjing', 'm1');
    const years = archiveYearsOf({ type: matter?.type ?? state?.matterType });
    expect(row).toMatchObject({
      id: caseNo,
      caseTenant: DONGSHAN,
      custodian: { tenant: DONGSHAN, body: `${DONGSHAN}/convenience-centre` },
      prefix: archivePrefix(DONGSHAN, DONGSHAN, caseNo),
      retentionYears: years,
      retainUntil: retainUntilOf(state?.closedAt ?? '', years),
      complete: true,
      entries: 6,
    });
  });

  it('holds every file version, the result and its OFD, the event chain and the manifest under the prefix', async () => {
    const p = await t.call(ADMIN, 'GET', `${ARCHIVE}/${caseNo}`);
    expect(p.status).toBe(200);
    const names = p.body.manifest.entries.map((e: { name: string }) => e.name);
    expect(names.slice(0, 3)).toEqual(['result.json', 'result.ofd', 'events.json']);
    const materials = p.body.manifest.entries.filter((e: { kind: string }) => e.kind === 'material');
    expect(
      materials.map((e: { material: { code: string; version: number } }) => [
        e.material.code,
        e.material.version,
      ]),
    ).toEqual([
      ['copy', 1],
      ['form', 1],
      ['form', 2],
    ]);
    expect(materials.map((e: { sha256: string }) => e.sha256).sort()).toEqual(
      [PDF, PDF2, PNG].map((b) => hex('sha256', b)).sort(),
    );
    const listed = (await objects.list(p.body.prefix)).map((o) => o.key.slice(p.body.prefix.length)).sort();
    expect(listed).toEqual([...names, MANIFEST_OBJECT].sort());
    // The applicant's number is masked in the manifest; the name is kept to find the file.
    expect(p.body.manifest.case.applicant.idNumber).toContain('*');
  });

  it('has a manifest whose digests match the objects, signed by the platform key /v1/public/keys publishes', async () => {
    const stored = await t.services.archive.get(DONGSHAN, caseNo);
    const prefix = stored.prefix;
    for (const e of stored.manifest.entries) {
      const bytes = await bytesOf(prefix + e.name);
      expect([e.name, bytes.length, hex('sha256', bytes), hex('sm3', bytes)]).toEqual([
        e.name,
        e.size,
        e.sha256,
        e.sm3,
      ]);
    }
    const manifestBytes = await bytesOf(prefix + MANIFEST_OBJECT);
    expect(hex('sha256', manifestBytes)).toBe(stored.manifestSha256);
    expect(hex('sm3', manifestBytes)).toBe(stored.manifestSm3);
    const signed = JSON.parse(new TextDecoder().decode(manifestBytes)) as SignedManifest;
    const keys = await t.call(undefined, 'GET', '/v1/public/keys');
    const key = keys.body.keys.find((k: { keyId: string }) => k.keyId === signed.signature.keyId);
    expect(key).toBeDefined();
    expect(verifyManifest(signed, key)).toBe(true);
    // The chain head is the issued event's hash, the last event of events.json.
    const events = JSON.parse(new TextDecoder().decode(await bytesOf(`${prefix}events.json`)));
    expect(events.at(-1)).toMatchObject({ type: 'issued', hash: signed.manifest.chain.head });
    expect(signed.manifest.chain.events).toBe(events.length);
    const result = (await t.services.cases.find(DONGSHAN, caseNo))?.state.result;
    expect(new TextDecoder().decode(await bytesOf(`${prefix}result.json`))).toBe(canonicalJson(result));
  });

  it('is written once: a second delivery and a direct retry change nothing', async () => {
    const before = await t.services.archive.get(DONGSHAN, caseNo);
    const versionsBefore = await Promise.all(
      [...before.manifest.entries.map((e) => e.name), MANIFEST_OBJECT].map(
        async (n) => (await objects.head(before.prefix + n))?.versionId,
      ),
    );
    const again = await t.services.archive.package(DONGSHAN, caseNo, new Date().toISOString());
    expect(again.createdAt).toBe(before.createdAt);
    expect(again.manifestSha256).toBe(before.manifestSha256);
    const versionsAfter = await Promise.all(
      [...before.manifest.entries.map((e) => e.name), MANIFEST_OBJECT].map(
        async (n) => (await objects.head(before.prefix + n))?.versionId,
      ),
    );
    expect(versionsAfter).toEqual(versionsBefore);
    const list = await t.call(ADMIN, 'GET', ARCHIVE);
    expect(list.body.items.filter((i: { caseNo: string }) => i.caseNo === caseNo)).toHaveLength(1);
  });

  it('downloads through a short-lived link, each use entered in the register', async () => {
    const res = await t.app.request(
      `${ARCHIVE}/${caseNo}/objects/result.json?purpose=${encodeURIComponent('复议应诉')}`,
      {
        headers: { authorization: `Bearer ${await t.token(ADMIN)}` },
      },
    );
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    const got = new Uint8Array(await (await fetch(location)).arrayBuffer());
    const p = await t.services.archive.get(DONGSHAN, caseNo);
    expect(hex('sha256', got)).toBe(p.manifest.entries.find((e) => e.name === 'result.json')?.sha256);
    expect(p.uses).toEqual([
      expect.objectContaining({ sub: ADMIN.sub, name: 'result.json', purpose: '复议应诉', caseNo }),
    ]);
    const missing = await t.call(ADMIN, 'GET', `${ARCHIVE}/${caseNo}/objects/nothing.pdf`);
    expect(missing.status).toBe(404);
  });

  it('refuses deletion before retention with 409, here and in the store; nothing is removed', async () => {
    const del = await t.call(ADMIN, 'DELETE', `${ARCHIVE}/${caseNo}`);
    expect(del.status).toBe(409);
    expect(del.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(del.body.retainUntil).toBe((await t.services.archive.get(DONGSHAN, caseNo)).retainUntil);
    // With the app's clock past the date, Object Lock (on real time) still refuses: 409, not half deleted.
    const p = await t.services.archive.get(DONGSHAN, caseNo);
    t.setNow(new Date(Date.parse(p.retainUntil) + 1000).toISOString());
    try {
      const late = await t.call(ADMIN, 'DELETE', `${ARCHIVE}/${caseNo}`);
      expect(late.status).toBe(409);
    } finally {
      t.setNow(undefined);
    }
    expect((await objects.list(p.prefix)).length).toBe(p.manifest.entries.length + 1);
    expect((await t.services.archive.get(DONGSHAN, caseNo)).disposed).toBeUndefined();
  });

  it('is the custodian’s alone: a clerk is refused, another tenant’s administrator finds nothing', async () => {
    expect((await t.call(CLERK, 'GET', ARCHIVE)).status).toBe(403);
    const other = { sub: 'admin-j', roles: ['tenant-admin'], tenant: 'nanjing.jiangning' } as const;
    // A tenant outside the caller's scope does not exist for them (pipeline/authorise.ts): 404.
    expect((await t.call(other, 'GET', `${ARCHIVE}/${caseNo}`)).status).toBe(404);
    const theirs = await t.call(other, 'GET', '/v1/tenants/nanjing.jiangning/archive');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.find((i: { caseNo: string }) => i.caseNo === caseNo)).toBeUndefined();
  });
});
