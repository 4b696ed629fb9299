import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  clockOf,
  decide,
  evolve,
  formatCaseNo,
  isClosed,
  shanghaiDate,
} from '../../packages/domain/src';
import { caseWrites, type StoredCase, sumMatterMonths } from '../../packages/store/src';
import {
  COUNTER_SHARDS,
  shardOf,
  sumBoard,
  sumMonths,
  sumOpenCases,
  sumWork,
  WORK_SHARDS,
} from '../../packages/store/src/cases/counters';
import {
  APPROVER,
  at,
  BINDING,
  CLERK,
  CLOCK,
  ctx,
  intake,
  issue,
  MARKET,
  MATTER,
  national,
  provided,
  T0,
  TENANT,
} from '../support/case-fixtures';

/**
 * The counters a case command adds to (board, month, open per matter) against what they
 * count: every command of a mixed story goes through `caseWrites`, its counter writes are
 * added up as DynamoDB's ADD would, and the sums must equal a count of the cases themselves.
 */
class Table {
  readonly counters = new Map<string, Record<string, number>>();
  readonly cases = new Map<string, StoredCase>();
  readonly events: CaseEvent[] = [];

  /** One command on case `n`, as CaseService.apply writes it; returns the counter writes it made. */
  run(n: number, command: CaseCommand, now: string, actor: Actor) {
    const caseNo = formatCaseNo(TENANT, '2026-03-02', n);
    const before = this.cases.get(caseNo);
    const events = decide(before?.state, command, ctx(now, actor));
    const after = events.reduce<CaseState | undefined>((s, e) => evolve(s, e), before?.state);
    if (!after) throw new Error('no case');
    const clock = clockOf(after, shanghaiDate(now), national);
    const { writes, state } = caseWrites(before, events, after, clock);
    const adds = writes.flatMap((w) => ('add' in w ? [w] : []));
    for (const w of adds) {
      const item = this.counters.get(w.add.sk) ?? {};
      for (const [name, by] of Object.entries(w.values)) item[name] = (item[name] ?? 0) + by;
      this.counters.set(w.add.sk, item);
    }
    this.cases.set(caseNo, { ...clock, state });
    this.events.push(...events);
    return adds;
  }

  items(prefix: string) {
    return [...this.counters.entries()]
      .filter(([sk]) => sk.startsWith(prefix))
      .map(([sk, values]) => ({ sk, ...values }));
  }

  /** The board as a full read of the open cases would count it (the board before counters). */
  counted() {
    const counts = { green: 0, yellow: 0, red: 0 };
    const perBody = new Map<string, { green: number; yellow: number; red: number }>();
    const open: Record<string, number> = {};
    for (const c of this.cases.values()) {
      if (c.state.acceptedAt && !isClosed(c.state.status))
        open[c.state.matter] = (open[c.state.matter] ?? 0) + 1;
      if (isClosed(c.state.status)) continue;
      counts[c.clock] += 1;
      const row = perBody.get(c.state.body ?? '—') ?? { green: 0, yellow: 0, red: 0 };
      row[c.clock] += 1;
      perBody.set(c.state.body ?? '—', row);
    }
    const bodies = [...perBody.entries()]
      .map(([body, c]) => ({ body, ...c, overdue: c.red }))
      .sort((a, b) => b.overdue - a.overdue || a.body.localeCompare(b.body));
    return { counts, bodies, open };
  }

