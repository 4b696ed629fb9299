import { Outbox } from '../../packages/app/src';
import type { AuthorityPeriod } from '../../packages/domain/src';
import { creditCodeCheck, residentIdCheck } from '../../packages/domain/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { decisionPushOf, writePeriods } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp } from './app';
import { DONGSHAN, seedAuthority } from './authority';

export const CENTRE = `${DONGSHAN}/convenience-centre`;
export const CIVIL = 'nanjing.jiangning/civil-affairs';

export const CLERK: DevClaims = { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN };
export const APPROVER: DevClaims = { sub: 'approver-a', roles: ['approver'], tenant: DONGSHAN, body: CENTRE };
export const CIVIL_APPROVER: DevClaims = {
  sub: 'civil-approver',
  roles: ['approver'],
  tenant: 'nanjing.jiangning',
  body: CIVIL,
};
export const SUPERVISOR: DevClaims = {
  sub: 'civil-supervisor',
  roles: ['supervisor'],
  tenant: 'nanjing.jiangning',
  body: CIVIL,
};
/** The centre's head (负责人): approves its extensions (art. 42); an approver too. */
export const HEAD: DevClaims = { sub: 'head-a', roles: ['approver'], tenant: DONGSHAN, body: CENTRE };
/** The head of Dongshan's government (本级人民政府负责人): approves a joint matter's extension (art. 42(2)). */
export const GOVERNMENT_HEAD: DevClaims = { sub: 'gov-head-a', roles: ['tenant-admin'], tenant: DONGSHAN };
export const INSPECTOR: DevClaims = { sub: 'inspector-a', roles: ['inspector'], tenant: DONGSHAN };
export const ADMIN: DevClaims = { sub: 'admin-a', roles: ['tenant-admin'], tenant: DONGSHAN };

/** A resident ID with a correct GB 11643 check digit. */
export const PERSON_ID = (() => {
  const first = '32011519900307123';
  return first + residentIdCheck(first);
})();
/** A unified social credit code with a correct GB 32100 check character. */
export const ORG_ID = (() => {
  const first = '91320115MA1N2B3C4';
  return first + creditCodeCheck(first);
})();

export const CASES = `/v1/tenants/${DONGSHAN}/cases`;

/**
 * Dongshan holds m1…m6 from 2020 on (transfer from Jiangning civil affairs, which
 * supervises), with the centre's seal; Jiangning civil affairs has its own seal.
 */
export async function seedCases(t: TestApp, periods: Partial<AuthorityPeriod> = {}): Promise<void> {
  await seedTenancy(t);
  await seedAuthority(t);
  for (const staff of [
    { id: HEAD.sub, name: '周主任', roles: ['approver'], body: 'convenience-centre', head: true },
    { id: GOVERNMENT_HEAD.sub, name: '吴镇长', roles: ['tenant-admin'], governmentHead: true },
  ]) {
    const res = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/staff`, staff);
    if (res.status !== 201 && res.status !== 409) throw new Error(`staff ${staff.id}: ${res.status}`);
  }
  await t.call(PLATFORM, 'POST', '/v1/tenants/nanjing.jiangning/seals', {
    id: 'civil-seal',
    body: 'civil-affairs',
    name: '江宁区民政局行政审批专用章',
    validFrom: '2019-01-01T00:00:00+08:00',
    electronic: true,
  });
  const rows: AuthorityPeriod[] = [];
  for (let i = 1; i <= 6; i++) {
    rows.push({
      tenant: DONGSHAN,
      matter: `m${i}`,
      from: '2020-01-01T00:00:00.000Z',
      body: CENTRE,
      mode: 'transfer',
      seal: 'centre-seal',
      supervisingBody: CIVIL,
      originBody: CIVIL,
      ...periods,
    });
  }
  await writePeriods(t.store, rows);
}

export const applicant = { kind: 'person', name: '李明', idNumber: PERSON_ID } as const;

/** An intake of m1 with every material provided unless `extra` says otherwise. */
export const intakeBody = (extra: object = {}) => ({
  matter: 'm1',
  applicant,
  materials: [
    { code: 'form', provided: true },
    { code: 'copy', provided: true },
  ],
  ...extra,
});

export async function intake(t: TestApp, extra: object = {}) {
  const res = await t.call(CLERK, 'POST', CASES, intakeBody(extra));
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { caseNo: string; queryCode: string; status: string; version: number };
}

/** Runs a case action and answers the response. */
export function act(
  t: TestApp,
  as: DevClaims,
  caseNo: string,
  action: string,
  body: unknown = {},
  headers = {},
) {
  return t.call(as, 'POST', `${CASES}/${caseNo}/${action}`, body, headers);
}

/** Pushes a decided case to its supervising body's inbox as the stream worker does (R10, R20), with its result once issued. */
export async function pushedToInbox(t: TestApp, tenant: string, caseNo: string): Promise<void> {
  const state = (await t.services.cases.find(tenant, caseNo))?.state;
  const push = state && decisionPushOf(state);
  if (!state || !push) throw new Error(`${caseNo} has no decision to push`);
  const outbox = new Outbox(t.store);
  await outbox.push(push, new Date().toISOString());
  if (state.result) await outbox.attach({ ...push, result: state.result });
}
