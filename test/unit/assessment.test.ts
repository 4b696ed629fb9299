import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type AssessmentRow,
  assessmentScore,
  type CaseCommand,
  type CaseState,
  cardIncrements,
  clockOf,
  decide,
  evolve,
  formatCaseNo,
  shanghaiDate,
  sumAssessment,
} from '../../packages/domain/src';
import { caseWrites, type StoredCase } from '../../packages/store/src';
import { assessmentWrites } from '../../packages/store/src/cases/counters';
import {
  ADMIN,
  APPLICANT,
  APPROVER,
  at,
  BUREAU_HEAD,
  CLERK,
  ctx,
  intake,
  issue,
  national,
  T0,
  TENANT,
} from '../support/case-fixtures';

const CITY_ADMIN: Actor = { sub: 'city-1', roles: ['city-admin'] };

/** Cases through decide → evolve → caseWrites, the assessment's ADDs summed as DynamoDB would. */
class Month {
  private readonly counters = new Map<string, Record<string, number>>();
  private readonly cases = new Map<string, StoredCase>();

  run(n: number, command: CaseCommand, now: string, actor: Actor): void {
    const caseNo = formatCaseNo(TENANT, '2026-03-02', n);
    const before = this.cases.get(caseNo);
    const c = command.type === 'intake' ? { ...command, caseNo } : command;
    const events = decide(before?.state, c, ctx(now, actor));
    const after = events.reduce<CaseState | undefined>((s, e) => evolve(s, e), before?.state);
    if (!after) throw new Error('no case');
    const clock = clockOf(after, shanghaiDate(now), national);
    const { writes, state } = caseWrites(before, events, after, clock);
    this.add(writes);
    this.cases.set(caseNo, { ...clock, state });
  }

  add(writes: readonly unknown[]): void {
    for (const w of writes) {
      if (!w || typeof w !== 'object' || !('add' in w)) continue;
      const { add, values } = w as { add: { sk: string }; values: Record<string, number> };
      if (!add.sk.startsWith('ASSESS#')) continue;
      const item = this.counters.get(add.sk) ?? {};
      for (const [name, by] of Object.entries(values)) item[name] = (item[name] ?? 0) + by;
      this.counters.set(add.sk, item);
    }
  }

  report(month: string) {
    const items = [...this.counters.entries()]
      .filter(([sk]) => sk.startsWith(`ASSESS#${month}#`))
      .map(([sk, values]) => ({ sk, ...values }));
    return sumAssessment(month, items);
  }
}

