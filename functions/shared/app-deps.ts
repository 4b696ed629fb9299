import type { Logger } from '@aws-lambda-powertools/logger';
import { createVerifier, remoteJwks } from '@onewindow/api/auth';
import type { AppDeps } from '@onewindow/api/service-app';
import { createServices, type ResultSigner } from '@onewindow/app';
import { createDynamoClient, Store } from '@onewindow/store';
import { requireEnv } from './config';

/** What every HTTP Lambda builds at init from its environment: the table and the Cognito verifier. */
export function appDepsFromEnv(logger: Logger, signer?: ResultSigner): AppDeps {
  const store = new Store(createDynamoClient(), requireEnv('TABLE_NAME'));
  return {
    services: createServices({ store, ...(signer ? { signer } : {}) }),
    verify: createVerifier({
      jwks: remoteJwks(requireEnv('JWKS_URL')),
      issuer: requireEnv('JWT_ISSUER'),
      audience: requireEnv('JWT_AUDIENCE'),
    }),
    logger,
  };
}
