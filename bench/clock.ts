import { loadavg } from 'node:os';
import { Clock, type JobRunner } from '../packages/app/src';
import { dueJobs, type Job, scheduleJobs } from '../packages/store/src';
import { onFreshDynamo } from './rollout';

const JOBS = 10_000;
const MIDNIGHT = '2030-01-01T16:00:00.000Z';
/** The Lambda's budget: its 55 s timeout less the handler's 10 s margin (functions/clock/handler.ts). */
const BUDGET_MS = 45_000;
/** The old clock: one Query of 25 jobs a tick, one tick a minute. */
const OLD_PER_TICK = 25;

export interface ClockDrainRun {
  /** How long each job's runner waits: 0 is the clock alone. */
  readonly runnerMs: number;
  readonly ticks: number;
  readonly drainMs: number;
  readonly perTick: readonly { ran: number; ms: number }[];
  /** The rollout due at the same instant started before every case job. */
  readonly rolloutFirst: boolean;
  /** One-minute load averages before and after the drain: the machine is shared. */
  readonly load: readonly [number, number];
}

export interface ClockDrainFigures {
  readonly jobs: number;
  readonly budgetMs: number;
  readonly runs: readonly ClockDrainRun[];
}

const fixture = (): Job[] => [
  ...Array.from({ length: JOBS }, (_v, i) => ({
    id: `case:bench.t${i % 100}:${String(i).padStart(6, '0')}`,
    kind: 'case-tick',
    dueAt: MIDNIGHT,
    payload: {},
  })),
  { id: 'rollout-bench-r1', kind: 'rollout-apply', dueAt: MIDNIGHT, payload: {} },
];

/** 10,000 case ticks and a rollout due at one midnight, drained tick by tick in a fresh DynamoDB Local. */
function drain(runnerMs: number): Promise<ClockDrainRun> {
  return onFreshDynamo(async (store) => {
    await scheduleJobs(store, fixture());
    const order: string[] = [];
    const runner: JobRunner = async (job) => {
      order.push(job.kind);
      if (runnerMs > 0) await new Promise((ok) => setTimeout(ok, runnerMs));
      return undefined;
    };
    const clock = new Clock(store, { 'case-tick': runner, 'rollout-apply': runner });
    const log = { error: (message: string) => console.error(message) };
    const perTick: { ran: number; ms: number }[] = [];
    const before = loadavg()[0] ?? Number.NaN;
    const t0 = performance.now();
    for (let more = true; more && perTick.length < 20; ) {
      const start = performance.now();
      const result = await clock.tick(MIDNIGHT, log, undefined, { budgetMs: BUDGET_MS });
      perTick.push({ ran: result.ran, ms: performance.now() - start });
      more = result.more === true;
    }
    const drainMs = performance.now() - t0;
    const left = (await dueJobs(store, MIDNIGHT)).length;
    if (left > 0) throw new Error(`${left} jobs left after ${perTick.length} ticks`);
    return {
      runnerMs,
      ticks: perTick.length,
      drainMs,
      perTick,
      rolloutFirst: order[0] === 'rollout-apply',
      load: [before, loadavg()[0] ?? Number.NaN],
    };
  });
}

/** Issue 10 (3): ticks and wall time to drain 10,000 due jobs, each runner kind in its own fresh emulator. */
export async function measureClockDrain(): Promise<ClockDrainFigures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const runs = [];
  for (const runnerMs of [0, 20]) runs.push(await drain(runnerMs));
  return { jobs: JOBS, budgetMs: BUDGET_MS, runs };
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export function clockReport(f: ClockDrainFigures): string {
  const rows = f.runs.map(
    (r) =>
      `| ${r.runnerMs === 0 ? 'none (the clock alone)' : `${r.runnerMs} ms`} | ${r.ticks} | ${(r.drainMs / 1000).toFixed(1)} s | ${r.perTick.map((t) => `${t.ran} in ${(t.ms / 1000).toFixed(1)} s`).join('; ')} | ${r.rolloutFirst ? 'yes' : '**no**'} | ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)} |`,
  );
  const oldTicks = Math.ceil((f.jobs + 1) / OLD_PER_TICK);
  return `
## Scale: clock drain (issue 10)

${f.jobs.toLocaleString('en')} case ticks and one rollout, all due at the same midnight, drained by \`Clock.tick\`
(16 job lanes plus the rollout lane, 16 jobs at once, pages of 100, finished jobs deleted 25 to a request) with
the Lambda's budget of ${f.budgetMs / 1000} s a tick, on a fresh DynamoDB Local per row. The runner stands in for
the job: "20 ms" is about a case tick's GetItem and transaction on DynamoDB. The old clock took 25 jobs a
tick, one tick a minute: ${oldTicks} ticks, ${((oldTicks - 1) / 60).toFixed(1)} h for the last job.

| runner wait | ticks | wall time | per tick | rollout first | load average (1 min) |
|---|---:|---:|---|---|---|
${rows.join('\n')}

- Target: 10,000 due jobs drain within 3 ticks — ${verdict(f.runs.every((r) => r.ticks <= 3))}.
- Target: the rollout starts before any case job — ${verdict(f.runs.every((r) => r.rolloutFirst))}.
`;
}
