import { describe, expect, it } from 'vitest';
import {
  type AuthorityPeriod,
  type Body,
  type ImpactSnapshot,
  impactMonths,
  type MatterMonthCount,
  type Rollout,
  replayTenant,
  rolloutImpact,
  type Staff,
} from '../../packages/domain/src';

const DISTRICT = 'nanjing.jiangning';
const SUB = 'nanjing.jiangning.dongshan';
const CIVIL = `${DISTRICT}/civil-affairs`;
const CENTRE = `${SUB}/convenience-centre`;

const rollout: Rollout = {
  id: 'first-batch',
  name: '第一批',
  city: 'nanjing',
  matters: ['elder-card', 'low-income'],
  tenants: [SUB],
  mode: 'transfer',
  effectiveAt: '2026-08-01T00:00:00.000Z',
  from: CIVIL,
  to: 'convenience-centre',
  seal: 'centre-seal',
  status: 'draft',
  createdAt: '2026-06-01T00:00:00.000Z',
  createdBy: 'nj-admin',
  progress: { done: 0, total: 2 },
};

const body = (tenant: string, code: string, kind: Body['kind']): Body => ({ tenant, code, name: code, kind });
const staff = (id: string, roles: Staff['roles'], b?: string): Staff => ({
  tenant: SUB,
  id,
  name: `姓名-${id}`,
  roles,
  ...(b ? { body: b } : {}),
});
const held = (matter: string): AuthorityPeriod => ({
  tenant: SUB,
  matter,
  from: '2020-01-01T00:00:00.000Z',
  body: CIVIL,
  mode: 'transfer',
  seal: 'civil-seal',
  supervisingBody: CIVIL,
});
const month = (m: string, matter: string, received: number, clerks: Record<string, number>, issued = 0) =>
  ({ month: m, matter, received, accepted: received, issued, clerks }) satisfies MatterMonthCount;

const snapshot = (over: Partial<ImpactSnapshot> = {}): ImpactSnapshot => ({
  tenant: SUB,
  bodies: new Map([['convenience-centre', body(SUB, 'convenience-centre', 'service-centre')]]),
  seals: new Map([
    [
      'centre-seal',
      {
        tenant: SUB,
        id: 'centre-seal',
        body: CENTRE,
        name: '专用章',
        electronic: true,
        validFrom: '2026-07-01T00:00:00.000Z',
      },
    ],
  ]),
  staff: [
    staff('clerk-a', ['window-clerk']),
    staff('clerk-b', ['window-clerk']),
    staff('ap-1', ['approver'], CENTRE),
  ],
  periods: [held('elder-card'), held('low-income')],
  openCases: { 'elder-card': 3, 'low-income': 1, unrelated: 9 },
  history: [],
  ...over,
});
const ctx = (months: string[]) => ({
  months,
  fromBodies: new Map([[CIVIL, body(DISTRICT, 'civil-affairs', 'department')]]),
  codeOf: (ref: string, matter: string) =>
    `${ref === CIVIL ? 'OLD' : ref === CENTRE ? 'NEW' : '?'}-${matter}`,
});

describe('the replayed months', () => {
  it('are the whole months before the current one in Shanghai, oldest first', () => {
    // 2026-07-31T17:00Z is already 1 August in Shanghai: July is over and counts.
    expect(impactMonths('2026-07-31T17:00:00.000Z', 3)).toEqual(['2026-05', '2026-06', '2026-07']);
    expect(impactMonths('2026-02-10T00:00:00.000Z', 2)).toEqual(['2025-12', '2026-01']);
    expect(impactMonths('2026-02-10T00:00:00.000Z')).toHaveLength(12);
  });

  it('refuses a window of none or more than three years, naming months', () => {
    for (const n of [0, 37, 1.5])
      expect(() => impactMonths('2026-02-10T00:00:00.000Z', n)).toThrow(
        expect.objectContaining({ field: 'months' }),
      );
  });
});

