import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

const TENANT = 'nanjing.jiangning';
const CASE = 'nanjing.jiangning.dongshan-20261202-0001';
const PAGE = `/console/tenants/${TENANT}/archive`;
const API = `/v1/tenants/${TENANT}/archive`;
const ADMIN = { sub: 'admin', name: '王强', roles: ['tenant-admin'], tenant: TENANT };
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const SHA = 'a'.repeat(64);
const SM3 = 'b'.repeat(64);

const row = {
  id: CASE,
  caseTenant: 'nanjing.jiangning.dongshan',
  caseNo: CASE,
  matter: 'm1',
  matterName: '公共场所卫生许可',
  custodian: { tenant: TENANT },
  prefix: `tenants/${TENANT}/archive/${CASE}/`,
  closedAt: '2026-12-03T02:00:00.000Z',
  createdAt: '2026-12-03T02:00:05.000Z',
  retentionYears: 30,
  retainUntil: '2056-12-03T02:00:00.000Z',
  manifestSha256: SHA,
  manifestSm3: SM3,
  complete: true,
  entries: 2,
  status: 'issued',
  outcome: 'approve',
};
const pkg = {
  ...row,
  manifest: {
    format: 'onewindow-archive/1',
    id: CASE,
    case: {
      tenant: row.caseTenant,
      caseNo: CASE,
      matter: 'm1',
      matterName: row.matterName,
      status: 'issued',
      outcome: 'approve',
      applicant: { kind: 'person', name: '李明', idNumber: '1101**********002X' },
      receivedAt: '2026-12-02T01:00:00.000Z',
      closedAt: row.closedAt,
    },
    custodian: row.custodian,
    entries: [
      {
        name: 'result.json',
        kind: 'result',
        contentType: 'application/json',
        size: 2048,
        sha256: SHA,
        sm3: SM3,
      },
      {
        name: 'material.form.v1.f1.pdf',
        kind: 'material',
        contentType: 'application/pdf',
        size: 20480,
        sha256: SHA,
        sm3: SM3,
        material: {
          code: 'form',
          version: 1,
          fileId: 'f1',
          fileName: '申请表.pdf',
          uploadedAt: '2026-12-02T01:05:00.000Z',
          uploadedBy: 'clerk',
          channel: 'window',
          scan: 'clean',
        },
      },
    ],
    chain: { head: SHA, events: 9 },
    createdAt: row.createdAt,
    retentionYears: 30,
    retainUntil: row.retainUntil,
  },
  signature: { alg: 'Ed25519', keyId: 'platform-2026', value: 'c2ln' },
  uses: [
    { at: '2026-12-03T03:00:00.000Z', sub: 'admin', caseNo: CASE, name: 'result.json', purpose: '审计' },
  ],
};

function setup() {
  const { api, seen, asApi } = recordingApi();
  // The API's refusal for anyone but the custodian's administrators.
  api.use(`${API}/*`, async (c, next) => {
    const claims = JSON.parse(
      Buffer.from(c.req.header('authorization')?.split('.')[1] ?? '', 'base64url').toString() || '{}',
    );
    if (!claims.roles?.includes('tenant-admin'))
      return c.json({ title: '无权访问', titleEn: 'Forbidden', status: 403 }, 403);
    await next();
  });
  api.get(API, (c) => c.json(c.req.query('cursor') ? { items: [] } : { items: [row], cursor: 'next1' }));
  api.get(`${API}/:id`, (c) => c.json(pkg));
  api.get(`/v1/tenants/${TENANT}/staff`, (c) => c.json({ items: [{ id: 'admin', name: '王强' }] }));
  api.get(`${API}/:id/objects/:name`, (c) =>
    c.redirect(`http://127.0.0.1:4569/onewindow-materials/${c.req.param('name')}?X-Amz-Signature=z`, 302),
  );
  return { seen, ...consoleHarness(asApi(), [ADMIN, CLERK]) };
}

describe('the archive custodian’s pages (档案, issue 16)', () => {
  it('lists the packages the tenant keeps, how each closed, paged by the API’s cursor, from the admin’s menu', async () => {
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, PAGE);
    const html = await (await request(PAGE)).text();
    expect(html).toContain(`href="${PAGE}"`);
    expect(html).toContain('>档案<');
    expect(html).toContain(`href="${PAGE}/${CASE}"`);
    expect(html).toContain('公共场所卫生许可');
    expect(html).toContain('已出件（准予许可）');
    expect(html).toContain('2026-12-03 10:00');
    expect(html).toContain('2056-12-03');
    expect(html).toContain(`href="${PAGE}?cursor=next1"`);
    await request(`${PAGE}?cursor=next1`);
    expect(seen.at(-1)?.query).toBe('?cursor=next1');
  });

  it('shows a package: the case, entries with kind, size and digests, the signature, retention and the use register', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, PAGE);
    const html = await (await request(`${PAGE}/${CASE}`)).text();
    expect(html).toContain(`档案 ${CASE}`);
    expect(html).toContain('李明');
    expect(html).toContain('申请表.pdf · v1');
    expect(html).toContain('申请材料');
    expect(html).toContain('审批结果');
    expect(html).toContain('20 KB');
    expect(html).toContain(`SHA-256 ${SHA}`);
    expect(html).toContain(`SM3 ${SM3}`);
    expect(html).toContain('Ed25519 · platform-2026');
    expect(html).toContain('2056-12-03（30 年）');
    expect(html).toContain('name="purpose" value="查阅"');
    expect(html).toContain('name="name" value="material.form.v1.f1.pdf"');
    // The register: who (by name), when, what, why.
    expect(html).toContain('利用登记');
    expect(html).toMatch(/<td>王强<\/td><td>2026-12-03 11:00<\/td><td>result.json<\/td><td>审计<\/td>/);
    const en = await (await request(`${PAGE}/${CASE}?lang=en`)).text();
    expect(en).toContain('Use register');
    expect(en).toContain('Issued');
  });

  it('a download sends the purpose to the API and goes on to its link', async () => {
    const { signIn, post, csrfOf, seen } = setup();
    await signIn(ADMIN.sub, PAGE);
    const res = await post(`${PAGE}/${CASE}/download`, {
      _csrf: await csrfOf(`${PAGE}/${CASE}`),
      purpose: '复核',
      name: 'material.form.v1.f1.pdf',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('X-Amz-Signature=z');
    const call = seen.find((r) => r.path.includes('/objects/'));
    expect(call?.path).toBe(`${API}/${CASE}/objects/material.form.v1.f1.pdf`);
    expect(call?.query).toBe(`?purpose=${encodeURIComponent('复核')}`);
  });

  it('a non-administrator gets the API’s refusal and no menu entry', async () => {
    const { signIn, request } = setup();
    await signIn(CLERK.sub, '/console');
    const res = await request(PAGE);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('无权访问');
    expect(html).not.toContain(`href="${PAGE}"`);
  });
});