const row = (rows: readonly AssessmentRow[], id: string) => {
  const found = rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

/**
 * Three cases in March 2026 (national calendar, no holiday in March): (1) accepted at intake,
 * approved in two working days, issued, rated 差评 and answered in time; (2) taken at window A03,
 * paused by a site inspection for five working days, extended by five, denied on 1 April two
 * working days after its limit (30 March); (3) rejected at intake, rated 非常不满意, the rating
 * appealed and the appeal upheld.
 */
function story(): Month {
  const m = new Month();
  m.run(1, intake(), T0, CLERK);
  m.run(1, { type: 'decide', outcome: 'approve' }, at('2026-03-04'), APPROVER);
  m.run(1, { type: 'pay' }, at('2026-03-04'), CLERK);
  m.run(1, issue(), at('2026-03-05'), CLERK);
  m.run(1, { type: 'rate', level: 2, reasons: ['efficiency'] } as CaseCommand, at('2026-03-06'), APPLICANT);
  m.run(1, { type: 'close-rectification', response: '已整改' }, at('2026-03-09'), ADMIN);

  m.run(2, intake({ window: 'A03' }), T0, CLERK);
  m.run(2, { type: 'start-step', kind: 'site-inspection' }, at('2026-03-03'), APPROVER);
  m.run(2, { type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-10'), APPROVER);
  m.run(2, { type: 'extend', days: 5, reason: '需补充论证' }, at('2026-03-11'), BUREAU_HEAD);
  m.run(2, { type: 'decide', outcome: 'deny', reasons: '不符合条件' }, at('2026-04-01'), APPROVER);
  m.run(2, { type: 'rate', level: 4 } as CaseCommand, at('2026-04-02'), APPLICANT);

  m.run(3, intake({ defer: true }), T0, CLERK);
  m.run(3, { type: 'reject', reason: '不属于本机关职权' }, at('2026-03-03'), CLERK);
  m.run(3, { type: 'rate', level: 1 } as CaseCommand, at('2026-03-04'), APPLICANT);
  m.run(3, { type: 'appeal-rating', ground: 'mistaken', statement: '评价对象错误' }, at('2026-03-05'), ADMIN);
  m.run(
    3,
    { type: 'decide-appeal', outcome: 'upheld', reason: '评价与本件无关' },
    at('2026-03-06'),
    CITY_ADMIN,
  );
  return m;
}

describe('the monthly assessment (counters kept by each case command)', () => {
  it("counts a tenant's month: intake, outcomes, on time, days used, pauses, ratings and rectifications", () => {
    const march = story().report('2026-03');
    expect(march.tenant).toMatchObject({
      received: 3,
      accepted: 2,
      rejected: 1,
      approved: 1,
      denied: 0,
      issued: 1,
      decided: 1,
      onTime: 1,
      onTimeRate: 1,
      averageDays: 2,
      extended: 1,
      paused: 1,
    });
    // The upheld appeal takes case 3's 非常不满意 out: only case 1's 不满意 counts, so 满意率 is 0.
    expect(march.tenant.ratings).toEqual({
      rated: 1,
      levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 },
      defaulted: 0,
      excluded: 1,
      satisfaction: 0,
    });
    expect(march.tenant.rectifications).toEqual({ opened: 2, onTime: 1, late: 0, onTimeRate: 1 });
  });

  it('counts green-channel cases (绿色通道) apart: received, decided and decided on time', () => {
    const m = story();
    m.run(4, intake({ greenChannel: { reason: '市级重点项目' } }), T0, CLERK);
    m.run(4, { type: 'decide', outcome: 'approve' }, at('2026-03-03'), APPROVER);
    m.run(5, intake({ greenChannel: { reason: '省级重点项目' } }), T0, CLERK);
    const march = m.report('2026-03');
    expect(march.tenant).toMatchObject({ received: 5, decided: 2 });
    expect(march.tenant.greenChannel).toEqual({ received: 2, decided: 1, onTime: 1 });
    expect(story().report('2026-03').tenant.greenChannel).toEqual({ received: 0, decided: 0, onTime: 0 });
  });

  it('counts a late decision in the month it was made, with the working days it used less the pause', () => {
    const april = story().report('2026-04');
    // Limit: 10 promised + 5 extension + 5 paused working days from 2 March = 30 March.
    expect(april.tenant).toMatchObject({ decided: 1, denied: 1, onTime: 0, onTimeRate: 0 });
    // 22 working days from 2 March to 1 April, less 5 paused by the inspection.
    expect(april.tenant.averageDays).toBe(17);
    expect(april.tenant.ratings.satisfaction).toBe(1);
  });

  it('splits the figures per window, staff member, body and matter', () => {
    const march = story().report('2026-03');
    expect(row(march.windows, 'A03')).toMatchObject({ received: 1, accepted: 1, paused: 1, extended: 1 });
    expect(march.windows).toHaveLength(1);
    // Acceptance at intake is the clerk's act too: the intake command decided it.
    expect(row(march.staff, CLERK.sub)).toMatchObject({ received: 3, accepted: 2, rejected: 1, issued: 1 });
    // A rating counts for the clerk who took the application: the window service is what is rated.
    expect(row(march.staff, CLERK.sub).ratings.levels['2']).toBe(1);
    expect(row(march.staff, APPROVER.sub)).toMatchObject({ decided: 1, approved: 1, extended: 0, paused: 1 });
    // The extension is the head's act: the head approved it (art. 42).
    expect(row(march.staff, BUREAU_HEAD.sub)).toMatchObject({ extended: 1 });
    expect(row(march.matters, 'm1').received).toBe(3);
    expect(march.bodies.map((b) => b.id)).toEqual([`${TENANT}/approval-bureau`]);
    const april = story().report('2026-04');
    expect(row(april.windows, 'A03')).toMatchObject({ decided: 1, onTime: 0 });
    expect(row(april.staff, APPROVER.sub).averageDays).toBe(17);
  });

  it('counts cards by colour and trigger, and a withdrawn card leaves the month', () => {
    const m = new Month();
    const place = { matter: 'm1', body: `${TENANT}/market`, window: 'B01' };
    m.add(
      assessmentWrites(TENANT, 3, cardIncrements(place, { colour: 'red', trigger: 'promised' }, '2026-03')),
    );
    m.add(
      assessmentWrites(
        TENANT,
        4,
        cardIncrements(place, { colour: 'yellow', trigger: 'promised' }, '2026-03'),
      ),
    );
    m.add(
      assessmentWrites(TENANT, 4, cardIncrements(place, { colour: 'red', trigger: 'receipt' }, '2026-03')),
    );
    m.add(
      assessmentWrites(
        TENANT,
        4,
        cardIncrements(place, { colour: 'red', trigger: 'receipt' }, '2026-03', -1),
      ),
    );
    const march = m.report('2026-03');
    expect(march.tenant.cards).toEqual({
      yellow: 1,
      red: 1,
      byTrigger: { promised: { yellow: 1, red: 1 }, receipt: { yellow: 0, red: 0 } },
    });
    expect(row(march.bodies, `${TENANT}/market`).cards.red).toBe(1);
    expect(row(march.windows, 'B01').cards.yellow).toBe(1);
    expect(march.staff).toEqual([]);
  });

  it('reads nothing for a month with no counters', () => {
    const empty = sumAssessment('2026-05', []);
    expect(empty.tenant).toMatchObject({ received: 0, onTimeRate: null, averageDays: null });
    expect(empty.tenant.ratings.satisfaction).toBeNull();
    expect(assessmentScore(empty.tenant)).toBeNull();
  });

  it('scores a month from its rates, less 2 points a red card and 1 a yellow one', () => {
    const march = story().report('2026-03');
    // on time 1 (weight 50), satisfaction 0 (40), rectifications on time 1 (10): 60; no cards.
    expect(assessmentScore(march.tenant)).toBe(60);
    const april = story().report('2026-04');
    // on time 0 (50), satisfaction 1 (40); no rectification, so its weight is left out: 40/90.
    expect(assessmentScore(april.tenant)).toBe(44.4);
    const carded = { ...march.tenant, cards: { yellow: 2, red: 1, byTrigger: {} } };
    expect(assessmentScore(carded)).toBe(56);
    // Never below 0, however many cards.
    expect(assessmentScore({ ...march.tenant, cards: { yellow: 0, red: 40, byTrigger: {} } })).toBe(0);
  });
});
