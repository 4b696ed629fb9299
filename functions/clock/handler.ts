import { Logger } from '@aws-lambda-powertools/logger';
import { tickCase } from '@onewindow/api/case-service';
import { applyRollout, createDynamoClient, dueJobs, finishJob, type Job, Store } from '@onewindow/store';
import { requireEnv } from '../shared/config';

/**
 * Runs one kind of job; it must be safe to run again, since the clock may die midway.
 * Answering `{ done: false }` keeps the job for the next tick (work left over).
 */
export type JobRunner = (job: Job, store: Store, now: string) => Promise<{ done: boolean } | undefined>;

export interface ClockDeps {
  readonly store: Store;
  readonly runners: Readonly<Record<string, JobRunner>>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * One tick of the clock: run every job that is due. A job is deleted only after its
 * runner finished, so a tick that dies leaves it for the next one.
 */
export function createClockHandler(deps: ClockDeps) {
  return async (): Promise<{ ran: number; failed: number }> => {
    const now = (deps.now?.() ?? new Date()).toISOString();
    let ran = 0;
    let failed = 0;
    for (const job of await dueJobs(deps.store, now)) {
      const runner = deps.runners[job.kind];
      if (!runner) {
        deps.logger.error('no runner for job kind', { jobId: job.id, kind: job.kind });
        failed++;
        continue;
      }
      try {
        const result = await runner(job, deps.store, now);
        if (result?.done !== false) await finishJob(deps.store, job);
        ran++;
      } catch (error) {
        deps.logger.error('job failed', { jobId: job.id, kind: job.kind, error: error as Error });
        failed++;
      }
    }
    return { ran, failed };
  };
}

/** Job kinds the clock knows. */
export const jobRunners: Record<string, JobRunner> = {
  'rollout-apply': (job, store, now) =>
    applyRollout(store, String(job.payload.city), String(job.payload.rollout), { now, budgetMs: 40_000 }),
  // The case's own transaction replaces this job with its next one; answering done removes this one.
  'case-tick': async (job, store, now) => {
    await tickCase(store, String(job.payload.tenant), String(job.payload.caseNo), now);
    return { done: true };
  },
};

let live: ReturnType<typeof createClockHandler> | undefined;

export const handler = () => {
  live ??= createClockHandler({
    store: new Store(createDynamoClient(), requireEnv('TABLE_NAME')),
    runners: jobRunners,
    logger: new Logger({ serviceName: 'onewindow-clock' }),
  });
  return live();
};
