import { dueJobs, finishJob, type Job, type Store } from '@onewindow/store';
import type { CaseService } from './cases';
import type { Invocation } from './context';

/**
 * Runs one kind of job; it must be safe to run again, since the clock may die midway.
 * Answering `{ done: false }` keeps the job for the next tick (work left over).
 */
export type JobRunner = (job: Job, now: string) => Promise<{ done: boolean } | undefined>;

/** Where the clock reports a job it could not run; the Lambda passes its logger. */
export interface ClockLog {
  error(message: string, data: Record<string, unknown>): void;
}

/**
 * The platform's clock: every tick runs the jobs that are due. A job is deleted only
 * after its runner finished, so a tick that dies leaves it for the next one.
 */
export class Clock {
  constructor(
    private readonly store: Store,
    private readonly runners: Readonly<Record<string, JobRunner>>,
  ) {}

  async tick(now: string, log: ClockLog, runners = this.runners): Promise<{ ran: number; failed: number }> {
    let ran = 0;
    let failed = 0;
    for (const job of await dueJobs(this.store, now)) {
      const runner = runners[job.kind];
      if (!runner) {
        log.error('no runner for job kind', { jobId: job.id, kind: job.kind });
        failed++;
        continue;
      }
      try {
        const result = await runner(job, now);
        if (result?.done !== false) await finishJob(this.store, job);
        ran++;
      } catch (error) {
        log.error('job failed', { jobId: job.id, kind: job.kind, error });
        failed++;
      }
    }
    return { ran, failed };
  }
}

/** The job kinds the platform schedules, each run by the service that owns it. */
export function platformJobs(services: {
  readonly cases: CaseService;
  readonly rollouts: {
    apply(city: string, id: string, options: { now: string; budgetMs?: number }): Promise<{ done: boolean }>;
  };
  readonly system: (actor: string, tenant: string, now: string) => Invocation;
}): Record<string, JobRunner> {
  return {
    'rollout-apply': (job, now) =>
      services.rollouts.apply(String(job.payload.city), String(job.payload.rollout), {
        now,
        budgetMs: 40_000,
      }),
    // The case's own transaction replaces this job with its next one; answering done removes this one.
    'case-tick': async (job, now) => {
      const tenant = String(job.payload.tenant);
      await services.cases.tick(services.system('clock', tenant, now), tenant, String(job.payload.caseNo));
      return { done: true };
    },
  };
}
