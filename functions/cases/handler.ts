import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { caseRouteList } from '@onewindow/api/routes/cases';
import { createServiceApp } from '@onewindow/api/service-app';
import { caseServices, createSigner } from '@onewindow/app';
import { handle } from 'hono/aws-lambda';
import { appDepsFromEnv } from '../shared/app-deps';
import { sealCustody } from '../shared/kms-sm2';
import { kmsVault } from '../shared/kms-vault';
import { loadSecret, loadSigningSecret } from '../shared/signing-secret';

const logger = new Logger({ serviceName: 'onewindow-cases' });

// Read once per cold start: every result this instance issues is signed with the same key, and
// every instance authenticates list cursors with the same key (a next page may reach another one).
// The relay key lets the console name the visitor its public pages serve (domain/client-relay.ts).
const [signingSecret, cursorKey, relayKey] = await Promise.all([
  loadSigningSecret(),
  loadSecret('CURSOR_SECRET_ARN'),
  loadSecret('CLIENT_RELAY_SECRET_ARN'),
]);
const signer = createSigner(signingSecret);
// Results are signed with each seal's SM2 key: kept wrapped under the KMS key (shared/kms-vault.ts),
// or inside KMS as an SM2 key where the region offers them (shared/kms-sm2.ts, SEAL_KEY_SPEC=SM2).
const vault = kmsVault();

// The staff's case commands and the signing keys; the api and files Lambdas serve the rest.
const app = createServiceApp(
  {
    ...appDepsFromEnv(logger, 'cases', (store) => caseServices({ store, signer, vault, ...sealCustody() }), {
      cursorKey,
    }),
    relayKey,
  },
  { routes: caseRouteList },
);

export const handler = middy(handle(app)).use(injectLambdaContext(logger, { resetKeys: true }));
