import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../packages/api/src';
import { CATALOGUE_HEADERS } from '../../packages/api/src/catalogue-format';
import { issueCertificate, sm2KeyPair, sm2Sign, statutoryHolidays } from '../../packages/domain/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { archivePackageItem, writePeriods } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { matter, rolloutBody, seedAuthority } from '../support/authority';
import { seedCasePools } from '../support/case-pools';
import { PERSON_ID, pushedToInbox } from '../support/cases';
import { issuedLicences } from '../support/licences';
import { MemoryObjects } from '../support/memory-objects';

/**
 * Who may call what. Every route the app serves must have a row here: the test walks
 * `apiRoutes` and fails on a route without one, so the matrix grows with the API.
 *
 * Targets: city `nanjing`, tenant `nanjing.jiangning.dongshan` (T).
 * Columns, in order:
 *   platform   platform-admin
 *   city       city-admin of nanjing
 *   othercity  city-admin of xian
 *   admin      tenant-admin of T
 *   clerk      window-clerk of T
 *   approver   approver of T
 *   supervisor supervisor of T
 *   inspector  inspector of T
 *   parent     tenant-admin of T's district (nanjing.jiangning): a different tenant
 *   other      tenant-admin of xian.yanliang
 *   dapprover  approver of the district's civil affairs bureau, a body none of T's seeded cases names
 *   dsupervisor supervisor of the same body
 * Cells: Y allowed, 3 forbidden (403), 4 not found (404, the scope is not theirs), E allowed
 * and answers none of T's cases (a list filtered to the caller's reach).
 *
 * Body reach (issue 11): a route marked `bodyReach: 'case'` is open to a district body's
 * approvers and supervisors, but only on the cases that name their body (bound to decide
 * it, supervising it, guiding it, or in a running step; `reachesCaseAsBody`): the last two
 * columns say what they get on T's cases, which name none of theirs. Every other route is
 * closed to them by its scope. The mark must agree with the route's `access.bodyReach`, so
 * a case route cannot be added without deciding its body reach; `body-reach.test.ts` covers
 * the cases that do name their body.
 */
