import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const CASE_NO = `${TENANT}-20240906-0001`;
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const APPROVER = {
  sub: 'approver',
  name: '陈刚',
  roles: ['approver'],
  tenant: TENANT,
  body: `${TENANT}/convenience-centre`,
};

/** A case view as the API answers it, built by hand: the console shows what `allowedActions` says. */
const view = (over: Record<string, unknown>) => ({
  caseNo: CASE_NO,
  tenant: TENANT,
  matter: '040101001000',
  matterName: '临时救助金给付',
  applicant: { kind: 'person', name: '李明', idNumber: '11010519491231002X' },
  status: 'accepted',
  receivedAt: '2024-09-06T01:00:00.000Z',
  clock: 'green',
  version: 3,
  materials: [
    { code: 'form', name: '申请表', core: true, provided: true },
    { code: 'copy', name: '身份证复印件', core: true, provided: false },
    { code: 'photo', name: '现场照片', core: false, provided: false },
  ],
  fees: [{ code: 'gb', name: '工本费', amount: 10 }],
  steps: [
    {
      id: 's1',
      kind: 'review',
      bodies: [APPROVER.body],
      excluded: false,
      startedAt: '2024-09-06T02:00:00.000Z',
    },
    {
      id: 's2',
      kind: 'site-inspection',
      bodies: [APPROVER.body],
      excluded: true,
      startedAt: '2024-09-06T02:00:00.000Z',
      finishedAt: '2024-09-06T03:00:00.000Z',
      outcome: 'pass',
    },
  ],
  events: [],
  ...over,
});

const GUIDE = {
  code: 'm1',
  name: '临时救助金给付',
  typeName: '行政给付',
  implementingBody: { ref: `${TENANT}/convenience-centre`, name: '东山街道便民服务中心' },
  mode: 'transfer',
  window: '一楼',
  legalBasis: '《社会救助暂行办法》',
  items: [],
  materials: [
    { code: 'form', name: '申请表', core: true },
    { code: 'photo', name: '现场照片', core: false },
  ],
  fees: [],
  statutoryDays: 20,
  promisedDays: 10,
  onTheSpot: false,
  procedure: [],
  supervisingBody: 'nanjing.jiangning/civil-affairs',
  tenant: { id: TENANT, name: '江宁区东山街道' },
};

function setup(current: Record<string, unknown>) {
  const { api, seen, asApi } = recordingApi();
  const state = { view: view(current) };
  api.get('/v1/tenants/:t/cases/:caseNo', (c) => c.json(state.view));
  api.post('/v1/tenants/:t/cases/:caseNo/extend', (c) =>
    c.json(
      validationProblem(
        'days',
        '延长期限应为 1–10 个工作日（第四十二条）',
        'an extension is 1–10 working days',
      ),
      400,
    ),
  );
  api.get('/v1/public/:t/guide/:code', (c) => c.json(GUIDE));
  return { seen, state, ...consoleHarness(asApi(), [CLERK, APPROVER]) };
}

/** The titles of the action forms on the page, in order. */
const forms = (html: string) => [...html.matchAll(/<h3 id="a-([^"]+)">/g)].map((m) => m[1]);

