import { describe, expect, it } from 'vitest';
import { messages } from '../../packages/console/src/i18n';
import { defaultPeriod } from '../../packages/console/src/pages/cases/fees';
import { navFor } from '../../packages/console/src/ui/nav';
import { sealImprintSvg } from '../../packages/domain/src';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };
const SUPERVISOR = {
  sub: 'supervisor',
  name: '赵伟',
  roles: ['supervisor'],
  tenant: 'nanjing.jiangning',
  body: 'nanjing.jiangning/civil-affairs',
};

const aCase = (n: number) => ({
  caseNo: `${TENANT}-20240906-${String(n).padStart(4, '0')}`,
  tenant: TENANT,
  matter: '040101001000',
  matterName: '临时救助金给付',
  applicant: { kind: 'person', name: `申请人${n}`, idNumber: '11010519491231002X' },
  status: 'accepted',
  receivedAt: '2024-09-06T01:00:00.000Z',
  clock: 'green',
  version: 1,
});

/** A stand-in API answering the pages under test, in pages of two where it pages. */
function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  const bodies = (tenant: string) => [
    {
      tenant,
      code: 'convenience-centre',
      name: '东山街道便民服务中心',
      kind: 'service-centre',
      ref: `${tenant}/convenience-centre`,
    },
  ];
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '江宁区东山街道' }));
  api.get('/v1/tenants/:t/bodies', (c) => c.json({ items: bodies(c.req.param('t')) }));
  api.get('/v1/tenants/:t/seals', (c) => c.json({ items: [] }));
  api.post('/v1/tenants/:t/seals', async (c) => c.json(await c.req.json(), 201));
  api.get('/v1/tenants/:t/cases', (c) =>
    c.req.query('cursor') === 'page-2'
      ? c.json({ items: [aCase(3)] })
      : c.json({ items: [aCase(1), aCase(2)], cursor: 'page-2' }),
  );
  api.get('/v1/tenants/:t/supervision/inbox', (c) =>
    c.json({
      body: c.req.query('body') ?? SUPERVISOR.body,
      items: [],
      ...(c.req.query('cursor') ? {} : { cursor: 'inbox/2' }),
    }),
  );
  api.get('/v1/tenants/:t/fees/report', (c) => {
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    if (to < from) {
      return c.json(validationProblem('to', '结束日期早于开始日期', 'to is before from'), 400);
    }
    return c.json({
      from,
      to,
      total: 30,
      departments: [
        {
          body: `${TENANT}/convenience-centre`,
          count: 2,
          total: 30,
          receipts: [
            {
              receiptNo: `${aCase(1).caseNo}-R`,
              caseNo: aCase(1).caseNo,
              matter: '040101001000',
              amount: 10,
              at: '2024-09-06T02:00:00.000Z',
              fees: [{ code: 'gb', name: '工本费', amount: 10 }],
            },
            {
              receiptNo: `${aCase(2).caseNo}-R`,
              caseNo: aCase(2).caseNo,
              matter: '040101001000',
              amount: 20,
              at: '2024-09-07T02:00:00.000Z',
            },
          ],
        },
      ],
    });
  });
  api.get('/v1/public/cities', (c) =>
    c.json({
      items: [
        { id: 'nanjing', name: '南京市' },
        { id: 'xian', name: '西安市' },
      ],
    }),
  );
  api.get('/v1/public/cities/:city/tenants', (c) =>
    c.req.param('city') === 'nanjing'
      ? c.json({
          city: { id: 'nanjing', name: '南京市' },
          items: [
            { id: TENANT, name: '江宁区东山街道', kind: 'subdistrict', parent: 'nanjing.jiangning' },
            { id: 'nanjing.jiangning', name: '南京市江宁区', kind: 'district' },
          ],
        })
      : c.json({ type: '/problems/not-found', title: '未找到', titleEn: 'Not found', status: 404 }, 404),
  );
  return { seen, api: asApi() };
}

function setup() {
  const { seen, api } = fakeApi();
  return { seen, ...consoleHarness(api, [ADMIN, SUPERVISOR]) };
}

