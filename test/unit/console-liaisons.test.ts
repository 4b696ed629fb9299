import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

/**
 * The console's two pieces of 审管联动 (issue 15): the liaisons on the supervision inbox page (shown
 * on each push, listed, and named by a form), and the intake form's notice of the supervision
 * findings on the applicant's earlier cases once a valid number is typed.
 */
const DISTRICT = 'nanjing.jiangning';
const TENANT = 'nanjing.jiangning.dongshan';
const CIVIL = `${DISTRICT}/civil-affairs`;
const CENTRE = `${TENANT}/convenience-centre`;
const INBOX = `/console/tenants/${DISTRICT}/supervision`;
const T = `/console/tenants/${TENANT}`;
const SUPERVISOR = {
  sub: 'civil-supervisor',
  name: '赵伟',
  roles: ['supervisor'],
  tenant: DISTRICT,
  body: CIVIL,
};
const ADMIN = { sub: 'district-admin', name: '周洁', roles: ['tenant-admin'], tenant: DISTRICT };
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const HOLDER = '11010519491231002X';
const CASE_NO = `${TENANT}-20261202-0001`;

const GUIDE = {
  code: 'm1',
  name: '公共场所卫生许可',
  typeName: '行政许可',
  implementingBody: { ref: CENTRE, name: '东山街道便民服务中心' },
  mode: 'transfer',
  window: '一楼',
  legalBasis: '《公共场所卫生管理条例》',
  items: [],
  materials: [{ code: 'form', name: '申请表', core: true }],
  fees: [],
  statutoryDays: 20,
  promisedDays: 10,
  onTheSpot: false,
  procedure: [],
  supervisingBody: CIVIL,
  tenant: { id: TENANT, name: '江宁区东山街道' },
};

function setup() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/supervision/inbox', (c) =>
    c.json({
      body: c.req.query('body') ?? CIVIL,
      items: [
        {
          caseNo: CASE_NO,
          caseTenant: TENANT,
          matter: 'm1',
          matterName: '公共场所卫生许可',
          applicantName: '李明',
          outcome: 'approve',
          approvingBody: CENTRE,
          approvingBodyName: '东山街道便民服务中心',
          decidedAt: '2026-12-02T02:00:00.000Z',
          liaison: 'civil-supervisor-2',
          liaisonName: '钱芳',
        },
      ],
    }),
  );
  api.get('/v1/tenants/:t/supervision/liaisons', (c) =>
    c.json({
      body: c.req.query('body') ?? CIVIL,
      items: [
        {
          supervisingBody: CIVIL,
          department: CENTRE,
          staff: 'civil-supervisor-2',
          staffName: '钱芳',
          updatedAt: '2026-12-01T02:00:00.000Z',
          updatedBy: ADMIN.sub,
        },
      ],
    }),
  );
  api.put('/v1/tenants/:t/supervision/liaisons', async (c) => {
    const body = (await c.req.json()) as { staff: string };
    if (body.staff === 'nobody')
      return c.json(validationProblem('staff', '工作人员不存在', "no staff member 'nobody'"), 400);
    return c.json({ ...body, updatedAt: '2026-12-03T02:00:00.000Z', updatedBy: 'x' });
  });
  api.get('/v1/tenants/:t/staff', (c) =>
    c.json({
      items: [
        { tenant: DISTRICT, id: 'civil-supervisor-2', name: '钱芳', roles: ['supervisor'], body: CIVIL },
        { tenant: DISTRICT, id: 'civil-approver', name: '孙强', roles: ['approver'], body: CIVIL },
        {
          tenant: DISTRICT,
          id: 'market-supervisor',
          name: '李娜',
          roles: ['supervisor'],
          body: `${DISTRICT}/market`,
        },
      ],
    }),
  );
  api.get('/v1/public/:t/guide/:code', (c) => c.json(GUIDE));
  api.get('/v1/tenants/:t/holders/findings', (c) =>
    c.json(
      c.req.query('holder') === HOLDER
        ? {
            items: [
              {
                caseNo: CASE_NO,
                matter: 'm1',
                matterName: '公共场所卫生许可',
                at: '2026-12-05T02:00:00.000Z',
                severity: 'violation',
                text: '超范围经营，已立案',
                body: CIVIL,
              },
            ],
          }
        : { items: [] },
    ),
  );
  return { seen, ...consoleHarness(asApi(), [SUPERVISOR, ADMIN, CLERK]) };
}