describe('case actions come from allowedActions', () => {
  it('shows a form for each allowed action, in the fixed order, and no other', async () => {
    const { signIn, request } = setup({
      status: 'needs-correction',
      allowedActions: ['withdraw', 'supplement', 'reject'],
    });
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['supplement', 'reject', 'withdraw']);
    expect(html).toContain(`action="${T}/cases/${CASE_NO}/supplement"`);
    expect(html).toContain('<input type="hidden" name="version" value="3"/>');
    // The missing items to tick, and a commitment for the non-core one.
    expect(html).toContain('身份证复印件 【核心】');
    expect(html).toContain('name="commitment.supplementBy"');
    // The reason is required and bounded as the API's schema says.
    expect(html).toMatch(/<textarea[^>]*name="reason"[^>]*required=""[^>]*maxlength="2000"/);
  });

  it('holds no guard of its own: the roles of the person do not matter, the list does', async () => {
    const { signIn, request } = setup({ status: 'approved', allowedActions: ['pay', 'issue'] });
    await signIn(APPROVER.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['pay', 'issue']);
    expect(html).toContain('集中收费（10.00 元）');
    expect(html).toMatch(/type="radio" name="delivery" value="window" checked="" required=""/);
  });

  it('shows no actions when none is allowed, or when the view does not say', async () => {
    const { signIn, request, state } = setup({ status: 'accepted', allowedActions: [] });
    await signIn(APPROVER.sub, T);
    expect(await (await request(`${T}/cases/${CASE_NO}`)).text()).not.toContain('id="actions-title"');
    const { allowedActions: _none, ...unsaid } = state.view as Record<string, unknown>;
    state.view = unsaid as typeof state.view;
    expect(await (await request(`${T}/cases/${CASE_NO}`)).text()).not.toContain('id="actions-title"');
  });

  it('finishes each running step in its own form; extension days bounded by the schema', async () => {
    const { signIn, request } = setup({ allowedActions: ['start-step', 'finish-step', 'extend', 'decide'] });
    await signIn(APPROVER.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['start-step', 'finish-s1', 'extend', 'decide']);
    expect(html).toContain('<input type="hidden" name="stepId" value="s1"/>');
    expect(html).toMatch(/<input[^>]*type="number" name="days" value="" required="" min="1" max="10"/);
    // R6: guidance is asked for, not started as a step.
    expect(html).toContain('<option value="hearing">听证</option>');
    expect(html).not.toContain('value="guidance-review"');
    expect(html).toMatch(/name="outcome" value="approve" checked=""[^>]*\/><span>准予许可<\/span>/);
  });

  it("says whose approval an extension is, bounds a joint matter's at 15, and shows who approved it (art. 42)", async () => {
    const { signIn, request, state } = setup({ allowedActions: ['extend'] });
    await signIn(APPROVER.sub, T);
    let html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(html).toContain('经本机关负责人（您）批准，限一次');
    state.view = view({
      allowedActions: ['extend'],
      limits: {
        promisedDays: 10,
        statutoryDays: 45,
        onTheSpot: false,
        warnDays: 2,
        deficiencyLapse: 'terminate',
        jointHandling: 'joint',
      },
    }) as typeof state.view;
    html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(html).toContain('经本级人民政府负责人（您）批准');
    expect(html).toMatch(/<input[^>]*type="number" name="days" value="" required="" min="1" max="15"/);
    state.view = view({
      allowedActions: [],
      extension: {
        days: 3,
        reason: '情况复杂',
        at: '2024-09-10T02:00:00.000Z',
        approvedBy: { id: 'head-a', name: '郑华', as: 'head' },
      },
    }) as typeof state.view;
    html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(html).toContain('延长 3 个工作日：情况复杂（经负责人郑华批准）');
  });

  it('offers to ask the guiding department beside the decision, and lists its opinions (R6)', async () => {
    const guidedBy = 'nanjing.jiangning/civil-affairs';
    const { signIn, request } = setup({
      allowedActions: ['request-guidance', 'decide'],
      binding: { body: APPROVER.body, guidedBy },
      guidance: [
        {
          id: 'g1',
          body: guidedBy,
          requestedAt: '2024-09-06T02:00:00.000Z',
          requestedBy: 'approver',
          question: '住所证明是否充分？',
          opinion: '充分，可以办理',
          givenAt: '2024-09-07T02:00:00.000Z',
          givenBy: 'civil-approver',
        },
      ],
    });
    await signIn(APPROVER.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['request-guidance', 'decide']);
    expect(html).toContain(`征求原部门指导意见（${guidedBy}）`);
    expect(html).toContain('原部门指导意见');
    expect(html).toContain('住所证明是否充分？');
    expect(html).toContain('充分，可以办理');
  });

  it('shows a refused action again with what was typed and the API error beside the field', async () => {
    const { signIn, post, csrfOf, seen } = setup({ allowedActions: ['extend', 'decide'] });
    await signIn(APPROVER.sub, T);
    const csrf = await csrfOf(`${T}/cases/${CASE_NO}`);
    const res = await post(`${T}/cases/${CASE_NO}/extend`, {
      _csrf: csrf,
      version: '3',
      days: '11',
      reason: '情况复杂',
    });
    expect(res.status).toBe(400);
    // The refused POST, then the case read again (with its names) to show the form beside it.
    expect(seen.filter((r) => r.method === 'POST').at(-1)).toMatchObject({
      method: 'POST',
      body: { days: 11, reason: '情况复杂' },
    });
    const html = await res.text();
    expect(html).toContain(
      '<p class="field-error" id="f-extend-days-error">延长期限应为 1–10 个工作日（第四十二条）</p>',
    );
    expect(html).toContain('value="11"');
  });
});

describe('joint review and green channel (会签, 绿色通道)', () => {
  const MARKET = 'nanjing.jiangning/market';
  const CIVIL = 'nanjing.jiangning/civil-affairs';
  const joint = {
    id: 's3',
    kind: 'joint-review',
    bodies: [MARKET, CIVIL],
    joint: true,
    excluded: false,
    startedAt: '2024-09-06T02:00:00.000Z',
    countersigns: [
      {
        body: MARKET,
        by: 'market-approver',
        at: '2024-09-06T04:00:00.000Z',
        opinion: '符合条件',
        outcome: 'agree',
      },
    ],
  };

  it('shows each countersignature and who is still to sign; the lead gets the override form, not a finish', async () => {
    const { signIn, request } = setup({
      steps: [joint],
      greenChannel: { reason: '市级重点项目' },
      allowedActions: ['finish-step', 'countersign-override', 'decide'],
    });
    await signIn(APPROVER.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['countersign-override', 'decide']);
    expect(html).toContain('符合条件');
    expect(html).toMatch(/待会签：[^<]*/);
    expect(html).toContain('绿色通道（市级重点项目）');
    expect(html).toContain('<input type="hidden" name="stepId" value="s3"/>');
  });

  it('offers a participant the countersignature with agree or disagree', async () => {
    const { signIn, request } = setup({ steps: [joint], allowedActions: ['countersign'] });
    await signIn(APPROVER.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(forms(html)).toEqual(['countersign']);
    expect(html).toMatch(/name="outcome" value="agree" checked=""[^>]*\/><span>同意<\/span>/);
    expect(html).toContain('value="disagree"');
  });
});

describe('the intake form takes its rules from the intake schema', () => {
  it('marks the applicant fields required with their lengths, and offers the applicant kinds', async () => {
    const { signIn, request } = setup({});
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1`)).text();
    expect(html).toMatch(/name="applicant.name" value="" required="" maxlength="200"/);
    expect(html).toMatch(/name="applicant.idNumber" value="" required="" maxlength="32"/);
    expect(html).toMatch(
      /type="radio" name="applicant.kind" value="person" checked="" required=""\/><span>个人/,
    );
    expect(html).toMatch(/type="radio" name="applicant.kind" value="org" required=""\/><span>单位/);
    // Only the non-core item can be promised; the commitment is optional, so nothing in it is required.
    expect(html).toMatch(/name="commitment.materials" value="photo"\/>/);
    expect(html).not.toMatch(/name="commitment.supplementBy"[^>]*required/);
  });
});
