import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { catalogueFileRoutes, createApp } from '@onewindow/api';
import { catalogueFiles } from '@onewindow/api/catalogue-io';
import { handle } from 'hono/aws-lambda';
import { appDepsFromEnv } from '../shared/app-deps';
import { isContentTypeBinary } from './binary';

const logger = new Logger({ serviceName: 'onewindow-files' });

// Only the catalogue import and export: the api Lambda serves everything else without the Excel code.
const app = createApp({ ...appDepsFromEnv(logger), catalogueFiles }, { routes: catalogueFileRoutes });

export const handler = middy(handle(app, { isContentTypeBinary })).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
