import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { coreRoutes, createApp, createVerifier, remoteJwks } from '@onewindow/api';
import { createDynamoClient, Store } from '@onewindow/store';
import { handle } from 'hono/aws-lambda';
import { requireEnv } from '../shared/config';

const logger = new Logger({ serviceName: 'onewindow-api' });

// The catalogue file routes are served by functions/files: their Excel code would not fit this bundle.
const app = createApp(
  {
    store: new Store(createDynamoClient(), requireEnv('TABLE_NAME')),
    verify: createVerifier({
      jwks: remoteJwks(requireEnv('JWKS_URL')),
      issuer: requireEnv('JWT_ISSUER'),
      audience: requireEnv('JWT_AUDIENCE'),
    }),
    logger,
  },
  { routes: coreRoutes },
);

export const handler = middy(handle(app)).use(injectLambdaContext(logger, { resetKeys: true }));
