import {
  CASE_CARDS,
  dueJobsPage,
  FIRST_LANE,
  finishJobs,
  type Job,
  jobLanes,
  RECEIPT_DUE,
  RECTIFICATION_DUE,
  type Store,
} from '@onewindow/store';
import type { CaseService } from './cases';
import type { Invocation } from './context';

/** What a runner may ask of the tick it runs in. */
export interface TickContext {
  /** How long the tick still has; a long job (a rollout) stops within it and says `done: false`. */
  remainingMs(): number;
}

/**
 * Runs one kind of job; it must be safe to run again, since the clock may die midway.
 * Answering `{ done: false }` keeps the job for the next tick (work left over).
 */
export type JobRunner = (job: Job, now: string, tick: TickContext) => Promise<{ done: boolean } | undefined>;

/** Where the clock reports a job it could not run; the Lambda passes its logger. */
export interface ClockLog {
  error(message: string, data: Record<string, unknown>): void;
}

export interface TickOptions {
  /** No job starts after this long; those running then finish. The Lambda passes its time left less a margin. */
  readonly budgetMs?: number;
  /** Jobs run at once. */
  readonly parallel?: number;
  /** Jobs read from a lane at a time. */
  readonly pageSize?: number;
  /** Milliseconds from some origin; tests pass their own to spend the budget on cue. */
  readonly timer?: () => number;
}

export interface TickResult {
  readonly ran: number;
  readonly failed: number;
  /** Set when the budget ran out with jobs possibly still due: the next tick carries on. */
  readonly more?: true;
}

const DEFAULTS = { budgetMs: 40_000, parallel: 16, pageSize: 100 };

/** At most `n` tasks at once, started in the order they were handed in. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((ok) => waiting.push(ok));
    else active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` counts it still.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * The platform's clock: every tick runs every job that is due, from all lanes, so a
 * midnight's thousands of case ticks drain in a tick or a few. Rollouts are read first and
 * queued first, so they start before any case job of the same tick. A job is deleted only
 * after its runner finished, so a tick that dies leaves it for the next one; a job that
 * fails stays for the next tick, and paging moves past it.
 */
export class Clock {
  constructor(
    private readonly store: Store,
    private readonly runners: Readonly<Record<string, JobRunner>>,
  ) {}

  async tick(
    now: string,
    log: ClockLog,
    runners = this.runners,
    options: TickOptions = {},
  ): Promise<TickResult> {
    const { budgetMs, parallel, pageSize } = { ...DEFAULTS, ...options };
    const timer = options.timer ?? (() => performance.now());
    const deadline = timer() + budgetMs;
    const context: TickContext = { remainingMs: () => Math.max(0, deadline - timer()) };
    const spent = () => context.remainingMs() <= 0;
    const slot = limiter(parallel);
    let ran = 0;
    let failed = 0;
    let more = false;

    /** Runs a job unless the budget is spent; answers whether it is finished (to delete). */
    const run = async (job: Job): Promise<boolean> => {
      if (spent()) {
        more = true;
        return false;
      }
      const runner = runners[job.kind];
      if (!runner) {
        log.error('no runner for job kind', { jobId: job.id, kind: job.kind });
        failed++;
        return false;
      }
      try {
        const result = await runner(job, now, context);
        ran++;
        return result?.done !== false;
      } catch (error) {
        log.error('job failed', { jobId: job.id, kind: job.kind, error });
        failed++;
        return false;
      }
    };
    const runPage = async (jobs: readonly Job[]) => {
      const finished = await Promise.all(jobs.map((job) => slot(() => run(job))));
      await finishJobs(
        this.store,
        jobs.filter((_job, i) => finished[i]),
      );
    };
    const page = (lane: string, cursor: string | undefined) =>
      dueJobsPage(this.store, lane, now, { ...(cursor ? { cursor } : {}), limit: pageSize });
    /** Reads a lane page by page, each page run before the next is read. */
    const drain = async (lane: string) => {
      let cursor: string | undefined;
      do {
        if (spent()) {
          more = true;
          return;
        }
        const next = await page(lane, cursor);
        await runPage(next.jobs);
        cursor = next.cursor;
      } while (cursor);
    };

    /** A lane that cannot be read or cleared is left for the next tick; the others go on. */
    const guarded = <T>(lane: string, work: Promise<T>): Promise<T | undefined> =>
      work.catch((error: unknown) => {
        log.error('clock lane failed', { lane, error });
        more = true;
        return undefined;
      });
    const readAll = async (lane: string) => {
      const jobs: Job[] = [];
      let cursor: string | undefined;
      do {
        const next = await page(lane, cursor);
        jobs.push(...next.jobs);
        cursor = next.cursor;
      } while (cursor);
      return jobs;
    };

    // Every due rollout is queued before any other lane is read, so the slots go to them first.
    const rollouts = (await guarded(FIRST_LANE, readAll(FIRST_LANE))) ?? [];
    await Promise.all([
      guarded(FIRST_LANE, runPage(rollouts)),
      ...jobLanes.filter((lane) => lane !== FIRST_LANE).map((lane) => guarded(lane, drain(lane))),
    ]);
    return { ran, failed, ...(more ? { more: true } : {}) };
  }
}

