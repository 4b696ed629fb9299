import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const HOLDER = '11010519491231002X';
const ID = '1.2.156.3005.2.1100000012345678X0001.1100000012345678X0.20261202ABCDEF.001.7';

const GUIDE = {
  code: 'm1',
  name: '公共场所卫生许可',
  typeName: '行政许可',
  implementingBody: { ref: `${TENANT}/convenience-centre`, name: '东山街道便民服务中心' },
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
  supervisingBody: 'nanjing.jiangning/civil-affairs',
  tenant: { id: TENANT, name: '江宁区东山街道' },
};

function setup() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/public/:t/guide/:code', (c) => c.json(GUIDE));
  api.get('/v1/tenants/:t/licences', (c) =>
    c.req.query('holder') === HOLDER
      ? c.json({
          items: [
            {
              id: ID,
              tenant: TENANT,
              caseNo: `${TENANT}-20261202-0001`,
              matter: 'm1',
              name: '公共场所卫生许可',
              holder: { kind: 'person', name: '李明', idNumber: '1101**********002X' },
              issuer: `${TENANT}/convenience-centre`,
              issuedAt: '2026-12-02T03:00:00.000Z',
              validity: { from: '2026-12-02' },
              status: 'revoked',
              statusChange: { reason: '以欺骗手段取得', at: '2026-12-03T03:00:00.000Z', by: 'approver-a' },
              allowedActions: [],
            },
          ],
        })
      : c.json(
          validationProblem(
            'holder',
            '持证主体应为18位身份证号码或统一社会信用代码',
            'holder is 18 characters',
          ),
          400,
        ),
  );
  return { seen, ...consoleHarness(asApi(), [CLERK]) };
}

describe('the intake form’s e-licence panel (免提交)', () => {
  it('asks the library nothing until a holder is looked up', async () => {
    const { signIn, request, seen } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1`)).text();
    expect(html).toContain('电子证照（免提交）');
    expect(seen.some((r) => r.path.endsWith('/licences'))).toBe(false);
  });

  it('lists the holder’s licences with identifier, validity and status, masked as the API answers', async () => {
    const { signIn, request, seen } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1&holder=${HOLDER}`)).text();
    expect(seen.find((r) => r.path === `/v1/tenants/${TENANT}/licences`)?.query).toBe(`?holder=${HOLDER}`);
    expect(html).toContain(ID);
    expect(html).toContain('1101**********002X');
    expect(html).toContain('2026-12-02 – 长期');
    expect(html).toContain('已撤销（以欺骗手段取得）');
    // The intake form is still there beside it.
    expect(html).toMatch(/name="applicant.idNumber"/);
  });

  it('says what is wrong with a malformed number', async () => {
    const { signIn, request } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/intake?matter=m1&holder=123`)).text();
    expect(html).toMatch(/role="alert">持证主体应为18位身份证号码或统一社会信用代码</);
  });
});
