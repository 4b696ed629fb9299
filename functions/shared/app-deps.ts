import type { Logger } from '@aws-lambda-powertools/logger';
import { createVerifier, remoteJwks } from '@onewindow/api/auth';
import type { AppDeps } from '@onewindow/api/service-app';
import { type CaseServices, type CoreServices, onlyServices } from '@onewindow/app';
import { createDynamoClient, Store, type StoreOptions } from '@onewindow/store';
import { requireEnv } from './config';
import { tenantCredentialsFromEnv } from './token-vending';

/**
 * What every HTTP Lambda builds at init from its environment: the table, the services of its
 * route group (`coreServices` for the api and files Lambdas, `caseServices` for the cases
 * Lambda: each bundle carries only its own) and the Cognito verifier. `options.cursorKey` is
 * the deployment's list-cursor key: a Lambda serving lists needs it, as the next page may reach
 * another instance.
 */
export function appDepsFromEnv(
  logger: Logger,
  lambda: string,
  services: (store: Store) => CoreServices | CaseServices,
  options: StoreOptions = {},
  // Tenant requests run on the tenant's vended credentials where the stack grants a tenant-access role;
  // a Lambda that signs other clients with them (files: S3) passes its own, so sessions are vended once.
  credentials = tenantCredentialsFromEnv(),
): AppDeps {
  const store = new Store(
    createDynamoClient(credentials ? { credentials } : {}),
    requireEnv('TABLE_NAME'),
    options,
  );
  return {
    services: onlyServices(services(store), lambda),
    verify: createVerifier({
      jwks: remoteJwks(requireEnv('JWKS_URL')),
      issuer: requireEnv('JWT_ISSUER'),
      audience: requireEnv('JWT_AUDIENCE'),
    }),
    logger,
  };
}