const PERSONAS: Record<string, DevClaims> = {
  platform: { sub: 'm-platform', roles: ['platform-admin'] },
  city: { sub: 'm-city', roles: ['city-admin'], city: 'nanjing' },
  othercity: { sub: 'm-othercity', roles: ['city-admin'], city: 'xian' },
  admin: { sub: 'm-admin', roles: ['tenant-admin'], tenant: 'nanjing.jiangning.dongshan' },
  clerk: { sub: 'm-clerk', roles: ['window-clerk'], tenant: 'nanjing.jiangning.dongshan' },
  approver: {
    sub: 'm-approver',
    roles: ['approver'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  supervisor: {
    sub: 'm-supervisor',
    roles: ['supervisor'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  inspector: { sub: 'm-inspector', roles: ['inspector'], tenant: 'nanjing.jiangning.dongshan' },
  parent: { sub: 'm-parent', roles: ['tenant-admin'], tenant: 'nanjing.jiangning' },
  other: { sub: 'm-other', roles: ['tenant-admin'], tenant: 'xian.yanliang' },
  dapprover: {
    sub: 'm-dapprover',
    roles: ['approver'],
    tenant: 'nanjing.jiangning',
    body: 'nanjing.jiangning/civil-affairs',
  },
  dsupervisor: {
    sub: 'm-dsupervisor',
    roles: ['supervisor'],
    tenant: 'nanjing.jiangning',
    body: 'nanjing.jiangning/civil-affairs',
  },
};
const COLUMNS = Object.keys(PERSONAS);

let n = 0;
const unique = () => `m${++n}`;

interface Row {
  readonly cells: string;
  /** Open to a district body's staff on the cases that name their body (the route's `access.bodyReach`). */
  readonly bodyReach?: 'case';
  /** A string, or a function for routes that consume their resource: an allowed call gets a fresh one. */
  readonly path: string | ((allowed: boolean) => string);
  /** A valid body for an allowed caller; a fresh id each call so repeats do not conflict. */
  readonly body?: () => unknown;
  /** Headers for a body that is not JSON. */
  readonly headers?: Record<string, string>;
}

const T = 'nanjing.jiangning.dongshan';
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600_000).toISOString();
const counters: Record<string, number> = {};
/** The next of a pool of resources seeded for a route that changes them (void, schedule, cancel). */
const nextOf = (pool: string, allowed: boolean): string => {
  const n = (counters[pool] ?? 0) + (allowed || counters[pool] === undefined ? 1 : 0);
  counters[pool] = n;
  return String(n);
};
const AT = encodeURIComponent(inDays(3));

const MATRIX: Record<string, Row> = {
  'POST /v1/cities': {
    cells: 'Y 3 3 3 3 3 3 3 3 3 3 3',
    path: '/v1/cities',
    body: () => ({ id: unique(), name: '城' }),
  },
  'GET /v1/cities': { cells: 'Y 3 3 3 3 3 3 3 3 3 3 3', path: '/v1/cities' },
  'POST /v1/cities/:city/tenants': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/tenants',
    body: () => ({ id: `nanjing.${unique()}`, name: '区', kind: 'district' }),
  },
  'GET /v1/cities/:city/tenants': { cells: 'Y Y 4 4 4 4 4 4 4 4 4 4', path: '/v1/cities/nanjing/tenants' },
  'GET /v1/tenants/:tenant': { cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4', path: `/v1/tenants/${T}` },
  'POST /v1/tenants/:tenant/bodies': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/bodies`,
    body: () => ({ code: unique(), name: '部门', kind: 'department' }),
  },
  'GET /v1/tenants/:tenant/bodies': { cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4', path: `/v1/tenants/${T}/bodies` },
  'POST /v1/tenants/:tenant/staff': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/staff`,
    body: () => ({ id: unique(), name: '员工', roles: ['window-clerk'] }),
  },
  'GET /v1/tenants/:tenant/staff': { cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4', path: `/v1/tenants/${T}/staff` },
  // Calendars: writes go to 2099 so they never change the working days other rows count on. A city's
  // year holds the statutory holidays (R17), a tenant works on no statutory holiday (10-01..03 are).
  'PUT /v1/cities/:city/calendar/:year': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/calendar/2099',
    body: () => ({ holidays: (statutoryHolidays(2099) ?? []).map((d) => d.date), workdays: [] }),
  },
  'GET /v1/cities/:city/calendar/:year': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/calendar/2024',
  },
  // The default limit, so the rectifications other rows open stay as they were.
  'PUT /v1/cities/:city/evaluation': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/evaluation',
    body: () => ({ rectificationDays: 5, defaultRatingDays: 7, defaultRatingLevel: 3 }),
  },
  'GET /v1/cities/:city/evaluation': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/evaluation',
  },
  'PUT /v1/tenants/:tenant/calendar/:year': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/calendar/2099`,
    body: () => ({ holidays: [], workdays: ['2099-10-05'] }),
  },
  'GET /v1/tenants/:tenant/calendar/:year': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/calendar/2024`,
  },
  'PUT /v1/cities/:city/catalogue/:code': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: () => `/v1/cities/nanjing/catalogue/${unique()}`,
    body: () => matter('x'),
  },
  'GET /v1/cities/:city/catalogue': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/catalogue',
  },
  // A dry run: the allowed callers send a valid file, and the catalogue stays as the other rows need it.
  'POST /v1/cities/:city/:op{catalogue:import}': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/catalogue:import?dryRun=true',
    headers: { 'content-type': 'text/csv' },
    body: () => `${CATALOGUE_HEADERS.join(',')}\r\n${unique()},事项,行政许可,01 新办,依据,20,5,否,,,,\r\n`,
  },
  'GET /v1/cities/:city/:op{catalogue:export}': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/catalogue:export?format=csv',
  },
  'GET /v1/cities/:city/catalogue/:code': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/catalogue/m1',
  },
  'POST /v1/tenants/:tenant/seals': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/seals`,
    body: () => ({
      id: unique(),
      body: 'convenience-centre',
      name: '章',
      validFrom: inDays(0),
      electronic: true,
    }),
  },
  'GET /v1/tenants/:tenant/seals': { cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4', path: `/v1/tenants/${T}/seals` },
  'GET /v1/tenants/:tenant/seals/:id': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/seals/centre-seal`,
  },
  'GET /v1/tenants/:tenant/seals/:id/imprint.svg': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/seals/centre-seal/imprint.svg`,
  },
  'POST /v1/tenants/:tenant/seals/:id/void': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/seals/void-${nextOf('void', allowed)}/void`,
    body: () => ({ at: inDays(1) }),
  },
  // A licensed CA's certificate of centre-seal's own key (made in beforeAll).
  'PUT /v1/tenants/:tenant/seals/:id/certificate': {
    cells: 'Y Y 4 3 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/seals/centre-seal/certificate`,
    body: () => ({ certificate: sealCertificate }),
  },
  'GET /v1/tenants/:tenant/matters': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/matters?at=${AT}`,
  },
  'GET /v1/tenants/:tenant/matters/:code/authority': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/matters/m1/authority?at=${AT}`,
  },
  'GET /v1/tenants/:tenant/matters/:code/authority/history': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/matters/m1/authority/history`,
  },
  'GET /v1/cities/:city/code-lineage': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/code-lineage?matter=m1',
  },
  // R13: m8 has no period in T, so the same holder recorded again is unchanged, never a conflict.
  'PUT /v1/tenants/:tenant/initial-holders': {
    cells: 'Y Y 4 3 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/initial-holders`,
    body: () => ({ items: [{ matter: 'm8', body: 'nanjing.jiangning/civil-affairs', seal: 'civil-seal' }] }),
  },
  'PUT /v1/tenants/:tenant/matters/:code/settings': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/matters/m1/settings`,
    body: () => ({ promisedDays: 3, windowLocation: '一楼3号窗口' }),
  },
  'POST /v1/cities/:city/rollouts': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/rollouts',
    body: () => rolloutBody(unique(), ['m6'], inDays(30)),
  },
  'GET /v1/cities/:city/rollouts': { cells: 'Y Y 4 4 4 4 4 4 4 4 4 4', path: '/v1/cities/nanjing/rollouts' },
  'GET /v1/cities/:city/rollouts/:id': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/rollouts/applied',
  },
  'POST /v1/cities/:city/rollouts/:id/preview': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/rollouts/applied/preview',
  },
  'POST /v1/cities/:city/rollouts/:id/impact': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/rollouts/applied/impact?months=3',
  },
  'POST /v1/cities/:city/rollouts/:id/schedule': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: (allowed) => `/v1/cities/nanjing/rollouts/sched-${nextOf('schedule', allowed)}/schedule`,
  },
  'POST /v1/cities/:city/rollouts/:id/cancel': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: (allowed) => `/v1/cities/nanjing/rollouts/cancel-${nextOf('cancel', allowed)}/cancel`,
  },
  'GET /v1/cities/:city/rollouts/:id/agreements/:tenant': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: `/v1/cities/nanjing/rollouts/applied/agreements/${T}`,
  },
  'GET /v1/tenants/:tenant/handovers': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/handovers`,
  },
  'GET /v1/tenants/:tenant/handovers/:id': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/handovers/applied`,
  },
  // The checklist of the applied rollout's agreement: each allowed call confirms the next item (once each).
  'POST /v1/tenants/:tenant/handovers/:id/checklist/:item': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) =>
      `/v1/tenants/${T}/handovers/applied/checklist/${['rules', 'certificates', 'accounts', 'training'][Number(nextOf('checklist', allowed)) - 1]}`,
    body: () => ({}),
  },
  // Training records (R11, people): the administrators write; a member reads their own (clerk-a is not m-clerk).
  'POST /v1/tenants/:tenant/staff/:id/trainings': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/staff/clerk-a/trainings`,
    body: () => ({ matters: ['m1'], kind: 'trial-run', completedAt: '2024-01-02' }),
  },
  'GET /v1/tenants/:tenant/staff/:id/trainings': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/staff/clerk-a/trainings`,
  },
  'GET /v1/tenants/:tenant/trainings': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/trainings?matter=m1`,
  },
  // AB角: A (m-post-a) has a B; each allowed call marks a fresh, non-overlapping absence far ahead.
  'POST /v1/tenants/:tenant/staff/:id/absences': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/staff/m-post-a/absences`,
    body: () => {
      const k = 100 + 2 * Number(nextOf('absence', true));
      return { from: inDays(k), to: inDays(k + 1), reason: '年休假' };
    },
  },
  'GET /v1/tenants/:tenant/staff/:id/absences': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/staff/m-post-a/absences`,
  },
  'POST /v1/tenants/:tenant/staff/:id/absences/:absenceId/end': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) =>
      `/v1/tenants/${T}/staff/m-post-a/absences/${pools.absences?.[Number(nextOf('absence-end', allowed))]}/end`,
  },
  'GET /v1/tenants/:tenant/absences': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/absences?at=${AT}`,
  },
  'GET /v1/tenants/:tenant/calendar/working-days': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/calendar/working-days?from=2024-09-27&days=5`,
  },
  'POST /v1/tenants/:tenant/cases': {
    cells: '3 3 4 3 Y 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/cases`,
    body: () => ({
      matter: 'm6',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID },
      materials: [{ code: 'form', provided: true }],
    }),
  },
  'GET /v1/tenants/:tenant/cases': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 E E',
    path: `/v1/tenants/${T}/cases`,
  },
  'POST /v1/tenants/:tenant/cases/search': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 E E',
    path: `/v1/tenants/${T}/cases/search`,
    body: () => ({ from: '2000-01-01' }),
  },
  'GET /v1/tenants/:tenant/workbench': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/workbench`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => casePath('static'),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/supplement': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('needs-correction', allowed, 'supplement'),
    body: () => ({ materials: [{ code: 'form', provided: true }] }),
  },
  // R19: a clerk, or a signer (tenant-admin, supervisor); within the one-time notice, no sign-off needed.
  'POST /v1/tenants/:tenant/cases/:caseNo/notify-correction': {
    bodyReach: 'case',
    cells: '3 3 4 Y Y 3 Y 3 4 4 3 4',
    path: () => casePath('notice', true, 'notify-correction'),
    body: () => ({ materials: ['form'] }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/accept': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('received', allowed, 'accept'),
    body: () => ({}),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/reject': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('received', allowed, 'reject'),
    body: () => ({ reason: '申请事项不属于本机关职权', competentAuthority: '江宁区民政局' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/start-step': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: () => casePath('static', true, 'start-step'),
    body: () => ({ kind: 'review' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/finish-step': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: (allowed) => casePath('open-step', allowed, 'finish-step'),
    body: () => ({ stepId: 's1', outcome: 'pass' }),
  },
  // R6 `guided`: the centre's approver asks; the guiding department (a body no persona has) answers.
  'POST /v1/tenants/:tenant/cases/:caseNo/request-guidance': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: (allowed) => casePath('guided', allowed, 'request-guidance'),
    body: () => ({ question: '产权证明是否须原件？' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/give-guidance': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 3 3 3 4 4 4 3',
    path: (allowed) => casePath('guided', allowed, 'give-guidance'),
    body: () => ({ opinion: '复印件加盖公章即可' }),
  },
  // Art. 42: any staff member may call it, but only the bound body's head extends (403 from the
  // decider otherwise); m-approver is no head. extension-heads.test.ts has the heads who may.
  'POST /v1/tenants/:tenant/cases/:caseNo/extend': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 3 3 3 4 4 4 4',
    path: (allowed) => casePath('accepted', allowed, 'extend'),
    body: () => ({ days: 5, reason: '需补充调查' }),
  },
  // R16: an approver of the bound body signs the level waiting on a case of a matter with levels.
  'POST /v1/tenants/:tenant/cases/:caseNo/opinion': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: (allowed) => casePath('levelled', allowed, 'opinion'),
    body: () => ({ opinion: '同意', outcome: 'pass' }),
  },
  // 会签: only a participating body countersigns; m-approver's centre leads the review (403 from the
  // decider). The lead's approver may decide without the rest. joint-review.test.ts has the participants.
  'POST /v1/tenants/:tenant/cases/:caseNo/countersign': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 3 3 3 4 4 4 3',
    path: (allowed) => casePath('joint', allowed, 'countersign'),
    body: () => ({ stepId: 's1', opinion: '同意', outcome: 'agree' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/countersign-override': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: (allowed) => casePath('joint', allowed, 'countersign-override'),
    body: () => ({ stepId: 's1', reason: '重点项目，不再等待' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/decide': {
    bodyReach: 'case',
    cells: '3 3 4 3 3 Y 3 3 4 4 4 3',
    path: (allowed) => casePath('accepted', allowed, 'decide'),
    body: () => ({ outcome: 'approve' }),
  },
  // After decide: the case it withdraws would otherwise be the one decide's refused callers see (409, not 403).
  'POST /v1/tenants/:tenant/cases/:caseNo/withdraw': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('accepted', allowed, 'withdraw'),
    body: () => ({ reason: '申请人主动撤回' }),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/pay': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('paying', allowed, 'pay'),
    body: () => ({}),
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/issue': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y 3 3 3 4 4 3 3',
    path: (allowed) => casePath('approved', allowed, 'issue'),
    body: () => ({ delivery: 'window' }),
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/result': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('issued')}/result`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/notice.html': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('notice')}/notice.html`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/acceptance.html': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('static')}/acceptance.html`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/rejection.html': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('rejected')}/rejection.html`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/decision.html': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('issued')}/decision.html`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/result.html': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('issued')}/result.html`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/result.ofd': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('issued')}/result.ofd`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/responsibility': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('static')}/responsibility`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/names': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('static')}/names`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/integrity': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('static')}/integrity`,
  },
  // The applicant unmasked: only the roles handling a case, through the case read check (issue 11).
  'POST /v1/tenants/:tenant/cases/:caseNo/applicant/reveal': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y Y Y 3 4 4 4 4',
    path: () => `${casePath('static')}/applicant/reveal`,
    body: () => ({ purpose: '核对申请人身份' }),
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/applicant': {
    bodyReach: 'case',
    cells: '3 3 4 3 Y Y Y 3 4 4 4 4',
    path: () => `${casePath('static')}/applicant?purpose=${encodeURIComponent('核对申请人身份')}`,
  },
  // A case's files (issue 16): uploads by the window and approvers; reads as the case's; verify and reuse at the window.
  'POST /v1/tenants/:tenant/cases/:caseNo/materials/:code/uploads': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y 3 3 4 4 4 3',
    path: () => `${casePath('static')}/materials/form/uploads`,
    body: () => ({ name: '申请表.pdf', type: 'application/pdf' }),
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/materials/:code': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `${casePath('static')}/materials/form`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/materials/:code/files/:id': {
    bodyReach: 'case',
    cells: 'Y Y 4 Y Y Y Y 3 4 4 4 4',
    path: () => `${casePath('static')}/materials/form/files/${pools.materialFile?.[0]}`,
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/materials/:code/files/:id/verify': {
    cells: 'Y Y 4 Y Y 3 3 3 4 4 4 4',
    path: () => `${casePath('static')}/materials/form/files/${pools.materialFile?.[0]}/verify`,
  },
  'GET /v1/tenants/:tenant/cases/:caseNo/materials/:code/reusable': {
    cells: 'Y Y 4 Y Y 3 3 3 4 4 4 4',
    path: () => `${casePath('static')}/materials/form/reusable`,
  },
  'POST /v1/tenants/:tenant/cases/:caseNo/materials/:code/reuse': {
    cells: 'Y Y 4 Y Y 3 3 3 4 4 4 4',
    path: () => `${casePath('static')}/materials/form/reuse`,
    body: () => ({
      file: { tenant: T, caseNo: pools.notice?.[0], id: pools.materialFile?.[1] },
      consent: { method: 'signed' },
    }),
  },
  // Archive packages (R5, issue 16): the custodian tenant's administrators (no archivist role exists).
  'GET /v1/tenants/:tenant/archive': { cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4', path: `/v1/tenants/${T}/archive` },
  'GET /v1/tenants/:tenant/archive/:packageId': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: () => `/v1/tenants/${T}/archive/${pools.archived?.[0]}`,
  },
  'GET /v1/tenants/:tenant/archive/:packageId/objects/:name': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: () => `/v1/tenants/${T}/archive/${pools.archived?.[0]}/objects/result.json`,
  },
  // Disposal after retention: each allowed call disposes of a fresh package whose retention has passed.
  'DELETE /v1/tenants/:tenant/archive/:packageId': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/archive/expired-${nextOf('archive', allowed)}`,
  },
  // The e-licence library: every staff member finds a holder's licences (免提交); only the issuing body's approver changes one.
  'GET /v1/tenants/:tenant/licences': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/licences?holder=${PERSON_ID}`,
  },
  'GET /v1/tenants/:tenant/licences/:licenceId': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `/v1/tenants/${T}/licences/${licences[0]}`,
  },
  'POST /v1/tenants/:tenant/licences/:licenceId/revoke': {
    cells: '3 3 4 3 3 Y 3 3 4 4 4 4',
    path: () => `/v1/tenants/${T}/licences/${licences[1]}/revoke`,
    body: () => ({ reason: '以欺骗手段取得' }),
  },
  'POST /v1/tenants/:tenant/licences/:licenceId/cancel': {
    cells: '3 3 4 3 3 Y 3 3 4 4 4 4',
    path: () => `/v1/tenants/${T}/licences/${licences[2]}/cancel`,
    body: () => ({ reason: '持证人申请注销' }),
  },
  'GET /v1/tenants/:tenant/supervision/inbox': {
    cells: 'Y Y 4 Y 3 3 Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/inbox?body=${encodeURIComponent(`${T}/convenience-centre`)}`,
  },
  // Signing for a pushed result (pushed in beforeAll, as the stream worker pushes it).
  'POST /v1/tenants/:tenant/supervision/receipts': {
    cells: '3 3 4 3 3 3 Y 3 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/receipts`,
    body: () => ({ caseNo: pools.issued?.[0] }),
  },
  'POST /v1/tenants/:tenant/supervision/findings': {
    cells: '3 3 4 3 3 3 Y 3 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/findings`,
    body: () => ({ caseNo: pools.issued?.[0], text: '抽查：材料齐全，程序合规' }),
  },
  'GET /v1/tenants/:tenant/supervision/board': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/board`,
  },
  // 联络人 (issue 15): the tenant's administrators, or a supervisor of the body, name them; inspectors read them.
  'PUT /v1/tenants/:tenant/supervision/liaisons': {
    cells: 'Y Y 4 Y 3 3 Y 3 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/liaisons`,
    body: () => ({
      supervisingBody: `${T}/convenience-centre`,
      department: `${T}/convenience-centre`,
      staff: 'm-supervisor',
    }),
  },
  'GET /v1/tenants/:tenant/supervision/liaisons': {
    cells: 'Y Y 4 Y 3 3 Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/supervision/liaisons?body=${encodeURIComponent(`${T}/convenience-centre`)}`,
  },
  // The findings on a holder's earlier cases: the window's, at intake.
  'GET /v1/tenants/:tenant/holders/findings': {
    cells: '3 3 4 3 Y 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/holders/findings?holder=${PERSON_ID}`,
  },
  'GET /v1/tenants/:tenant/rectifications': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/rectifications`,
  },
  'POST /v1/tenants/:tenant/rectifications/:caseNo/close': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/rectifications/${caseNo('rated-poorly', allowed)}/close`,
    body: () => ({ response: '已增设窗口并致电申请人致歉' }),
  },
  'POST /v1/tenants/:tenant/rectifications/:caseNo/callback': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/rectifications/${caseNo('answered-poorly', allowed)}/callback`,
    body: () => ({ view: 'satisfied', channel: 'phone' }),
  },
  'POST /v1/tenants/:tenant/rectifications/:caseNo/appeal': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/rectifications/${caseNo('appealable', allowed)}/appeal`,
    body: () => ({ ground: 'malicious', statement: '申请人因个人纠纷恶意评价' }),
  },
  // The city decides a centre's appeal; the centre itself does not.
  'POST /v1/tenants/:tenant/rectifications/:caseNo/appeal/decision': {
    cells: 'Y Y 4 3 3 3 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/rectifications/${caseNo('appealed', allowed)}/appeal/decision`,
    body: () => ({ outcome: 'dismissed', reason: '评价对象无误' }),
  },
  'GET /v1/tenants/:tenant/cards': {
    cells: 'Y Y 4 Y 3 Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/cards`,
  },
  'GET /v1/tenants/:tenant/cards/:cardId': {
    cells: 'Y Y 4 Y 3 Y Y Y 4 4 4 4',
    path: () => `/v1/tenants/${T}/cards/${pools.cards?.[0]}`,
  },
  // Contest and review each take a card once: a fresh one for each allowed call.
  'POST /v1/tenants/:tenant/cards/:cardId/contest': {
    cells: 'Y Y 4 Y 3 Y 3 3 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/cards/${cardOf(allowed, 0)}/contest`,
    body: () => ({ reasons: '申请人书面要求暂缓' }),
  },
  'POST /v1/tenants/:tenant/cards/:cardId/review': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: (allowed) => `/v1/tenants/${T}/cards/${cardOf(allowed, 4)}/review`,
    body: () => ({ outcome: 'upheld', reason: '超期属实' }),
  },
  'POST /v1/tenants/:tenant/cards/:cardId/urge': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: () => `/v1/tenants/${T}/cards/${pools.cards?.[0]}/urge`,
    body: () => ({ note: '请尽快办结' }),
  },
  'GET /v1/cities/:city/rectifications': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/rectifications?filter=awaiting-decision',
  },
  'GET /v1/cities/:city/:op{ratings:export}': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/ratings:export?month=2026-01',
  },
  'GET /v1/tenants/:tenant/assessment': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/assessment?month=2026-01`,
  },
  'GET /v1/tenants/:tenant/notifications': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/notifications`,
  },
  'GET /v1/cities/:city/assessment': {
    cells: 'Y Y 4 4 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/assessment?month=2026-01',
  },
  // R16: the route lets tenant staff in; only a department's head (or an administrator naming one) grants and revokes.
  'POST /v1/tenants/:tenant/window-authorisations': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: `/v1/tenants/${T}/window-authorisations`,
    body: () => ({
      staff: 'clerk-a',
      body: `${T}/convenience-centre`,
      matters: ['m7'],
      from: inDays(0),
      until: inDays(365),
      docNo: `矩阵授〔2026〕${unique()}号`,
      grantedBy: 'm-head',
    }),
  },
  'GET /v1/tenants/:tenant/window-authorisations': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: `/v1/tenants/${T}/window-authorisations`,
  },
  'GET /v1/tenants/:tenant/window-authorisations/:id': {
    cells: 'Y Y 4 Y Y Y Y Y 4 4 4 4',
    path: () => `/v1/tenants/${T}/window-authorisations/${pools.grants?.[0]}`,
  },
  'POST /v1/tenants/:tenant/window-authorisations/:id/revoke': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4 4 4',
    path: (allowed) =>
      `/v1/tenants/${T}/window-authorisations/${pools.grants?.[Number(nextOf('grant', allowed))]}/revoke`,
    body: () => ({ reason: '岗位调整' }),
  },
  'GET /v1/tenants/:tenant/fees/report': {
    cells: 'Y Y 4 Y 3 3 3 Y 4 4 4 4',
    path: `/v1/tenants/${T}/fees/report?from=2020-01-01&to=2030-12-31`,
  },
};

