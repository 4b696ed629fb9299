import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { coreRoutes, createApp } from '@onewindow/api';
import { handle } from 'hono/aws-lambda';
import { appDepsFromEnv } from '../shared/app-deps';

const logger = new Logger({ serviceName: 'onewindow-api' });

// The catalogue file routes are served by functions/files: their Excel code would not fit this bundle.
const app = createApp(appDepsFromEnv(logger), { routes: coreRoutes });

export const handler = middy(handle(app)).use(injectLambdaContext(logger, { resetKeys: true }));
