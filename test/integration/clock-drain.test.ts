import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock, type JobRunner } from '../../packages/app/src';
import { type LocalDynamo, startDynamo } from '../../packages/local/src/dynamo';
import { ensureTable } from '../../packages/local/src/table';
import {
  createDynamoClient,
  dueJobs,
  FIRST_LANE,
  finishJob,
  JOB_SHARDS,
  type Job,
  jobKey,
  jobKeyOf,
  Store,
  scheduleJobs,
} from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';

/** Issue 10 (3): the clock keeps up with a midnight's deadlines, and a rollout never waits behind them. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const MIDNIGHT = '2026-03-02T16:00:00.000Z';
const silent = { error: () => undefined };
const caseJobs = (n: number, prefix: string): Job[] =>
  Array.from({ length: n }, (_v, i) => ({
    id: `case:${prefix}:${String(i).padStart(5, '0')}`,
    kind: 'count',
    dueAt: MIDNIGHT,
    payload: {},
  }));

/**
 * The 10,000 jobs get a DynamoDB Local of their own: the run's shared one has taken every
 * other file's writes by then and answers several times slower (a CI run timed this test
 * out there), and a test that overran would leave its jobs due for the tests after it.
 */
describe('the clock at a busy midnight, 10,000 jobs', () => {
  let dynamo: LocalDynamo;
  let store: Store;
  beforeAll(async () => {
    dynamo = await startDynamo();
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, 'drain');
    store = new Store(client, 'drain');
  });
  afterAll(async () => {
    store?.client.destroy();
    await dynamo?.stop();
  });

  it('drains 10,000 due jobs within 3 ticks, running the rollout due at the same instant first', async () => {
    await scheduleJobs(store, [
      ...caseJobs(10_000, 'drain'),
      {
        id: 'rollout-nanjing-move',
        kind: 'rollout-apply',
        dueAt: MIDNIGHT,
        payload: { city: 'nanjing', rollout: 'move' },
      },
    ]);
    const order: { id: string; tick: number }[] = [];
    let tick = 0;
    const record: JobRunner = async (job) => {
      order.push({ id: job.id, tick });
      return undefined;
    };
    const clock = new Clock(store, { count: record, 'rollout-apply': record });
    const results = [];
    while (tick < 5) {
      tick++;
      // The Lambda's own budget: DynamoDB Local alone drained the 10,000 in 12 s at load 7 (bench/clock.ts).
      const result = await clock.tick(MIDNIGHT, silent);
      results.push(result);
      if (!result.more) break;
    }

    expect(tick).toBeLessThanOrEqual(3);
    expect(results.reduce((sum, r) => sum + r.ran, 0)).toBe(10_001);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(order[0]).toEqual({ id: 'rollout-nanjing-move', tick: 1 });
    expect(new Set(order.map((o) => o.id)).size).toBe(10_001);
    expect(await dueJobs(store, MIDNIGHT)).toEqual([]);
    // Writing the fixture and up to three ticks of 40 s, on a shared two-core machine.
  }, 300_000);
});

describe('the clock at a busy midnight', () => {
  it('stops starting jobs when its budget is spent and the next ticks carry on, each job run once', async () => {
    await scheduleJobs(t.store, caseJobs(300, 'budget'));
    let elapsed = 0;
    const runs: string[] = [];
    // Each job takes one unit of a budget of 100.
    const clock = new Clock(t.store, {
      count: async (job) => {
        elapsed++;
        runs.push(job.id);
        return undefined;
      },
    });
    const tick = () =>
      clock.tick(MIDNIGHT, silent, undefined, { budgetMs: 100, parallel: 4, timer: () => elapsed });

    expect(await tick()).toEqual({ ran: 100, failed: 0, more: true });
    expect(await dueJobs(t.store, MIDNIGHT)).toHaveLength(200);
    expect((await tick()).ran).toBe(100);
    expect((await tick()).ran).toBe(100);
    expect(await tick()).toEqual({ ran: 0, failed: 0 });
    expect(runs).toHaveLength(300);
    expect(new Set(runs).size).toBe(300);
  });

  it('keeps a job that failed for the next tick without holding up the others', async () => {
    await scheduleJobs(t.store, [
      ...caseJobs(40, 'fails'),
      { id: 'broken', kind: 'broken', dueAt: MIDNIGHT, payload: {} },
    ]);
    const clock = new Clock(t.store, {
      count: async () => undefined,
      broken: async () => {
        throw new Error('down');
      },
    });
    expect(await clock.tick(MIDNIGHT, silent)).toEqual({ ran: 40, failed: 1 });
    expect((await dueJobs(t.store, MIDNIGHT)).map((j) => j.id)).toEqual(['broken']);
    expect(await clock.tick(MIDNIGHT, silent)).toEqual({ ran: 0, failed: 1 });
    // Gone, so the tests after see only their own jobs.
    await finishJob(t.store, { id: 'broken', kind: 'broken', dueAt: MIDNIGHT, payload: {} });
  });

  it('goes on with the other lanes when one cannot be read, and leaves that one for the next tick', async () => {
    const jobs = caseJobs(64, 'lane-down');
    await scheduleJobs(t.store, jobs);
    const down = jobKey(jobs[0] as Job).pk;
    const inDownLane = jobs.filter((j) => jobKey(j).pk === down).length;
    const ran: string[] = [];
    const clock = new Clock(t.store, {
      count: async (job) => {
        ran.push(job.id);
        return undefined;
      },
    });
    const errors: string[] = [];
    t.store.client.middlewareStack.add(
      ((next: (args: { input: { ExpressionAttributeValues?: { ':pk'?: { S?: string } } } }) => unknown) =>
        async (args: { input: { ExpressionAttributeValues?: { ':pk'?: { S?: string } } } }) => {
          if (args.input.ExpressionAttributeValues?.[':pk']?.S === down) throw new Error('throttled');
          return next(args);
        }) as never,
      { step: 'initialize', name: 'lane-down' },
    );
    try {
      expect(await clock.tick(MIDNIGHT, { error: (m) => errors.push(m) })).toEqual({
        ran: 64 - inDownLane,
        failed: 0,
        more: true,
      });
    } finally {
      t.store.client.middlewareStack.remove('lane-down');
    }
    expect(errors).toEqual(['clock lane failed']);
    expect(await clock.tick(MIDNIGHT, silent)).toEqual({ ran: inDownLane, failed: 0 });
    expect(new Set(ran).size).toBe(64);
  });
});

describe('job lanes', () => {
  it('spreads case ticks over every lane and finds a case tick again from the sort key the case keeps', () => {
    const jobs = caseJobs(1_000, 'lanes').map((j) => ({ ...j, kind: 'case-tick' }));
    const lanes = new Set(jobs.map((j) => jobKey(j).pk));
    expect(lanes.size).toBe(JOB_SHARDS);
    expect(lanes.has(`JOB#${FIRST_LANE}`)).toBe(false);
    for (const job of jobs) expect(jobKeyOf('case-tick', jobKey(job).sk)).toEqual(jobKey(job));
    expect(jobKey({ id: 'rollout-x', kind: 'rollout-apply', dueAt: MIDNIGHT }).pk).toBe(`JOB#${FIRST_LANE}`);
  });
});
