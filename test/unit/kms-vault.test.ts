import { describe, expect, it } from 'vitest';
import { kmsVault } from '../../functions/shared/kms-vault';

const ENV = {
  SEAL_KEY_ARN: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
};

/** KMS as far as the vault uses it: Encrypt binds the context, Decrypt answers only under the same one. */
function fakeKms() {
  const calls: { url: string; target: string; body: Record<string, unknown>; auth: string }[] = [];
  const send = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ url, target: headers['x-amz-target'] ?? '', body, auth: headers.authorization ?? '' });
    const json = (x: unknown) => new Response(JSON.stringify(x), { status: 200 });
    if (headers['x-amz-target'] === 'TrentService.Encrypt') {
      const blob = Buffer.from(JSON.stringify({ p: body.Plaintext, c: body.EncryptionContext })).toString(
        'base64',
      );
      return json({ CiphertextBlob: blob, KeyId: body.KeyId });
    }
    const { p, c } = JSON.parse(Buffer.from(String(body.CiphertextBlob), 'base64').toString()) as {
      p: string;
      c: unknown;
    };
    if (JSON.stringify(c) !== JSON.stringify(body.EncryptionContext)) {
      return new Response('{"__type":"InvalidCiphertextException"}', { status: 400 });
    }
    return json({ Plaintext: p, KeyId: body.KeyId });
  }) as typeof fetch;
  return { calls, send };
}

describe('the KMS seal key vault (SigV4 over fetch)', () => {
  it('wraps with Encrypt under the seal’s context and opens with Decrypt, signed for kms in the China region', async () => {
    const kms = fakeKms();
    const vault = kmsVault(ENV, kms.send);
    const key = new Uint8Array(32).fill(7);
    const context = { tenant: 'nanjing.jiangning.dongshan', seal: 'centre-seal' };
    const wrapped = await vault.wrap(key, context);
    expect(await vault.unwrap(wrapped, context)).toEqual(key);
    expect(kms.calls.map((c) => c.target)).toEqual(['TrentService.Encrypt', 'TrentService.Decrypt']);
    expect(kms.calls[0]?.url).toBe('https://kms.cn-north-1.amazonaws.com.cn/');
    expect(kms.calls[0]?.body).toMatchObject({ KeyId: ENV.SEAL_KEY_ARN, EncryptionContext: context });
    expect(kms.calls[0]?.auth).toContain('/cn-north-1/kms/aws4_request');
    // Moved to another seal's record, a wrapped key does not open.
    await expect(vault.unwrap(wrapped, { ...context, seal: 'other' })).rejects.toThrow(/400/);
  });

  it('needs SEAL_KEY_ARN only when used, so a function without it still starts', async () => {
    const { SEAL_KEY_ARN: _arn, ...rest } = ENV;
    const vault = kmsVault(rest, fakeKms().send);
    await expect(vault.wrap(new Uint8Array(32), { seal: 'x' })).rejects.toThrow(/SEAL_KEY_ARN/);
  });
});
