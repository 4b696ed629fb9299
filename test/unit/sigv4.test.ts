import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { loadSigningSecret } from '../../functions/shared/signing-secret';
import { signV4 } from '../../functions/shared/sigv4';

const toBytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === 'string'
    ? d
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** The SDK's own SigV4 signer, with node:crypto as its hash, to check ours against. */
class Sha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.h.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.h.digest());
  }
}

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'tok',
};
const now = new Date('2026-11-25T08:30:00Z');

describe('signV4 (the cases Lambda reads its signing secret without the Secrets Manager client)', () => {
  it('gives the same Authorization as the SDK signer for a GetSecretValue call', async () => {
    const body = JSON.stringify({
      SecretId: 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:signing-AbCdEf',
    });
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    };
    const ours = signV4({
      url: 'https://secretsmanager.cn-north-1.amazonaws.com/',
      body,
      headers,
      region: 'cn-north-1',
      service: 'secretsmanager',
      credentials,
      now,
    });
    const sdk = await new SignatureV4({
      credentials,
      region: 'cn-north-1',
      service: 'secretsmanager',
      sha256: Sha256,
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'secretsmanager.cn-north-1.amazonaws.com',
        path: '/',
        headers: {
          ...headers,
          host: 'secretsmanager.cn-north-1.amazonaws.com',
          'x-amz-content-sha256': ours['x-amz-content-sha256'] ?? '',
        },
        body,
      },
      { signingDate: now },
    );
    expect(ours.authorization).toBe(sdk.headers.authorization);
  });

  it('reads the secret string, and fails naming the secret when the call fails', async () => {
    const env = {
      SIGNING_SECRET_ARN: 'arn:x',
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
    };
    process.env.SIGNING_SECRET_ARN = 'arn:x';
    let seen: RequestInit | undefined;
    const ok = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response(JSON.stringify({ SecretString: 's3cret' }), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await loadSigningSecret(env, ok, now)).toBe('s3cret');
    expect((seen?.headers ?? {}) as Record<string, string>).toMatchObject({
      'x-amz-target': 'secretsmanager.GetSecretValue',
    });
    const denied = (async () => new Response('AccessDenied', { status: 400 })) as unknown as typeof fetch;
    await expect(loadSigningSecret(env, denied, now)).rejects.toThrow(/arn:x.*400/);
    delete process.env.SIGNING_SECRET_ARN;
  });
});
