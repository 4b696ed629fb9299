import { requireEnv } from './config';
import { type AwsJsonInput, awsJsonCall } from './sigv4';

/**
 * The result-signing seed source: the Secrets Manager secret named by SIGNING_SECRET_ARN, read
 * once at cold start with the function's role credentials (Lambda passes them in the
 * environment). The secret is a plain generated string; createSigner hashes it to the seed.
 */
export const loadSigningSecret = (
  env: NodeJS.ProcessEnv = process.env,
  send: typeof fetch = fetch,
  now: Date = new Date(),
): Promise<string> => loadSecret('SIGNING_SECRET_ARN', env, send, now);

/** The string value of the Secrets Manager secret whose ARN the environment variable `variable` holds. */
export function loadSecret(
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
  send: typeof fetch = fetch,
  now: Date = new Date(),
): Promise<string> {
  return readSecret(awsJsonCall, variable, env, send, now);
}

/** `loadSecret` over the given call (the console's is signed without the SDK: ./sigv4-node.ts). */
export async function readSecret(
  call: <T>(input: AwsJsonInput) => Promise<T>,
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
  send: typeof fetch = fetch,
  now: Date = new Date(),
): Promise<string> {
  const arn = env[variable] ?? requireEnv(variable);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  const url = env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? `https://secretsmanager.${region}.amazonaws.com/`;
  const out = await call<{ SecretString?: string }>({
    url,
    service: 'secretsmanager',
    target: 'secretsmanager.GetSecretValue',
    what: `GetSecretValue ${arn}`,
    body: { SecretId: arn },
    env,
    send,
    now,
  });
  const secret = out.SecretString;
  if (!secret) throw new Error(`secret ${arn} has no string value`);
  return secret;
}
