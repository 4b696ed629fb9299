import { Logger } from '@aws-lambda-powertools/logger';
import { cognitoFromEnv, consoleApp, httpApi } from '@onewindow/console';
import type { Context } from 'aws-lambda';
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

const lambda = handle(app);

/**
 * What powertools' `injectLambdaContext` middleware did under middy (`resetKeys: true`), written
 * out: middy (about 3 KB with the middleware) does not fit in the console bundle. The logger
 * keeps its sampling, event logging and buffer; keys and buffer are cleared after every request,
 * as before. (Middy also ended a request 5 ms before the Lambda timeout; now Lambda's own timeout does.)
 */
export const handler = async (event: Parameters<typeof lambda>[0], context: Context) => {
  logger.refreshSampleRateCalculation();
  logger.addContext(context);
  logger.logEventIfEnabled(event);
  try {
    return await lambda(event, context);
  } finally {
    logger.clearBuffer();
    logger.resetKeys();
  }
};