describe('seal imprint preview', () => {
  it('shows the imprint for the typed body and name without registering anything', async () => {
    const { signIn, post, csrfOf, seen, request } = setup();
    await signIn(ADMIN.sub, `${T}/seals`);
    const csrf = await csrfOf(`${T}/seals`);
    const typed = { id: 'service-seal', body: 'convenience-centre', name: '便民服务专用章' };
    const res = await post(`${T}/seals`, { _csrf: csrf, ...typed, validFrom: '', _preview: '1' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(seen.filter((s) => s.method === 'POST')).toEqual([]);
    const src = /<img class="imprint" src="([^"]+)" alt="东山街道便民服务中心便民服务专用章印模预览"/.exec(
      html,
    )?.[1];
    expect(src?.replaceAll('&amp;', '&')).toBe(
      `${T}/seals/preview.svg?body=convenience-centre&name=${encodeURIComponent('便民服务专用章')}&id=service-seal`,
    );
    expect(html).toContain('id="imprint-preview"');
    expect(html).toContain('value="便民服务专用章"');
    expect(html).toContain('value="service-seal"');
    // The preview button skips the browser's required-field check and lands on the preview.
    expect(html).toMatch(/name="_preview" value="1" formaction="[^"]+#imprint-preview" formnovalidate/);

    const svg = await request((src ?? '').replaceAll('&amp;', '&'));
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toBe(
      sealImprintSvg({ bodyName: '东山街道便民服务中心', sealName: '便民服务专用章', id: 'service-seal' }),
    );

    // Without the preview button, the same form registers the seal.
    const created = await post(`${T}/seals`, { _csrf: csrf, ...typed, validFrom: '2024-09-06T09:00:00' });
    expect(created.status).toBe(303);
    expect(seen.filter((s) => s.method === 'POST')).toMatchObject([
      { path: `/v1/tenants/${TENANT}/seals`, body: { ...typed, validFrom: '2024-09-06T09:00:00+08:00' } },
    ]);
  });

  it('a first visit shows no preview, and typed text drawn into one is clipped', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, `${T}/seals`);
    expect(await (await request(`${T}/seals`)).text()).not.toContain('id="imprint-preview"');
    const svg = await (await request(`${T}/seals/preview.svg?name=${'章'.repeat(200)}&body=nobody`)).text();
    expect(svg).toContain(`nobody ${'章'.repeat(20)}</title>`);
  });
});

describe('fee report', () => {
  it('totals each collecting department with its receipts, printable, for the asked period', async () => {
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, T);
    const res = await request(`${T}/fees?from=2024-09-01&to=2024-09-30`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(seen.find((s) => s.path.endsWith('/fees/report'))?.query).toBe('?from=2024-09-01&to=2024-09-30');
    expect(html).toContain('江宁区东山街道集中收费报表');
    expect(html).toContain('统计期间：2024-09-01 至 2024-09-30');
    expect(html).toMatch(
      /<th scope="row">东山街道便民服务中心<\/th><td class="num">2<\/td><td class="num">30\.00 元<\/td>/,
    );
    expect(html).toContain(`<a href="${T}/cases/${aCase(2).caseNo}">${aCase(2).caseNo}</a>`);
    expect(html).toContain('工本费 10.00 元');
    expect(html).toContain('<article class="doc"');
    expect(html).toContain('data-print');
  });

  it('defaults to this month so far, and shows a refused period beside its field', async () => {
    expect(defaultPeriod(new Date('2024-09-30T17:00:00Z'))).toEqual({ from: '2024-10-01', to: '2024-10-01' });
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, T);
    await request(`${T}/fees`);
    const { from, to } = defaultPeriod(new Date());
    expect(seen.findLast((s) => s.path.endsWith('/fees/report'))?.query).toBe(`?from=${from}&to=${to}`);
    const refused = await request(`${T}/fees?from=2024-09-30&to=2024-09-01&lang=en`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/<p class="field-error" id="f-to-error">to is before from<\/p>/);
  });

  it('is in the menu of tenant administrators and inspectors only', () => {
    const t = messages.zh;
    const has = (roles: string[]) =>
      navFor({ sub: 'x', roles, tenant: TENANT }, t).some((n) => n.href === `${T}/fees`);
    expect(has(['tenant-admin'])).toBe(true);
    expect(has(['inspector'])).toBe(true);
    expect(has(['window-clerk'])).toBe(false);
    expect(has(['approver'])).toBe(false);
  });
});