  expectExact() {
    const { counts, bodies, open } = this.counted();
    // A counter whose cases all closed or moved on keeps its attribute at 0.
    const nonZero = (o: Record<string, number>) =>
      Object.entries(o)
        .filter(([, n]) => n !== 0)
        .sort(([a], [b]) => a.localeCompare(b));
    expect(sumBoard(this.items('BOARD#'))).toEqual({ counts, bodies });
    // The workbench's counts: open cases per status, and what waits on each body's approvers.
    const statuses: Record<string, number> = {};
    const waiting: Record<string, Record<string, number>> = {};
    for (const c of this.cases.values()) {
      if (isClosed(c.state.status)) continue;
      statuses[c.state.status] = (statuses[c.state.status] ?? 0) + 1;
      if (!c.state.body || !['accepted', 'accepted-with-deficiency'].includes(c.state.status)) continue;
      const row = waiting[c.state.body] ?? { green: 0, yellow: 0, red: 0 };
      row[c.clock] = (row[c.clock] ?? 0) + 1;
      waiting[c.state.body] = row;
    }
    const work = sumWork(this.items('WORK#'), [], '2026-03-02');
    expect(nonZero(work.statuses)).toEqual(nonZero(statuses));
    const busy = (w: Record<string, Record<string, number>>) =>
      Object.fromEntries(Object.entries(w).filter(([, c]) => Object.values(c).some((n) => n !== 0)));
    expect(busy(work.waiting)).toEqual(busy(waiting));
    expect(nonZero(sumOpenCases(this.items('OPENCASES#')))).toEqual(nonZero(open));
  }
}

/** The e-supervision board's write: colours, in all and per body. */
const boardDelta = (adds: ReturnType<Table['run']>) =>
  adds.find((w) => w.add.sk.startsWith('BOARD#'))?.values ?? {};
/** The workbench's write: open cases per status (`s:`) and per body waiting on its approvers (`w:`). */
const workDelta = (adds: ReturnType<Table['run']>) =>
  adds.find((w) => w.add.sk.startsWith('WORK#'))?.values ?? {};

