import { describe, expect, it } from 'vitest';
import { signV4 as sdkSignV4 } from '../../functions/shared/sigv4';
import { signV4 } from '../../functions/shared/sigv4-node';

/** The credentials of AWS's published Signature Version 4 test suite. */
const SUITE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe("the console's node:crypto SigV4 signer (no SDK signer in its bundle)", () => {
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
  });

  it('answers the same headers as the SDK signer, header for header and in the same order', async () => {
    const urls = [
      'https://secretsmanager.cn-north-1.amazonaws.com.cn/',
      'http://localhost:4566/',
      'https://kms.example.amazonaws.com/a/./b/../c d/',
      'https://host.example/%7Euser/x*y',
    ];
    const headerSets: Record<string, string>[] = [
      {},
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      { 'Content-Type': ' a   b\t c ', 'User-Agent': 'x', 'X-Amz-Target': 'T' },
      { 'proxy-x': '1', 'sec-y': '2', Date: 'z' },
    ];
    for (const url of urls)
      for (const headers of headerSets)
        for (const sessionToken of [undefined, 'tok'])
          for (const body of ['', '{"SecretId":"arn:aws:x"}', 'Action=AssumeRole&名称=值']) {
            const input = {
              url,
              body,
              headers,
              region: 'cn-north-1',
              service: 'secretsmanager',
              credentials: { ...SUITE, ...(sessionToken ? { sessionToken } : {}) },
              now: new Date(Date.UTC(2026, 11, 3, 17, 5, 9, 123)),
            };
            const [ours, sdk] = [await signV4(input), await sdkSignV4(input)];
            expect(Object.entries(ours), `${url} ${JSON.stringify(headers)}`).toEqual(Object.entries(sdk));
          }
  });
});
