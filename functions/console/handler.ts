import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { cognitoFromEnv, consoleApp, httpApi } from '@onewindow/console';
import { handle } from 'hono/aws-lambda';
import { requireEnv } from '../shared/config';
import { readSecret } from '../shared/signing-secret';
import { awsJsonCall } from '../shared/sigv4-node';

const logger = new Logger({ serviceName: 'onewindow-console' });

const signIn = cognitoFromEnv(process.env);
if (!signIn) throw new Error('CONSOLE_COGNITO_DOMAIN, CONSOLE_COGNITO_CLIENT_ID and CONSOLE_URL must be set');

// In AWS the routes sit in three Lambdas behind one gateway, so the console calls the API over
// HTTPS with the session's token, exactly as any other client (locally it calls it in-process).
// Names each visitor to the API, so its public rate limits count applicants, not this function.
// Signed over node:crypto: this bundle has no DynamoDB client to carry the SDK's signer.
const relayKey = await readSecret(awsJsonCall, 'CLIENT_RELAY_SECRET_ARN');
const app = consoleApp({
  api: httpApi(requireEnv('API_URL')),
  relayKey,
  signIn,
  secureCookies: true,
  onError: (error) => logger.error('console error', error as Error),
  // The API's shape (`securityEvent`, reason, sub, ip): the stack's metric filters count both.
  onSecurityEvent: (event) => logger.warn('security event', { ...event }),
});

export const handler = middy(handle(app)).use(injectLambdaContext(logger, { resetKeys: true }));
