import type { KeyVault } from '@onewindow/app';
import { requireEnv } from './config';
import { awsJsonCall } from './sigv4';

/**
 * The seal key vault in AWS: each seal's SM2 private key encrypted under one symmetric KMS key
 * (SEAL_KEY_ARN), with the seal as encryption context, so a wrapped key moved to another seal's
 * record does not decrypt and every use is in CloudTrail. KMS's own SM2 keys exist only in the
 * China regions; this works in every region (README, Electronic seals). Called through SigV4
 * like the cold-start secret: the KMS client would cost the cases bundle ~15 KB.
 */
export function kmsVault(env: NodeJS.ProcessEnv = process.env, send: typeof fetch = fetch): KeyVault {
  // Read at the first use, so a function starts (and its bundle imports) without it.
  const keyArn = () => env.SEAL_KEY_ARN ?? requireEnv('SEAL_KEY_ARN');
  const call = kmsCaller(env, send)<{ CiphertextBlob?: string; Plaintext?: string }>;
  return {
    name: 'kms',
    async wrap(plain, context) {
      const out = await call('Encrypt', {
        KeyId: keyArn(),
        Plaintext: Buffer.from(plain).toString('base64'),
        EncryptionContext: context,
      });
      return new Uint8Array(Buffer.from(out.CiphertextBlob ?? '', 'base64'));
    },
    async unwrap(wrapped, context) {
      const out = await call('Decrypt', {
        KeyId: keyArn(),
        CiphertextBlob: Buffer.from(wrapped).toString('base64'),
        EncryptionContext: context,
      });
      return new Uint8Array(Buffer.from(out.Plaintext ?? '', 'base64'));
    },
  };
}

/** KMS's JSON API in the function's region (China regions on amazonaws.com.cn), SigV4 over fetch. */
export function kmsCaller(env: NodeJS.ProcessEnv, send: typeof fetch) {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  const url =
    env.AWS_ENDPOINT_URL_KMS ??
    `https://kms.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`;
  return <T>(action: string, body: Record<string, unknown>) =>
    awsJsonCall<T>({
      url,
      service: 'kms',
      target: `TrentService.${action}`,
      what: `KMS ${action}`,
      body,
      env,
      send,
    });
}