let pools: Record<string, string[]> = {};
/** A card for a contest (cards 1–4) or a review (cards 5–8): a fresh one for each allowed call. */
const cardOf = (allowed: boolean, offset: number): string => {
  const i = Number(nextOf(`cards-${offset}`, allowed)) - 1;
  return pools.cards?.[Math.min(offset + i, (pools.cards?.length ?? 1) - 1)] ?? '';
};
let licences: string[] = [];
/** The case a call gets: a fresh one from `pool` for each allowed call of a route that changes it. */
const caseNo = (pool: string, allowed = true): string => {
  const list = pools[pool] ?? [];
  const i = Number(nextOf(pool, allowed)) - 1;
  const found = list[Math.min(i, list.length - 1)];
  if (!found) throw new Error(`pool '${pool}' is empty`);
  return found;
};
const casePath = (pool: string, allowed = true, action?: string) => {
  const path = `/v1/tenants/${T}/cases/${['static', 'issued', 'notice', 'rejected'].includes(pool) ? pools[pool]?.[0] : caseNo(`${pool}`, allowed)}`;
  return action ? `${path}/${action}` : path;
};

let t: TestApp;
let sealCertificate = '';
beforeAll(async () => {
  const objects = new MemoryObjects();
  t = await testApp({ objects, scannerless: true });
  await seedTenancy(t);
  await seedAuthority(t);
  const ca = sm2KeyPair();
  const sealKey = await t.services.esign.certificate(T, 'centre-seal', new Date().toISOString());
  const cert = await issueCertificate(
    {
      serial: 9n,
      issuer: { CN: 'Licensed CA' },
      subject: { CN: 'centre-seal' },
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2030-01-01T00:00:00Z',
      publicKey: new Uint8Array(Buffer.from(sealKey.publicKey, 'hex')),
      ca: false,
    },
    (tbs) => sm2Sign(ca.privateKey, tbs),
  );
  sealCertificate = Buffer.from(cert).toString('base64');
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await t.call(PLATFORM, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  // An applied rollout of m1 (authority, agreements, handovers), seals to void, drafts to schedule and cancel.
  await ok('POST', '/v1/cities/nanjing/rollouts', rolloutBody('applied', ['m1'], inDays(1)));
  await ok('POST', '/v1/cities/nanjing/rollouts/applied/schedule');
  await t.services.rollouts.apply('nanjing', 'applied', { now: inDays(2) });
  for (let i = 1; i <= 3; i++) {
    await ok('POST', `/v1/tenants/${T}/seals`, {
      id: `void-${i}`,
      body: 'convenience-centre',
      name: '待作废',
      validFrom: inDays(0),
      electronic: false,
    });
    await ok('POST', '/v1/cities/nanjing/rollouts', rolloutBody(`sched-${i}`, [`m${i + 1}`], inDays(5)));
    await ok('POST', '/v1/cities/nanjing/rollouts', rolloutBody(`cancel-${i}`, ['m5'], inDays(5)));
  }
  pools = await seedCasePools(t, PERSONAS.clerk as DevClaims, PERSONAS.approver as DevClaims);
  // The supervisor persona in the staff register: the liaison the liaison row names.
  await ok('POST', `/v1/tenants/${T}/staff`, {
    id: 'm-supervisor',
    name: '监管员',
    roles: ['supervisor'],
    body: 'convenience-centre',
  });
  licences = await issuedLicences(t, PERSONAS.clerk as DevClaims, PERSONAS.approver as DevClaims, 3);
  await pushedToInbox(t, T, pools.issued?.[0] ?? '');
  // A verified file on the static case (download, verify) and one on another case of the same holder (reuse).
  pools.materialFile = [];
  for (const no of [pools.static?.[0], pools.notice?.[0]]) {
    const base = `/v1/tenants/${T}/cases/${no}/materials/form`;
    const ticket = await t.call(PLATFORM, 'POST', `${base}/uploads`, {
      name: '申请表.pdf',
      type: 'application/pdf',
    });
    objects.upload(ticket.body.fields.key, new TextEncoder().encode('%PDF-1.7\n%%EOF\n'));
    const listed = await t.call(PLATFORM, 'GET', base);
    const id = listed.body.files[0]?.id;
    const verified = await t.call(PLATFORM, 'POST', `${base}/files/${id}/verify`);
    if (verified.status !== 200)
      throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
    pools.materialFile.push(id);
  }
  // Red cards (R19) on the accepted cases, as the clock would raise them two months on.
  const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
  pools.cards = [];
  for (const [pool, limit] of [
    ['accepted', 'promised'],
    ['received', 'acceptance'],
  ] as const) {
    for (const no of pools[pool] ?? []) {
      await t.services.cards.raise(t.services.commands.system('clock', T, later), T, no);
      pools.cards.push(encodeURIComponent(`${no}~${limit}~red`));
    }
  }
  // Joint reviews the centre leads with a department no persona belongs to (会签).
  pools.joint = [];
  for (let i = 0; i < 3; i++) {
    const res = await t.call(PERSONAS.clerk, 'POST', `/v1/tenants/${T}/cases`, {
      matter: 'm6',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    if (res.status !== 201) throw new Error(`joint intake: ${res.status} ${JSON.stringify(res.body)}`);
    const step = await t.call(
      PERSONAS.approver,
      'POST',
      `/v1/tenants/${T}/cases/${res.body.caseNo}/start-step`,
      {
        kind: 'joint-review',
        bodies: [`${T}/market`],
      },
    );
    if (step.status !== 200) throw new Error(`joint review: ${step.status} ${JSON.stringify(step.body)}`);
    pools.joint.push(res.body.caseNo);
  }
  // R16: m9 is decided in two levels (承办 → 签发), the city's default; its cases wait on a level's opinion.
  await ok('PUT', '/v1/cities/nanjing/catalogue/m9', {
    ...matter('m9'),
    approvalLevels: [{ kind: 'undertake' }, { kind: 'sign' }],
  });
  await writePeriods(t.store, [
    {
      tenant: T,
      matter: 'm9',
      from: '2020-01-01T00:00:00.000Z',
      body: `${T}/convenience-centre`,
      mode: 'transfer',
      seal: 'centre-seal',
      // A body no persona belongs to: T's district bodies reach none of these cases.
      supervisingBody: `${T}/convenience-centre`,
    },
  ]);
  pools.levelled = [];
  for (let i = 0; i < 3; i++) {
    const res = await t.call(PERSONAS.clerk, 'POST', `/v1/tenants/${T}/cases`, {
      matter: 'm9',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    if (res.status !== 201) throw new Error(`levelled intake: ${res.status} ${JSON.stringify(res.body)}`);
    pools.levelled.push(res.body.caseNo);
  }
  // Cases accepted during a guided transition of m7 (R6), its guiding department no persona's body.
  await ok('PUT', '/v1/cities/nanjing/catalogue/m7', matter('m7'));
  await ok('PUT', '/v1/cities/nanjing/catalogue/m8', matter('m8'));
  await writePeriods(t.store, [
    {
      tenant: T,
      matter: 'm7',
      from: '2020-01-01T00:00:00.000Z',
      body: `${T}/convenience-centre`,
      mode: 'transfer',
      seal: 'centre-seal',
      supervisingBody: `${T}/convenience-centre`,
      originBody: 'nanjing.jiangning/market',
      transition: { policy: 'guided', until: '2099-12-31T16:00:00.000Z' },
    },
  ]);
  pools.guided = [];
  for (let i = 0; i < 4; i++) {
    const res = await t.call(PERSONAS.clerk, 'POST', `/v1/tenants/${T}/cases`, {
      matter: 'm7',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    if (res.status !== 201) throw new Error(`guided intake: ${res.status} ${JSON.stringify(res.body)}`);
    pools.guided.push(res.body.caseNo);
  }
  // R16: the centre's head, and written authorisations of m7 (the centre's since 2020) to read and revoke.
  await ok('POST', `/v1/tenants/${T}/staff`, {
    id: 'm-head',
    name: '中心主任',
    roles: ['approver'],
    body: 'convenience-centre',
    head: true,
  });
  pools.grants = [];
  for (let i = 0; i < 5; i++) {
    const res = await t.call(PLATFORM, 'POST', `/v1/tenants/${T}/window-authorisations`, {
      staff: 'clerk-a',
      body: `${T}/convenience-centre`,
      matters: ['m7'],
      from: inDays(0),
      until: inDays(365),
      docNo: `矩阵授〔2025〕${i}号`,
      grantedBy: 'm-head',
    });
    if (res.status !== 201) throw new Error(`grant: ${res.status} ${JSON.stringify(res.body)}`);
    pools.grants.push(res.body.id);
  }
  // AB角: an A/B post, and absences of A to end early (from 20 days on, clear of the POST row's).
  await ok('POST', `/v1/tenants/${T}/staff`, { id: 'm-post-a', name: '甲岗', roles: ['window-clerk'] });
  await ok('POST', `/v1/tenants/${T}/staff`, {
    id: 'm-post-b',
    name: '乙岗',
    roles: ['window-clerk'],
    backupFor: 'm-post-a',
  });
  // An issued case's archive package (the stream worker's work), and packages past retention to dispose of.
  const archived = await t.services.archive.package(T, pools.issued?.[0] ?? '', new Date().toISOString());
  pools.archived = [archived.id];
  for (let i = 1; i <= 5; i++) {
    const id = `expired-${i}`;
    await t.store.put(
      archivePackageItem({
        ...archived,
        id,
        caseNo: id,
        prefix: `tenants/${T}/archive/expired/${id}/`,
        retainUntil: '2001-01-01T00:00:00.000Z',
        versions: {},
      }),
    );
  }
  pools.absences = [];
  for (let i = 0; i < 5; i++) {
    const res = await t.call(PLATFORM, 'POST', `/v1/tenants/${T}/staff/m-post-a/absences`, {
      from: inDays(20 + 2 * i),
      to: inDays(21 + 2 * i),
      reason: '培训',
    });
    if (res.status !== 201) throw new Error(`absence: ${res.status} ${JSON.stringify(res.body)}`);
    pools.absences.push(res.body.id);
  }
});

describe('authorization matrix', () => {
  it('has a row for every route the API serves, and no row for a route it does not', () => {
    const served = apiRoutes
      .filter((r) => r.access !== 'public')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(MATRIX).sort()).toEqual([...served].sort());
  });

  it('says for every route whether a district body reaches it, as the route declares', () => {
    const declared = Object.fromEntries(
      apiRoutes
        .filter((r) => r.access !== 'public')
        .map((r) => [
          `${r.method.toUpperCase()} ${r.path}`,
          r.access !== 'public' && r.access.bodyReach ? 'case' : undefined,
        ]),
    );
    const marked = Object.fromEntries(Object.entries(MATRIX).map(([route, row]) => [route, row.bodyReach]));
    expect(marked).toEqual(declared);
  });

  const cases = Object.entries(MATRIX).flatMap(([route, row]) => {
    const cells = row.cells.split(' ');
    if (cells.length !== COLUMNS.length)
      throw new Error(`${route}: ${cells.length} cells for ${COLUMNS.length} personas`);
    return COLUMNS.map((persona, i) => ({
      route,
      persona,
      expected: cells[i] as 'Y' | 'E' | '3' | '4',
      row,
    }));
  });

  it.each(cases)('$route as $persona → $expected', async ({ route, persona, expected, row }) => {
    const method = route.split(' ')[0] ?? 'GET';
    const allowed = expected === 'Y' || expected === 'E';
    const path = typeof row.path === 'string' ? row.path : row.path(allowed);
    const res = await t.call(PERSONAS[persona], method, path, row.body?.(), row.headers);
    // A download answers 302 to its short-lived link (issue 16): allowed, like any 2xx.
    if (allowed)
      expect(res.status < 300 || res.status === 302, `${res.status} ${JSON.stringify(res.body)}`).toBe(true);
    else expect(res.status).toBe(expected === '3' ? 403 : 404);
    if (expected === 'E') expect(res.body.items).toEqual([]);
    if (expected === '4') expect(JSON.stringify(res.body)).not.toContain('"items"');
  });

  it.each(Object.entries(MATRIX))('%s without a token → 401', async (route, row) => {
    const path = typeof row.path === 'string' ? row.path : row.path(false);
    const res = await t.call(undefined, route.split(' ')[0] ?? 'GET', path, row.body?.(), row.headers);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('/problems/unauthorized');
  });
});
