import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSigningSecret } from '../../functions/shared/signing-secret';
import { signV4 } from '../../functions/shared/sigv4';

/** The credentials of AWS's published Signature Version 4 test suite. */
const SUITE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The signature as the SigV4 documentation spells it out, step by step, from a canonical request. */
function documentedSignature(canonical: string, amzDate: string, scope: string, secret: string): string {
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, scope.slice(0, 8));
  for (const part of scope.split('/').slice(1)) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

describe('signV4 (the cases Lambda reads its signing secret without the Secrets Manager client)', () => {
  it("signs AWS's published post-vanilla example to its published Authorization", async () => {
    const headers = await signV4({
      url: 'https://example.amazonaws.com/',
      body: '',
      headers: {},
      region: 'us-east-1',
      service: 'service',
      credentials: SUITE,
      now: new Date('2015-08-30T12:36:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
    expect(headers).toMatchObject({ host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' });
  });

  it('signs a GetSecretValue call with its JSON body, target and session token', async () => {
    const body = JSON.stringify({
      SecretId: 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:signing-AbCdEf',
    });
    const headers = await signV4({
      url: 'https://secretsmanager.cn-north-1.amazonaws.com.cn/',
      body,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      region: 'cn-north-1',
      service: 'secretsmanager',
      credentials: { ...SUITE, sessionToken: 'tok' },
      now: new Date('2026-11-25T08:30:00Z'),
    });
    const signed = 'content-type;host;x-amz-date;x-amz-security-token;x-amz-target';
    const canonical = [
      'POST',
      '/',
      '',
      'content-type:application/x-amz-json-1.1',
      'host:secretsmanager.cn-north-1.amazonaws.com.cn',
      'x-amz-date:20261125T083000Z',
      'x-amz-security-token:tok',
      'x-amz-target:secretsmanager.GetSecretValue',
      '',
      signed,
      hex(body),
    ].join('\n');
    const scope = '20261125/cn-north-1/secretsmanager/aws4_request';
    const signature = documentedSignature(canonical, '20261125T083000Z', scope, SUITE.secretAccessKey);
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
    );
    expect(headers['x-amz-security-token']).toBe('tok');
  });

  it('reads the secret string, and fails naming the secret when the call fails', async () => {
    const env = {
      SIGNING_SECRET_ARN: 'arn:x',
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
    };
    process.env.SIGNING_SECRET_ARN = 'arn:x';
    const now = new Date('2026-11-25T08:30:00Z');
    let seen: { url: string; init: RequestInit } | undefined;
    const ok = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify({ SecretString: 's3cret' }), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await loadSigningSecret(env, ok, now)).toBe('s3cret');
    expect(seen?.url).toBe('https://secretsmanager.cn-north-1.amazonaws.com/');
    expect(seen?.init.body).toBe(JSON.stringify({ SecretId: 'arn:x' }));
    expect((seen?.init.headers ?? {}) as Record<string, string>).toMatchObject({
      'x-amz-target': 'secretsmanager.GetSecretValue',
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=a\/20261125\/cn-north-1\/secretsmanager\//,
      ),
    });
    const denied = (async () => new Response('AccessDenied', { status: 400 })) as unknown as typeof fetch;
    await expect(loadSigningSecret(env, denied, now)).rejects.toThrow(/arn:x.*400/);
    delete process.env.SIGNING_SECRET_ARN;
  });
});