describe('the supervision inbox’s liaisons (联络人)', () => {
  it('names the liaison of each push, lists the body’s liaisons, and offers a supervisor the form', async () => {
    const { signIn, request } = setup();
    await signIn(SUPERVISOR.sub, INBOX);
    const html = await (await request(INBOX)).text();
    expect(html).toMatch(/<dt>联络人<\/dt><dd>钱芳（civil-supervisor-2）<\/dd>/);
    expect(html).toContain('<h2 id="liaisons">联络人</h2>');
    expect(html).toContain(`<code>${CENTRE}</code>`);
    // A supervisor cannot read the staff register: they type the id; the departments are suggested.
    expect(html).toMatch(/<input[^>]*name="staff"/);
    expect(html).toMatch(new RegExp(`<option value="${CENTRE}">东山街道便民服务中心</option>`));
    expect(html).toMatch(
      /<input type="hidden" name="supervisingBody" value="nanjing.jiangning\/civil-affairs"/,
    );
  });

  it('offers an administrator the body’s supervisors from the staff register', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, INBOX);
    const html = await (await request(`${INBOX}?body=${encodeURIComponent(CIVIL)}`)).text();
    expect(html).toMatch(/<select[^>]*name="staff"/);
    expect(html).toContain('<option value="civil-supervisor-2">钱芳（civil-supervisor-2）</option>');
    expect(html).not.toContain('value="civil-approver"');
    expect(html).not.toContain('value="market-supervisor"');
  });

  it('sends the named liaison to the API and comes back to the inbox; a refusal shows beside the field', async () => {
    const { signIn, csrfOf, post, seen } = setup();
    await signIn(SUPERVISOR.sub, INBOX);
    const csrf = await csrfOf(INBOX);
    const done = await post(`${INBOX}/liaisons`, {
      _csrf: csrf,
      supervisingBody: CIVIL,
      department: CENTRE,
      staff: 'civil-supervisor-2',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${INBOX}?ok=liaison#liaisons`);
    const sent = seen.find((r) => r.method === 'PUT');
    expect(sent?.path).toBe(`/v1/tenants/${DISTRICT}/supervision/liaisons`);
    expect(sent?.body).toEqual({ supervisingBody: CIVIL, department: CENTRE, staff: 'civil-supervisor-2' });

    const refused = await post(`${INBOX}/liaisons`, {
      _csrf: csrf,
      supervisingBody: CIVIL,
      department: CENTRE,
      staff: 'nobody',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<p class="field-error" id="f-liaison-staff-error">工作人员不存在</p>');
    expect(html).toMatch(/name="staff" value="nobody"/);
  });
});

describe('the intake form’s earlier findings (该申请人此前的监管意见)', () => {
  it('asks nothing until a valid number is typed', async () => {
    const { signIn, request, csrfOf, post, seen } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1`)).text();
    // The notice's place is on the page, empty, for the live preview to fill.
    expect(html).toContain('<div id="holder-findings" data-live-preview="true" aria-live="polite"></div>');
    const csrf = await csrfOf(`${T}/intake?matter=m1`);
    await post(`${T}/intake`, {
      _csrf: csrf,
      _preview: '1',
      matter: 'm1',
      'applicant.idNumber': '110105194912310021',
    });
    expect(seen.some((r) => r.path.endsWith('/holders/findings'))).toBe(false);
  });

  it('lists severity, text, case number and date once a valid ID is typed, and takes no application', async () => {
    const { signIn, csrfOf, post, seen } = setup();
    await signIn(CLERK.sub, T);
    const csrf = await csrfOf(`${T}/intake?matter=m1`);
    const res = await post(`${T}/intake`, {
      _csrf: csrf,
      _preview: '1',
      matter: 'm1',
      'applicant.kind': 'person',
      'applicant.idNumber': '11010519491231002x',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(seen.find((r) => r.path === `/v1/tenants/${TENANT}/holders/findings`)?.query).toBe(
      `?holder=${HOLDER}`,
    );
    expect(html).toContain('该申请人此前的监管意见');
    expect(html).toContain('<td>违规</td><td>超范围经营，已立案</td>');
    expect(html).toContain(`<code>${CASE_NO}</code>`);
    expect(html).toContain('<td>2026-12-05</td>');
    // The typed values stay in the form, and no application was sent.
    expect(html).toMatch(/name="applicant.idNumber" value="11010519491231002x"/);
    expect(seen.some((r) => r.method === 'POST' && r.path.endsWith('/cases'))).toBe(false);
  });

  it('says so when the holder has none, and looks up the number the licence panel was asked for', async () => {
    const { signIn, request, seen } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1&holder=${HOLDER}`)).text();
    expect(seen.find((r) => r.path.endsWith('/holders/findings'))?.query).toBe(`?holder=${HOLDER}`);
    expect(html).toContain('超范围经营，已立案');
    const none = '110101199003070070';
    const other = await (await request(`${T}/intake?matter=m1&holder=${none}`)).text();
    expect(other).toContain('该申请人此前的办件没有监管意见。');
  });
});