describe('replaying a matter moving from a district department to a sub-district centre', () => {
  const months = ['2026-04', '2026-05', '2026-06'];
  const history = [
    month('2026-04', 'elder-card', 6, { 'clerk-a': 4, 'clerk-b': 2 }, 5),
    month('2026-05', 'elder-card', 3, { 'clerk-a': 3 }, 3),
    month('2026-06', 'low-income', 3, { 'clerk-b': 3 }, 1),
    // Outside the window, and a matter that does not move: neither counts.
    month('2026-03', 'elder-card', 50, { 'clerk-a': 50 }),
    month('2026-05', 'unrelated', 40, { 'clerk-a': 40 }),
  ];
  const t = replayTenant(rollout, snapshot({ history }), ctx(months));

  it('expects the same applications a month at the centre, month by month', () => {
    expect(t.monthly).toEqual([
      { month: '2026-04', received: 6, accepted: 6 },
      { month: '2026-05', received: 3, accepted: 3 },
      { month: '2026-06', received: 3, accepted: 3 },
    ]);
    expect(t.expectedMonthly).toEqual({ received: 4, accepted: 4 });
    expect(t.implementingBodies).toEqual([CENTRE]);
    expect(t.matters.map((m) => [m.matter, m.before, m.after, m.expectedMonthly])).toEqual([
      ['elder-card', CIVIL, CENTRE, 3],
      ['low-income', CIVIL, CENTRE, 1],
    ]);
  });

  it('distributes the applications over the window clerks who took them, busiest first', () => {
    expect(t.clerks).toEqual([
      { clerk: 'clerk-a', name: '姓名-clerk-a', total: 7, expectedMonthly: 2.3 },
      { clerk: 'clerk-b', name: '姓名-clerk-b', total: 5, expectedMonthly: 1.7 },
    ]);
    expect(t.staff).toMatchObject({ windowClerks: 2, casesPerClerk: 2, approvers: 1, casesPerApprover: 4 });
  });

  it('leaves the pending cases with the department that accepted them (R2)', () => {
    expect(t.pendingCasesStaying).toBe(4);
    expect(t.matters.map((m) => m.pendingStaying)).toEqual([3, 1]);
  });

  it('changes each implementation code and keeps supervision with the department', () => {
    expect(t.codeChanges).toEqual([
      { matter: 'elder-card', oldCode: `OLD-elder-card`, newCode: 'NEW-elder-card' },
      { matter: 'low-income', oldCode: `OLD-low-income`, newCode: 'NEW-low-income' },
    ]);
    // A concentration keeps the line department as supervisor: no route changes.
    expect(t.supervisionChanges).toEqual([]);
    expect(t.seal).toEqual({ id: 'centre-seal', status: 'ready' });
  });

  it('adds the tenants up and says what the department stops deciding', () => {
    const all = rolloutImpact(rollout, [t], months);
    expect(all.expectedMonthly).toBe(4);
    expect(all.origins).toEqual([{ body: CIVIL, expectedMonthly: 4 }]);
  });
});

describe('what the tenant still needs', () => {
  it('counts an approver and a clerk to add, and a seal that will not do', () => {
    const t = replayTenant(
      rollout,
      snapshot({
        staff: [],
        seals: new Map([
          [
            'centre-seal',
            {
              tenant: SUB,
              id: 'centre-seal',
              body: `${SUB}/other`,
              name: '章',
              electronic: true,
              validFrom: '2026-01-01T00:00:00.000Z',
            },
          ],
        ]),
      }),
      ctx(['2026-06']),
    );
    expect(t.staff).toMatchObject({
      approvers: 0,
      approversNeeded: 1,
      windowClerks: 0,
      windowClerksNeeded: 1,
    });
    expect(t.seal.status).toBe('wrong-body');
    expect(replayTenant(rollout, snapshot({ seals: new Map() }), ctx(['2026-06'])).seal.status).toBe(
      'missing',
    );
  });

  it('names the supervision route that changes when a bureau hands matters back to a department (seed 002)', () => {
    const bureau = `${SUB}/approval-bureau`;
    const back: Rollout = {
      ...rollout,
      matters: ['elder-card'],
      from: bureau,
      to: 'civil',
      seal: 'civil-seal',
    };
    const t = replayTenant(
      back,
      snapshot({
        bodies: new Map([['civil', body(SUB, 'civil', 'department')]]),
        periods: [{ ...held('elder-card'), body: bureau, supervisingBody: `${SUB}/old-supervisor` }],
        history: [month('2026-06', 'elder-card', 2, { 'clerk-a': 2 }, 2)],
      }),
      {
        ...ctx(['2026-06']),
        fromBodies: new Map([[bureau, body(SUB, 'approval-bureau', 'approval-bureau')]]),
      },
    );
    expect(t.supervisionChanges).toEqual([
      { matter: 'elder-card', from: `${SUB}/old-supervisor`, to: `${SUB}/civil`, expectedMonthlyPushes: 2 },
    ]);
  });
});
