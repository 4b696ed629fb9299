import { cognitoFromEnv, consoleApp, httpApi } from '@onewindow/console';
import type { Context } from 'aws-lambda';
import { requireEnv } from '../shared/config';
import { readSecret } from '../shared/signing-secret';
import { awsJsonCall } from '../shared/sigv4-node';
import { httpApiHandler } from './http-api';
import { ConsoleLog } from './log';

const logger = new ConsoleLog('onewindow-console');

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
  // The materials bucket's origin: uploads go from the browser straight to it (stack.ts).
  ...(process.env.UPLOAD_ORIGINS ? { uploadOrigins: process.env.UPLOAD_ORIGINS.split(',') } : {}),
  onError: (error) => logger.error('console error', error as Error),
  // The API's shape (`securityEvent`, reason, sub, ip): the stack's metric filters count both.
  onSecurityEvent: (event) => logger.warn('security event', { ...event }),
});

const lambda = httpApiHandler(app);

/** Each request's lines carry its Lambda context, cleared after it (log.ts: why not Powertools here). */
export const handler = async (event: Parameters<typeof lambda>[0], context: Context) => {
  logger.addContext(context);
  try {
    return await lambda(event, context);
  } finally {
    logger.reset();
  }
};