describe('public start page', () => {
  it('picks a city, then one of its service centres, and opens its guide', async () => {
    const { request } = setup();
    const first = await (await request('/console/public')).text();
    expect(first).toMatch(
      /<select id="f-city" name="city" required=""><option value="">选择城市<\/option><option value="nanjing">南京市<\/option>/,
    );
    expect(first).not.toContain('name="tenant"');
    const second = await (await request('/console/public?city=nanjing')).text();
    expect(second).toContain('<option value="nanjing" selected="">南京市</option>');
    // Districts before their sub-districts.
    expect(second).toMatch(
      /<select[^>]*name="tenant"[^>]*><option value="">选择服务中心<\/option><option value="nanjing.jiangning">南京市江宁区<\/option><option value="nanjing.jiangning.dongshan">江宁区东山街道<\/option>/,
    );
    const open = await request(`/console/public/guide?tenant=${TENANT}`);
    expect(open.headers.get('location')).toBe(`/console/public/${TENANT}/guide`);
    const unknown = await (await request('/console/public?city=atlantis')).text();
    expect(unknown).toContain('role="alert"');
    expect(unknown).not.toContain('name="tenant"');
  });
});

describe('paging', () => {
  it('links the next page of the case list with the API cursor, and back to the first', async () => {
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, T);
    const first = await (await request(`${T}/cases?status=accepted&ok=1`)).text();
    expect(first).toContain(aCase(2).caseNo);
    const next = /<a class="button secondary" rel="next" href="([^"]+)">下一页<\/a>/.exec(first)?.[1];
    expect(next?.replaceAll('&amp;', '&')).toBe(`${T}/cases?status=accepted&cursor=page-2`);
    const second = await (await request((next ?? '').replaceAll('&amp;', '&'))).text();
    expect(seen.at(-1)?.query).toBe('?limit=100&status=accepted&cursor=page-2');
    expect(second).toContain(aCase(3).caseNo);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain(`<a href="${T}/cases?status=accepted">回到第一页</a>`);
  });

  it("pages the issuance window's approvals and refusals each on its own", async () => {
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, T);
    const first = await (await request(`${T}/issuance`)).text();
    expect(first).toContain(`rel="next" href="${T}/issuance?approvedCursor=page-2"`);
    expect(first).toContain(`rel="next" href="${T}/issuance?deniedCursor=page-2"`);
    await request(`${T}/issuance?approvedCursor=page-2`);
    const asked = seen.slice(-2).map((r) => r.query);
    expect(asked).toContain('?limit=100&status=approved&cursor=page-2');
    expect(asked).toContain('?limit=100&status=denied');
  });

  it("pages an approver's queue and a supervisor's inbox the same way", async () => {
    const { signIn, request, seen } = setup();
    await signIn(ADMIN.sub, T);
    const queue = await (await request(`${T}/queue?body=${TENANT}/convenience-centre`)).text();
    expect(queue).toContain(
      `rel="next" href="${T}/queue?body=${encodeURIComponent(`${TENANT}/convenience-centre`)}&amp;cursor=page-2"`,
    );
    await signIn(SUPERVISOR.sub, '/console');
    const inbox = await (await request('/console/tenants/nanjing.jiangning/supervision')).text();
    expect(inbox).toContain(
      'rel="next" href="/console/tenants/nanjing.jiangning/supervision?cursor=inbox%2F2"',
    );
    await request('/console/tenants/nanjing.jiangning/supervision?cursor=inbox%2F2');
    const asked = seen.filter((r) => r.path.endsWith('/supervision/inbox')).at(-1);
    expect(asked?.query).toBe(`?body=${encodeURIComponent(SUPERVISOR.body)}&cursor=inbox%2F2`);
  });
});
