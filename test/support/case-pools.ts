import type { DevClaims } from '../../packages/local/src/issuer';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp } from './app';
import { DONGSHAN } from './authority';
import { PERSON_ID } from './cases';

const CASES = `/v1/tenants/${DONGSHAN}/cases`;
const CENTRE = `${DONGSHAN}/convenience-centre`;

/**
 * Cases in every state a route needs, for tests that call each route once per persona:
 * `pools[name][i]` is the i-th case (1-based) ready for that route. Dongshan holds m5
 * (with a fee) and m6 from 2020, supervised by its own centre so the supervisor persona
 * of the matrix receives the results.
 */
export async function seedCasePools(
  t: TestApp,
  clerk: DevClaims,
  approver: DevClaims,
  size = 4,
): Promise<Record<string, string[]>> {
  const base = {
    tenant: DONGSHAN,
    from: '2020-01-01T00:00:00.000Z',
    body: CENTRE,
    mode: 'transfer' as const,
    seal: 'centre-seal',
    supervisingBody: CENTRE,
  };
  await writePeriods(t.store, [
    { ...base, matter: 'm5' },
    { ...base, matter: 'm6' },
  ]);
  await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m5/settings`, {
    fees: [{ code: 'gb', name: '工本费', amount: 10 }],
  });
  const must = async (as: DevClaims, method: string, path: string, body: unknown = {}) => {
    const res = await t.call(as, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const applicant = { kind: 'person', name: '王芳', idNumber: PERSON_ID };
  const intake = (extra: object = {}, matter = 'm6') =>
    must(clerk, 'POST', CASES, {
      matter,
      applicant,
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
      ...extra,
    }) as Promise<{ caseNo: string; queryCode: string }>;
  const take = async (extra: object = {}, matter = 'm6') => (await intake(extra, matter)).caseNo;
  const approved = async () => {
    const no = await take();
    await must(approver, 'POST', `${CASES}/${no}/decide`, { outcome: 'approve' });
    return no;
  };
  const issued = async () => {
    const no = await approved();
    await must(clerk, 'POST', `${CASES}/${no}/issue`, { delivery: 'window' });
    return no;
  };
  const rejected = async () => {
    const no = await take({ defer: true });
    await must(clerk, 'POST', `${CASES}/${no}/reject`, { reason: '申请人不具备申请资格' });
    return no;
  };
  const pools: Record<string, string[]> = {
    static: [await take()],
    issued: [await issued()],
    notice: [await take({ materials: [{ code: 'copy', provided: true }] })],
    rejected: [await rejected()],
  };
  const fill = async (name: string, make: () => Promise<string>) => {
    pools[name] = [];
    for (let i = 0; i < size; i++) pools[name]?.push(await make());
  };
  await fill('needs-correction', () => take({ materials: [{ code: 'copy', provided: true }] }));
  await fill('received', () => take({ defer: true }));
  await fill('accepted', () => take());
  await fill('paying', () => take({}, 'm5'));
  await fill('approved', approved);
  await fill('open-step', async () => {
    const no = await take();
    await must(approver, 'POST', `${CASES}/${no}/start-step`, { kind: 'review' });
    return no;
  });
  const ratedPoorly = async () => {
    const { caseNo, queryCode } = await intake();
    await must(approver, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'approve' });
    await must(clerk, 'POST', `${CASES}/${caseNo}/issue`, { delivery: 'window' });
    await must(clerk, 'POST', `/v1/public/cases/${caseNo}/rating`, {
      code: queryCode,
      level: 1,
      comment: '等候太久',
    });
    return caseNo;
  };
  // R18's later steps: a 差评 answered (to call back), one to appeal, one appealed (for the city).
  const admin: DevClaims = { sub: 'pool-admin', roles: ['tenant-admin'], tenant: clerk.tenant ?? '' };
  const ledger = `/v1/tenants/${clerk.tenant}/rectifications`;
  await fill('rated-poorly', ratedPoorly);
  await fill('appealable', ratedPoorly);
  await fill('answered-poorly', async () => {
    const no = await ratedPoorly();
    await must(admin, 'POST', `${ledger}/${no}/close`, { response: '已致电申请人致歉' });
    return no;
  });
  await fill('appealed', async () => {
    const no = await ratedPoorly();
    await must(admin, 'POST', `${ledger}/${no}/appeal`, { ground: 'mistaken', statement: '评价对象有误' });
    return no;
  });
  return pools;
}
