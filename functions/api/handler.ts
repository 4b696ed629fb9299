import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { mountProblemPages } from '@onewindow/api/problem-pages';
import { coreRoutes } from '@onewindow/api/routes/core';
import { createServiceApp } from '@onewindow/api/service-app';
import { coreServices } from '@onewindow/app';
import { handle } from 'hono/aws-lambda';
import { appDepsFromEnv } from '../shared/app-deps';

const logger = new Logger({ serviceName: 'onewindow-api' });

// The catalogue file routes are served by functions/files: their Excel code would not fit this bundle.
const app = createServiceApp(
  appDepsFromEnv(logger, 'api', (store) => coreServices({ store })),
  // The gateway sends /problems here (PUBLIC_ROUTES in infra/constructs/api.ts).
  { routes: coreRoutes, problems: mountProblemPages },
);

export const handler = middy(handle(app)).use(injectLambdaContext(logger, { resetKeys: true }));