describe('case counters (caseWrites)', () => {
  it('counts a received case on the board only, and moves it to its new body on acceptance', () => {
    const t = new Table();
    const received = t.run(1, intake({ defer: true }), T0, CLERK);
    const first = formatCaseNo(TENANT, '2026-03-02', 1);
    expect(received.map((w) => w.add.sk).sort()).toEqual([
      `ASSESS#2026-03#${shardOf(first, WORK_SHARDS)}`,
      `BOARD#${shardOf(first)}`,
      `MMONTH#2026-03#${MATTER.code}#${shardOf(first)}`,
      `STATS#2026-03#${shardOf(first)}`,
      `WORK#${shardOf(first, WORK_SHARDS)}`,
    ]);
    expect(boardDelta(received)).toEqual({ green: 1, [`${BINDING.body}|green`]: 1 });
    expect(workDelta(received)).toEqual({ 's:received': 1 });
    // Accepted under the authority in force then: another body handles it now.
    const accepted = t.run(
      1,
      { type: 'accept', binding: { ...BINDING, body: MARKET } },
      at('2026-03-03'),
      CLERK,
    );
    expect(boardDelta(accepted)).toEqual({ [`${BINDING.body}|green`]: -1, [`${MARKET}|green`]: 1 });
    // Accepted, it now waits on the market bureau's approvers.
    expect(workDelta(accepted)).toEqual({ 's:received': -1, 's:accepted': 1, [`w:${MARKET}|green`]: 1 });
    expect(accepted.find((w) => w.add.sk.startsWith('OPENCASES#'))?.values).toEqual({ count: 1 });
    expect(accepted.find((w) => w.add.sk.startsWith('STATS#'))?.values).toEqual({ accepted: 1 });
    t.expectExact();
  });

  it('moves a case between colours on a clock visit, and touches no counter when nothing moved', () => {
    const t = new Table();
    t.run(1, intake(), T0, CLERK);
    expect(t.run(1, { type: 'tick' }, at('2026-03-05'), CLOCK)).toEqual([]);
    const yellow = t.run(1, { type: 'tick' }, at('2026-03-12'), CLOCK);
    expect(yellow.map((w) => w.add.sk)).toEqual([
      expect.stringMatching(/^BOARD#\d$/),
      expect.stringMatching(/^WORK#\d+$/),
    ]);
    expect(workDelta(yellow)).toEqual({ [`w:${BINDING.body}|green`]: -1, [`w:${BINDING.body}|yellow`]: 1 });
    expect(boardDelta(yellow)).toEqual({
      green: -1,
      yellow: 1,
      [`${BINDING.body}|green`]: -1,
      [`${BINDING.body}|yellow`]: 1,
    });
    const red = t.run(1, { type: 'tick' }, at('2026-03-17'), CLOCK);
    expect(boardDelta(red)).toEqual({
      yellow: -1,
      red: 1,
      [`${BINDING.body}|yellow`]: -1,
      [`${BINDING.body}|red`]: 1,
    });
    t.expectExact();
  });

  it('takes a case off the board and the open count when it closes', () => {
    const t = new Table();
    t.run(1, intake(), T0, CLERK);
    // A decision moves the case only on the workbench (it no longer waits on an approver) and in
    // the monthly assessment, so a burst of decisions meets on 32 shards and never on the board's ten.
    const decided = t.run(1, { type: 'decide', outcome: 'approve' }, at('2026-03-04'), APPROVER);
    const shard = shardOf(formatCaseNo(TENANT, '2026-03-02', 1), WORK_SHARDS);
    expect(decided.map((w) => w.add.sk)).toEqual([`WORK#${shard}`, `ASSESS#2026-03#${shard}`]);
    expect(workDelta(decided)).toEqual({
      's:accepted': -1,
      's:approved': 1,
      [`w:${BINDING.body}|green`]: -1,
    });
    expect(t.run(1, { type: 'pay' }, at('2026-03-04'), CLERK)).toEqual([]);
    const issued = t.run(1, issue(), at('2026-03-05'), CLERK);
    expect(boardDelta(issued)).toEqual({ green: -1, [`${BINDING.body}|green`]: -1 });
    expect(workDelta(issued)).toEqual({ 's:approved': -1 });
    expect(issued.find((w) => w.add.sk.startsWith('OPENCASES#'))?.values).toEqual({ count: -1 });
    expect(issued.find((w) => w.add.sk.startsWith('STATS#'))?.values).toEqual({ issued: 1 });
    t.expectExact();
    expect(sumBoard(t.items('BOARD#')).bodies).toEqual([]);
  });

  it('stays exact over a mixed story of many cases, each on the shard its number hashes to', () => {
    const t = new Table();
    const N = 40;
    for (let n = 1; n <= N; n++) {
      // Every fifth waits for a core material, every seventh is taken to decide on acceptance later.
      const command =
        n % 5 === 0
          ? intake({ materials: provided('licence', 'plan', 'photo') })
          : intake({ ...(n % 7 === 0 ? { defer: true } : {}) });
      t.run(n, { ...command, caseNo: formatCaseNo(TENANT, '2026-03-02', n) } as CaseCommand, T0, CLERK);
    }
    t.expectExact();
    for (let n = 5; n <= N; n += 5)
      t.run(
        n,
        { type: 'supplement', materials: [{ code: 'form', provided: true }], binding: BINDING },
        at('2026-03-03'),
        CLERK,
      );
    for (let n = 7; n <= N; n += 7)
      if (t.cases.get(formatCaseNo(TENANT, '2026-03-02', n))?.state.status === 'received')
        t.run(n, { type: 'accept', binding: { ...BINDING, body: MARKET } }, at('2026-03-03'), CLERK);
    for (let n = 3; n <= N; n += 3)
      t.run(n, { type: 'withdraw', reason: '申请人撤回' }, at('2026-03-04'), CLERK);
    for (let n = 1; n <= N; n += 4) {
      if (isClosed(t.cases.get(formatCaseNo(TENANT, '2026-03-02', n))?.state.status ?? 'received')) continue;
      t.run(n, { type: 'decide', outcome: 'approve' }, at('2026-03-05'), APPROVER);
      t.run(n, { type: 'pay' }, at('2026-03-05'), CLERK);
      t.run(n, issue(), at('2026-03-06'), CLERK);
    }
    for (let n = 1; n <= N; n++) {
      const c = t.cases.get(formatCaseNo(TENANT, '2026-03-02', n));
      if (c && !isClosed(c.state.status)) t.run(n, { type: 'tick' }, at('2026-03-13'), CLOCK);
    }
    t.expectExact();
    const { counts } = t.counted();
    expect(counts.yellow).toBeGreaterThan(0);
    expect(new Set([...t.counters.keys()].filter((k) => k.startsWith('BOARD#'))).size).toBe(COUNTER_SHARDS);
    const received = t.events.filter((e) => e.type === 'received').length;
    const accepted = t.events.filter((e) => e.type === 'accepted').length;
    const issued = t.events.filter((e) => e.type === 'issued').length;
    expect(sumMonths(t.items('STATS#'))).toMatchObject([{ month: '2026-03', received, accepted, issued }]);
    // The impact preview's per-matter months count the same, and every application under its clerk.
    expect(sumMatterMonths(t.items('MMONTH#'))).toEqual([
      {
        month: '2026-03',
        matter: MATTER.code,
        received,
        accepted,
        issued,
        clerks: { [CLERK.sub]: received },
      },
    ]);
  });

  it('reads counters written before the shards beside the sharded ones', () => {
    expect(
      sumOpenCases([
        { sk: 'OPENCASES#m2', count: 3 },
        { sk: 'OPENCASES#m2#4', count: 2 },
        { sk: 'OPENCASES#m10#0', count: 1 },
      ]),
    ).toEqual({ m2: 5, m10: 1 });
    expect(
      sumMonths([
        { sk: 'STATS#2026-02', received: 2, issued: 1 },
        { sk: 'STATS#2026-02#7', received: 1, accepted: 1 },
      ]),
    ).toMatchObject([{ month: '2026-02', received: 3, accepted: 1, issued: 1 }]);
  });

  it("counts ratings by level in their month, a default as such, and takes an upheld appeal's rating out (R18)", () => {
    const t = new Table();
    const ADMIN: Actor = { sub: 'admin-1', roles: ['tenant-admin'] };
    const CITY: Actor = { sub: 'city-1', roles: ['city-admin'] };
    const APPLICANT: Actor = { sub: 'applicant', roles: [] };
    const levels = [5, 4, 3, 2, 1, 1];
    for (const [i, level] of levels.entries()) {
      const n = i + 1;
      t.run(n, intake(), T0, CLERK);
      t.run(n, { type: 'decide', outcome: 'approve' }, at('2026-03-05'), APPROVER);
      // Rated on the last day of March in Beijing (16:30 UTC is 00:30 on 1 April): the month is Beijing's.
      const when = n === 6 ? '2026-03-31T16:30:00.000Z' : at('2026-03-10');
      t.run(
        n,
        { type: 'rate', level, ...(n === 3 ? { default: true } : {}) },
        when,
        n === 3 ? CLOCK : APPLICANT,
      );
    }
    // Case 5's 差评 is appealed and upheld in April: it leaves March's figures, where it was given.
    t.run(5, { type: 'appeal-rating', ground: 'malicious', statement: '恶意差评' }, at('2026-03-11'), ADMIN);
    t.run(
      5,
      { type: 'decide-appeal', outcome: 'upheld', reason: '经核实系恶意差评' },
      at('2026-04-02'),
      CITY,
    );
    const months = sumMonths(t.items('STATS#'));
    expect(months.map((m) => [m.month, m.ratings])).toEqual([
      [
        '2026-03',
        {
          rated: 4,
          levels: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 1 },
          defaulted: 1,
          excluded: 1,
          // 5, 4 and 3 of the four that count.
          satisfaction: 0.75,
        },
      ],
      [
        '2026-04',
        {
          rated: 1,
          levels: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 },
          defaulted: 0,
          excluded: 0,
          satisfaction: 0,
        },
      ],
    ]);
  });
});
