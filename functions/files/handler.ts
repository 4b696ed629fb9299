import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { catalogueFiles } from '@onewindow/api/catalogue-io';
import { mountOpenApi } from '@onewindow/api/openapi-routes';
import { mountProblemPages } from '@onewindow/api/problem-pages';
import { apiRoutes, fileRoutes } from '@onewindow/api/route-groups';
import { createServiceApp } from '@onewindow/api/service-app';
import { fileServices, holderKeyFrom } from '@onewindow/app';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { handle } from 'hono/aws-lambda';
import { appDepsFromEnv } from '../shared/app-deps';
import { sealCustody } from '../shared/kms-sm2';
import { kmsVault } from '../shared/kms-vault';
import { loadSecret } from '../shared/signing-secret';
import { tenantCredentialsFromEnv } from '../shared/token-vending';
import { isContentTypeBinary } from './binary';

const logger = new Logger({ serviceName: 'onewindow-files' });

// The catalogue import and export, and the OpenAPI document of every route: describing them all
// pulls in every route's code, which only this bundle (already carrying the Excel code) has room for.
// The printable notice and result too (page layout, imprint and QR code), and the applicant reveal: a download of personal data, which the cases bundle has no room for.
// Initial holders and the published empowered list (routes/empowerment.ts) too: the cases bundle has no room.
// The e-licence library (a holder's licences, revocation) and the OFD result: only files has room.
// The code-lineage ledger (a read of every tenant of a city) is served here: the gateway sends /v1/cities/{city}/<segment> here.
// The public access log is rate-limited per visitor, whom the console names with this key.
// E-supervision (the inbox, receipts, findings, the board) and 好差评's rectifications, appeals and provincial export too.
// The supervision inbox pages with authenticated cursors, under the same key as the cases function's lists.
// Supervision findings are indexed by holder under a keyed hash, whose key only this function reads.
// A city's rollouts and handover agreements, and the case reads no command needs (the list, result,
// responsibility, integrity): off the api and cases bundles, which keep their room for settings and case rules.
const [relayKey, cursorKey, holderSecret] = await Promise.all([
  loadSecret('CLIENT_RELAY_SECRET_ARN'),
  loadSecret('CURSOR_SECRET_ARN'),
  loadSecret('HOLDER_SECRET_ARN'),
]);
const holderKey = holderKeyFrom(holderSecret);
// Electronic materials and archive downloads (issue 16): presigned and read on the request's
// tenant-scoped credentials, so a link can reach only that tenant's prefix. No `scannerless`:
// GuardDuty's verdict makes a file usable (functions/scan).
const bucket = process.env.MATERIALS_BUCKET;
const credentials = tenantCredentialsFromEnv();
const objects = bucket
  ? new S3ObjectStore(createS3Client(credentials ? { credentials } : {}), bucket)
  : undefined;
const app = createServiceApp(
  {
    ...appDepsFromEnv(
      logger,
      'files',
      (store) =>
        fileServices({
          store,
          vault: kmsVault(),
          holderKey,
          ...sealCustody(),
          ...(objects ? { objects } : {}),
        }),
      { cursorKey },
      credentials,
    ),
    catalogueFiles,
    relayKey,
  },
  {
    routes: fileRoutes,
    openapi: (app) => mountOpenApi(app, apiRoutes),
    problems: mountProblemPages,
  },
);

export const handler = middy(handle(app, { isContentTypeBinary })).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