/** The job kinds the platform schedules, each run by the service that owns it. */
export function platformJobs(services: {
  readonly cases: CaseService;
  /** R19: after each visit, the cards the case has earned. */
  readonly cards: {
    raise(invocation: Invocation, tenant: string, caseNo: string): Promise<number>;
    raiseReceipt(
      invocation: Invocation,
      job: { tenant: string; body: string; caseTenant: string; caseNo: string; decidedAt: string },
    ): Promise<boolean>;
  };
  readonly defaultRatings: { give(invocation: Invocation, tenant: string, caseNo: string): Promise<void> };
  readonly rectifications: {
    escalate(invocation: Invocation, tenant: string, caseNo: string): Promise<boolean>;
  };
  readonly rollouts: {
    apply(city: string, id: string, options: { now: string; budgetMs?: number }): Promise<{ done: boolean }>;
  };
  readonly system: (actor: string, tenant: string, now: string) => Invocation;
}): Record<string, JobRunner> {
  return {
    // Within the tick's time left, so the Lambda is not stopped midway through a group of periods.
    'rollout-apply': (job, now, tick) =>
      services.rollouts.apply(String(job.payload.city), String(job.payload.rollout), {
        now,
        budgetMs: Math.min(40_000, tick.remainingMs()),
      }),
    // The case's own transaction replaces this job with its next one; answering done removes this one.
    'case-tick': async (job, now) => {
      const tenant = String(job.payload.tenant);
      const caseNo = String(job.payload.caseNo);
      await services.cases.tick(services.system('clock', tenant, now), tenant, caseNo);
      // The visit comes on each day the colour changes (the case's next tick): the day a card is due.
      await services.cards.raise(services.system('clock', tenant, now), tenant, caseNo);
      return { done: true };
    },
    // R19: an event that may raise a card at once (a refusal without reasons, beyond the one-time notice, a fee).
    [CASE_CARDS]: async (job, now) => {
      const tenant = String(job.payload.tenant);
      await services.cards.raise(services.system('clock', tenant, now), tenant, String(job.payload.caseNo));
      return { done: true };
    },
    // R18: the city's default for a handled service left unrated; a case rated meanwhile is left alone.
    'default-rating': async (job, now) => {
      const tenant = String(job.payload.tenant);
      const caseNo = String(job.payload.caseNo);
      await services.defaultRatings.give(services.system('clock', tenant, now), tenant, caseNo);
      return { done: true };
    },
    // R20: a push its supervising body has not signed for within the city's limit raises a card.
    [RECEIPT_DUE]: async (job, now) => {
      const tenant = String(job.payload.tenant);
      await services.cards.raiseReceipt(services.system('clock', tenant, now), {
        tenant,
        body: String(job.payload.body),
        caseTenant: String(job.payload.caseTenant),
        caseNo: String(job.payload.caseNo),
        decidedAt: String(job.payload.decidedAt),
      });
      return { done: true };
    },
    // R18: a rectification round unanswered past its last working day goes to the city.
    [RECTIFICATION_DUE]: async (job, now) => {
      const tenant = String(job.payload.tenant);
      const caseNo = String(job.payload.caseNo);
      await services.rectifications.escalate(services.system('clock', tenant, now), tenant, caseNo);
      return { done: true };
    },
  };
}
