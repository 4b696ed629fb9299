import { Logger } from '@aws-lambda-powertools/logger';
import { createClockHandler } from '../../functions/clock/handler';
import type { TestApp } from './app';

/** Runs the real clock handler over `t`'s services as if it were `at`. */
export const clockAt =
  (t: () => TestApp) =>
  (at: string): Promise<unknown> =>
    createClockHandler({
      services: t().services,
      logger: new Logger({ logLevel: 'SILENT' }),
      now: () => new Date(at),
    })();
