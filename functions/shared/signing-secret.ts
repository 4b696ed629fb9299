import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireEnv } from './config';

/**
 * The result-signing seed source: the Secrets Manager secret named by SIGNING_SECRET_ARN, read
 * once at cold start. The secret is a plain generated string (no JSON); createSigner hashes it
 * down to the 32-byte Ed25519 seed.
 */
export async function loadSigningSecret(client: SecretsManagerClient = new SecretsManagerClient({})) {
  const arn = requireEnv('SIGNING_SECRET_ARN');
  const { SecretString: secret } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!secret) throw new Error(`secret ${arn} has no string value`);
  return secret;
}
