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
}

/** One tick of the clock: run every job that is due (the application's `Clock`). */
export function createClockHandler(deps: ClockDeps) {
  return (): Promise<{ ran: number; failed: number }> =>
    deps.services.clock.tick(
      (deps.now?.() ?? new Date()).toISOString(),
      { error: (message, data) => deps.logger.error(message, data) },
      deps.runners,
    );
}

let live: ReturnType<typeof createClockHandler> | undefined;

export const handler = () => {
  live ??= createClockHandler({
    services: createServices({ store: new Store(createDynamoClient(), requireEnv('TABLE_NAME')) }),
    logger: new Logger({ serviceName: 'onewindow-clock' }),
  });
  return live();
};
