import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const CASE = `${TENANT}-20261202-0001`;
const T = `/console/tenants/${TENANT}`;
const PAGE = `${T}/cases/${CASE}`;
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const APPROVER = { sub: 'appr', name: '陈刚', roles: ['approver'], tenant: TENANT };
const API = `/v1/tenants/${TENANT}/cases/${CASE}`;
const SHA = 'a'.repeat(64);
const SM3 = 'b'.repeat(64);

const view = {
  tenant: TENANT,
  caseNo: CASE,
  version: 3,
  status: 'needs-correction',
  matter: 'm1',
  matterName: '公共场所卫生许可',
  applicant: { kind: 'person', name: '李明', idNumber: '1101**********002X' },
  receivedAt: '2026-12-02T01:00:00.000Z',
  clock: 'green',
  materials: [
    { code: 'form', name: '申请表', core: true, provided: true },
    { code: 'plan', name: '平面图', core: false, provided: false },
  ],
  allowedActions: [],
  events: [{ type: 'received', at: '2026-12-02T01:00:00.000Z', actor: 'clerk' }],
};
const file = {
  id: 'f1',
  code: 'form',
  version: 1,
  name: '申请表.pdf',
  size: 20480,
  type: 'application/pdf',
  sha256: SHA,
  sm3: SM3,
  scan: 'not-scanned',
  usable: true,
  channel: 'window',
  uploadedBy: 'clerk',
  uploadedAt: '2026-12-02T01:05:00.000Z',
};

function setup(users = [CLERK, APPROVER]) {
  const { api, seen, asApi } = recordingApi();
  api.get(API, (c) => c.json(view));
  api.get(`${API}/names`, (c) => c.json({ names: { clerk: '张丽' } }));
  api.get(`${API}/materials/form`, (c) => c.json({ files: [file], rejected: [] }));
  api.get(`${API}/materials/plan`, (c) =>
    c.json({
      files: [],
      rejected: [
        {
          id: 'r1',
          name: 'x.exe',
          size: 9,
          reason: 'type',
          detail: { zh: '不是允许的类型', en: 'not allowed' },
          channel: 'window',
          uploadedBy: 'clerk',
          at: '2026-12-02T01:06:00.000Z',
        },
      ],
    }),
  );
  api.get(`${API}/materials/plan/reusable`, (c) =>
    c.json({
      files: [
        {
          tenant: TENANT,
          caseNo: `${TENANT}-20261101-0002`,
          code: 'plan',
          fileId: 'old1',
          version: 1,
          name: '平面图.pdf',
          type: 'application/pdf',
          size: 100,
          sha256: SHA,
          verified: { watermark: '与原件核对一致', by: 'clerk', at: '2026-11-01T02:00:00.000Z' },
          materialName: '平面图',
          matterName: '公共场所卫生许可',
        },
      ],
      licences: [],
    }),
  );
  api.post(`${API}/materials/:code/uploads`, async (c) => {
    const body = (await c.req.json()) as { type: string };
    if (body.type === '')
      return c.json(
        validationProblem('type', '只接受 PDF、JPEG、PNG、OFD', 'PDF, JPEG, PNG or OFD only'),
        400,
      );
    return c.json(
      {
        id: 'u1',
        url: 'http://127.0.0.1:4569/onewindow-materials',
        method: 'POST',
        fields: {
          key: `tenants/${TENANT}/cases/${CASE}/materials/plan/u1`,
          'Content-Type': body.type,
          Policy: 'p',
          'X-Amz-Signature': 's',
        },
        expiresAt: '2026-12-02T01:20:00.000Z',
        maxBytes: 20971520,
      },
      201,
    );
  });
  api.get(`${API}/materials/form/files/f1`, (c) =>
    c.redirect('http://127.0.0.1:4569/onewindow-materials/k?X-Amz-Signature=z', 302),
  );
  api.post(`${API}/materials/form/files/f1/verify`, (c) =>
    c.json({ ...file, verified: { watermark: 'w', by: 'clerk', at: '2026-12-02T01:10:00.000Z' } }),
  );
  api.post(`${API}/materials/plan/reuse`, (c) => c.json(file, 201));
  return { seen, ...consoleHarness(asApi(), users) };
}

