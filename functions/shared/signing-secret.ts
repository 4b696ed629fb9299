import { requireEnv } from './config';
import { signV4 } from './sigv4';

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
export async function loadSecret(
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
  send: typeof fetch = fetch,
  now: Date = new Date(),
): Promise<string> {
  const arn = env[variable] ?? requireEnv(variable);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  const url = env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? `https://secretsmanager.${region}.amazonaws.com/`;
  const body = JSON.stringify({ SecretId: arn });
  const headers = await signV4({
    url,
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    },
    region,
    service: 'secretsmanager',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    now,
  });
  const res = await send(url, { method: 'POST', headers, body });
  if (!res.ok) throw new Error(`GetSecretValue ${arn} answered ${res.status}: ${await res.text()}`);
  const { SecretString: secret } = (await res.json()) as { SecretString?: string };
  if (!secret) throw new Error(`secret ${arn} has no string value`);
  return secret;
}
