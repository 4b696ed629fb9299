import { Logger } from '@aws-lambda-powertools/logger';
import { type AppServices, createServices, type JobRunner } from '@onewindow/app';
import { createDynamoClient, Store } from '@onewindow/store';
import { requireEnv } from '../shared/config';

export interface ClockDeps {
  readonly services: AppServices;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The job kinds to run; the platform's own unless a test names others. */
  readonly runners?: Readonly<Record<string, JobRunner>>;
  /** How long a tick starts jobs for, outside Lambda (there: its time left less `MARGIN_MS`). */
  readonly budgetMs?: number;
}

/** Time kept back from the Lambda timeout for the jobs still running and their deletes. */
const MARGIN_MS = 10_000;

/**
 * One tick of the clock: run every job that is due (the application's `Clock`), until
 * none is left or the time is up; the next tick, a minute later, carries on.
 */
export function createClockHandler(deps: ClockDeps) {
  return (_event?: unknown, context?: { getRemainingTimeInMillis(): number }) => {
    const budgetMs = context ? Math.max(0, context.getRemainingTimeInMillis() - MARGIN_MS) : deps.budgetMs;
    return deps.services.clock.tick(
      (deps.now?.() ?? new Date()).toISOString(),
      { error: (message, data) => deps.logger.error(message, data) },
      deps.runners,
      budgetMs === undefined ? {} : { budgetMs },
    );
  };
}

let live: ReturnType<typeof createClockHandler> | undefined;

export const handler = (event: unknown, context: { getRemainingTimeInMillis(): number }) => {
  live ??= createClockHandler({
    services: createServices({ store: new Store(createDynamoClient(), requireEnv('TABLE_NAME')) }),
    logger: new Logger({ serviceName: 'onewindow-clock' }),
  });
  return live(event, context);
};
