import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter } from '../support/authority';
import { APPROVER, act, CASES, GOVERNMENT_HEAD, HEAD, intake, seedCases } from '../support/cases';

/** Art. 42 through the API: an extension is the head's approval, named on the case; art. 42(2) the government head's. */
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  // m2 is handled jointly here (the tenant's setting); m3 is flagged by the city's catalogue.
  const local = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m2/settings`, {
    jointHandling: 'joint',
  });
  expect(local.status).toBe(200);
  const city = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m3', {
    ...matter('m3'),
    statutoryDays: 45,
    jointHandling: 'centralised',
  });
  expect(city.status).toBeLessThan(300);
});

const view = async (as: typeof HEAD, caseNo: string) => (await t.call(as, 'GET', `${CASES}/${caseNo}`)).body;

describe('extension on the head’s approval (art. 42)', () => {
  it("offers and allows it to the centre's head only, records who approved it, and only once", async () => {
    const c = await intake(t);
    expect((await view(APPROVER, c.caseNo)).allowedActions).not.toContain('extend');
    expect((await view(HEAD, c.caseNo)).allowedActions).toContain('extend');
    expect((await view(GOVERNMENT_HEAD, c.caseNo)).allowedActions).not.toContain('extend');

    const byApprover = await act(t, APPROVER, c.caseNo, 'extend', { days: 2, reason: '需补充调查' });
    expect(byApprover.status).toBe(403);
    expect(byApprover.body.detail).toContain('负责人批准');
    const byGovernment = await act(t, GOVERNMENT_HEAD, c.caseNo, 'extend', { days: 2, reason: '需补充调查' });
    expect(byGovernment.status).toBe(403);
    const tooLong = await act(t, HEAD, c.caseNo, 'extend', { days: 11, reason: '需补充调查' });
    expect([tooLong.status, tooLong.body.errors?.[0]?.path]).toEqual([400, 'days']);

    const extended = await act(t, HEAD, c.caseNo, 'extend', { days: 2, reason: '需补充调查' });
    expect(extended.status).toBe(200);
    const approvedBy = { id: 'head-a', name: '周主任', as: 'head' };
    expect(extended.body.extension).toMatchObject({ days: 2, approvedBy });
    expect(extended.body.events.at(-1)).toMatchObject({ type: 'extended', approvedBy });
    expect(extended.body.notices.at(-1).zh).toContain('经本机关负责人周主任（head-a）批准');
    expect(extended.body.allowedActions).not.toContain('extend');

    const again = await act(t, HEAD, c.caseNo, 'extend', { days: 1, reason: '再延' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('第四十二条');
  });

  it('a jointly handled matter (art. 42(2)): 45 days, extended by up to 15 on the government head’s approval', async () => {
    for (const code of ['m2', 'm3']) {
      const c = await intake(t, { matter: code });
      const state = await view(HEAD, c.caseNo);
      expect(state.limits.jointHandling).toBe(code === 'm2' ? 'joint' : 'centralised');
      expect(state.allowedActions).not.toContain('extend');
      expect((await view(GOVERNMENT_HEAD, c.caseNo)).allowedActions).toContain('extend');

      const byBodyHead = await act(t, HEAD, c.caseNo, 'extend', { days: 5, reason: '多部门联合审查' });
      expect(byBodyHead.status).toBe(403);
      expect(byBodyHead.body.detail).toContain('本级人民政府负责人');
      const tooLong = await act(t, GOVERNMENT_HEAD, c.caseNo, 'extend', {
        days: 16,
        reason: '多部门联合审查',
      });
      expect(tooLong.status).toBe(400);

      const extended = await act(t, GOVERNMENT_HEAD, c.caseNo, 'extend', {
        days: 15,
        reason: '多部门联合审查',
      });
      expect(extended.status).toBe(200);
      expect(extended.body.extension.approvedBy).toEqual({
        id: 'gov-head-a',
        name: '吴镇长',
        as: 'government-head',
      });
      expect(extended.body.notices.at(-1).zh).toContain('经本级人民政府负责人吴镇长（gov-head-a）批准');
    }
  });

  it('refuses to flag a matter whose statutory limit is beyond 45 working days', async () => {
    const res = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m9', {
      ...matter('m9'),
      statutoryDays: 60,
      jointHandling: 'unified',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.path).toBe('statutoryDays');
  });
});
