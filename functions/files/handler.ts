import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { catalogueFileRoutes, createApp, createVerifier, remoteJwks } from '@onewindow/api';
import { catalogueFiles } from '@onewindow/api/catalogue-io';
import { createDynamoClient, Store } from '@onewindow/store';
import { handle } from 'hono/aws-lambda';
import { requireEnv } from '../shared/config';
import { isContentTypeBinary } from './binary';

const logger = new Logger({ serviceName: 'onewindow-files' });

// Only the catalogue import and export: the api Lambda serves everything else without the Excel code.
const app = createApp(
  {
    store: new Store(createDynamoClient(), requireEnv('TABLE_NAME')),
    verify: createVerifier({
      jwks: remoteJwks(requireEnv('JWKS_URL')),
      issuer: requireEnv('JWT_ISSUER'),
      audience: requireEnv('JWT_AUDIENCE'),
    }),
    logger,
    catalogueFiles,
  },
  { routes: catalogueFileRoutes },
);

export const handler = middy(handle(app, { isContentTypeBinary })).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