describe('the case page’s materials panel (issue 16)', () => {
  it('lists each material’s files: version, type, size, scan in words, uploader, digests; refused uploads with why', async () => {
    const { signIn, request } = setup();
    await signIn(CLERK.sub, PAGE);
    const html = await (await request(PAGE)).text();
    expect(html).toContain('id="materials"');
    expect(html).toContain('申请表.pdf');
    expect(html).toContain(' · v1 · PDF · 20 KB · ');
    expect(html).toContain('未扫描（本地）');
    expect(html).toContain(`SHA-256 ${SHA}`);
    expect(html).toContain(`SM3 ${SM3}`);
    expect(html).toContain('张丽');
    expect(html).toContain('x.exe · 不是允许的类型');
    expect(html).toContain(`href="${PAGE}/materials/form/files/f1"`);
    // The clerk: an upload per material, 核验 per file, the reuse offer with the consent box.
    expect(html).toContain(`action="${PAGE}/materials/plan/uploads"`);
    expect(html).toContain(`action="${PAGE}/materials/form/files/f1/verify"`);
    expect(html).toContain('免提交：经申请人同意复用');
    expect(html).toContain(`value="file:${TENANT}|${TENANT}-20261101-0002|old1"`);
    // Without the bucket's origin in connect-src, the forms take the no-script path.
    expect(html).not.toContain('data-upload');
    // The panel comes after the facts for the clerk.
    expect(html.indexOf('id="materials"')).toBeGreaterThan(html.indexOf('class="facts card"'));
  });

  it('comes first for approvers, with no upload or 核验', async () => {
    const { signIn, request, seen } = setup();
    await signIn(APPROVER.sub, PAGE);
    const html = await (await request(PAGE)).text();
    expect(html.indexOf('id="materials"')).toBeLessThan(html.indexOf('class="facts card"'));
    expect(html.indexOf('id="materials"')).toBeLessThan(html.indexOf('class="timeline"'));
    expect(html).not.toContain('/uploads"');
    expect(html).not.toContain('/verify"');
    expect(seen.some((r) => r.path.endsWith('/reusable'))).toBe(false);
  });

  it('prepares an upload from the file input’s name (no bytes) and answers the presigned form, its bucket allowed as form target', async () => {
    const { signIn, request, post, csrfOf, seen } = setup();
    await signIn(CLERK.sub, PAGE);
    const res = await post(`${PAGE}/materials/plan/uploads`, {
      _csrf: await csrfOf(PAGE),
      file: '平面图.PDF',
    });
    expect(res.status).toBe(200);
    expect(seen.find((r) => r.method === 'POST' && r.path.endsWith('/uploads'))?.body).toEqual({
      name: '平面图.PDF',
      type: 'application/pdf',
    });
    const html = await res.text();
    expect(html).toContain('action="http://127.0.0.1:4569/onewindow-materials"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('name="X-Amz-Signature" value="s"');
    // The file comes last: S3 ignores the fields after it.
    expect(html.indexOf('name="file"')).toBeGreaterThan(html.indexOf('name="X-Amz-Signature"'));
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:4569");
    // Other pages keep the strict policy.
    const other = await request(PAGE);
    expect(other.headers.get('content-security-policy')).toContain("form-action 'self';");
  });

  it('shows the API’s refusal of a type it does not take', async () => {
    const { signIn, post, csrfOf } = setup();
    await signIn(CLERK.sub, PAGE);
    const res = await post(`${PAGE}/materials/plan/uploads`, { _csrf: await csrfOf(PAGE), file: 'x.exe' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('只接受 PDF、JPEG、PNG、OFD');
  });

  it('opens a file through the API’s link, marks a verified copy, reuses with consent', async () => {
    const { signIn, request, post, csrfOf, seen } = setup();
    await signIn(CLERK.sub, PAGE);
    const open = await request(`${PAGE}/materials/form/files/f1`);
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toContain('X-Amz-Signature=z');
    const csrf = await csrfOf(PAGE);
    const v = await post(`${PAGE}/materials/form/files/f1/verify`, { _csrf: csrf });
    expect(v.status).toBe(303);
    expect(v.headers.get('location')).toBe(`${PAGE}?files=verified#materials`);
    const r = await post(`${PAGE}/materials/plan/reuse`, {
      _csrf: csrf,
      source: `file:${TENANT}|${TENANT}-20261101-0002|old1`,
      consent: 'yes',
    });
    expect(r.status).toBe(303);
    expect(seen.find((x) => x.path.endsWith('/reuse'))?.body).toEqual({
      file: { tenant: TENANT, caseNo: `${TENANT}-20261101-0002`, id: 'old1' },
      consent: { method: 'signed' },
    });
    expect(await (await request(`${PAGE}?files=verified`)).text()).toContain('已标记为核验件');
  });
});

describe('网上申报 on the public progress page', () => {
  it('offers an upload for each missing material with the query code, and sends it on', async () => {
    const { api, seen, asApi } = recordingApi();
    api.get(`/v1/public/cases/${CASE}`, (c) =>
      c.json({
        caseNo: CASE,
        matterName: '公共场所卫生许可',
        status: 'needs-correction',
        statusName: { zh: '待补正', en: 'Needs correction' },
        receivedAt: '2026-12-02T01:00:00.000Z',
        notices: [],
        steps: [],
        canRate: false,
        materials: [
          { code: 'form', name: '申请表', provided: true },
          { code: 'plan', name: '平面图', provided: false },
        ],
      }),
    );
    api.get(`/v1/public/cases/${CASE}/materials/plan`, (c) =>
      c.json({ files: [{ ...file, channel: 'online' }], rejected: [] }),
    );
    api.post(`/v1/public/cases/${CASE}/materials/plan/uploads`, (c) =>
      c.json(
        {
          id: 'u2',
          url: 'http://127.0.0.1:4569/b',
          method: 'POST',
          fields: { key: 'k' },
          expiresAt: '2026-12-02T01:20:00.000Z',
          maxBytes: 1,
        },
        201,
      ),
    );
    const { post, csrfOf } = consoleHarness(asApi(), []);
    const csrf = await csrfOf('/console/public/progress');
    const html = await (
      await post('/console/public/progress', { _csrf: csrf, caseNo: CASE, code: 'ABCD2345' })
    ).text();
    expect(html).toContain('网上申报');
    expect(html).toContain(`action="/console/public/progress/${CASE}/materials/plan/uploads"`);
    expect(html).not.toContain('/materials/form/uploads');
    expect(html).toContain('name="code" value="ABCD2345"');
    expect(seen.find((r) => r.path.endsWith('/materials/plan'))?.query).toBe('?code=ABCD2345');
    const send = await post(`/console/public/progress/${CASE}/materials/plan/uploads`, {
      _csrf: csrf,
      code: 'ABCD2345',
      file: 'plan.png',
    });
    expect(send.status).toBe(200);
    const r = seen.find((x) => x.method === 'POST' && x.path.endsWith('/plan/uploads'));
    expect(r?.query).toBe('?code=ABCD2345');
    expect(r?.body).toEqual({ name: 'plan.png', type: 'image/png' });
    expect(await send.text()).toContain('action="http://127.0.0.1:4569/b"');
  });
});
