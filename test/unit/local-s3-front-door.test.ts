import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { checkPostPolicy, isDenial, verifySigV4 } from '../../packages/local/src/s3-auth';
import { createS3Client } from '../../packages/store/src/objects';

// The front door's pure checks (packages/local/src/s3-auth.ts), fed by the SDK's own signers so the
// tests do not grade the code with itself.
const credentials = { accessKeyId: 'AKLOCAL', secretAccessKey: 'local-secret' };
const secretOf = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
const client = createS3Client({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', credentials });

async function form(conditions: Parameters<typeof createPresignedPost>[1]['Conditions'] = [], expires = 60) {
  const { fields } = await createPresignedPost(client, {
    Bucket: 'files',
    Key: 't/c/m/1',
    Conditions: [
      ['content-length-range', 1, 1024],
      ['eq', '$Content-Type', 'application/pdf'],
      ...conditions,
    ],
    Fields: { 'Content-Type': 'application/pdf' },
    Expires: expires,
  });
  // As the front door sees a form: names lower-cased, the bucket from the URL.
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('the POST policy check', () => {
  it('grants a form as signed, with its size range', async () => {
    const grant = checkPostPolicy(await form(), secretOf, new Date());
    expect(grant).toEqual({ minBytes: 1, maxBytes: 1024 });
  });

  it.each([
    ['a changed type', { 'content-type': 'text/html' }, /Condition failed.*Content-Type/],
    ['a changed key', { key: 't/c/m/2' }, /Condition failed.*key/],
    ['another bucket', { bucket: 'other' }, /Condition failed.*bucket/],
    ['an unsigned field', { acl: 'public-read' }, /Extra input fields: acl/],
    ['a forged signature', { 'x-amz-signature': '0'.repeat(64) }, /signature/],
    [
      'an unknown key id',
      { 'x-amz-credential': 'NOBODY/20260101/us-east-1/s3/aws4_request' },
      /Access Key Id/,
    ],
  ])('refuses %s', async (_, change, message) => {
    const denial = checkPostPolicy({ ...(await form()), ...change }, secretOf, new Date());
    expect(isDenial(denial) && denial.message).toMatch(message);
  });

  it('refuses a form past its expiration, and one with no policy', async () => {
    const fields = await form([], 60);
    expect(checkPostPolicy(fields, secretOf, new Date(Date.now() + 61_000))).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    const { policy: _p, ...anonymous } = fields;
    expect(checkPostPolicy(anonymous, secretOf, new Date())).toMatchObject({ code: 'AccessDenied' });
  });

  it('honours starts-with and leaves x-ignore- fields alone', async () => {
    const fields = await form([['starts-with', '$x-amz-meta-name', 'scan-']]);
    expect(
      isDenial(
        checkPostPolicy({ ...fields, 'x-amz-meta-name': 'scan-1', 'x-ignore-n': '1' }, secretOf, new Date()),
      ),
    ).toBe(false);
    expect(checkPostPolicy({ ...fields, 'x-amz-meta-name': 'other' }, secretOf, new Date())).toMatchObject({
      code: 'AccessDenied',
    });
  });
});

describe('the SigV4 check', () => {
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
  });
  const request = () =>
    new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9000,
      path: '/files/t/%E6%9D%90%E6%96%99.pdf',
      query: { versionId: 'v+1', 'list-type': '2' },
      headers: { host: '127.0.0.1:9000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
  const asSeen = (r: HttpRequest) => ({
    method: r.method,
    rawPath: r.path,
    rawQuery: new URLSearchParams(r.query as Record<string, string>).toString().replace(/\+/g, '%20'),
    headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
  });

  it('accepts a request the SDK signed, in the header or the query', async () => {
    const now = new Date();
    expect(
      verifySigV4(asSeen((await signer.sign(request(), { signingDate: now })) as HttpRequest), secretOf, now),
    ).toBeUndefined();
    const presigned = (await signer.presign(request(), { signingDate: now, expiresIn: 60 })) as HttpRequest;
    expect(verifySigV4(asSeen(presigned), secretOf, now)).toBeUndefined();
    expect(verifySigV4(asSeen(presigned), secretOf, new Date(now.getTime() + 61_000))).toMatchObject({
      message: 'Request has expired',
    });
  });

  it('refuses an unsigned request, a changed path and a skewed clock', async () => {
    const now = new Date();
    expect(verifySigV4(asSeen(request()), secretOf, now)).toMatchObject({ code: 'AccessDenied' });
    const signed = asSeen((await signer.sign(request(), { signingDate: now })) as HttpRequest);
    expect(verifySigV4({ ...signed, rawPath: '/files/t/other.pdf' }, secretOf, now)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(verifySigV4(signed, secretOf, new Date(now.getTime() + 16 * 60_000))).toMatchObject({
      code: 'AccessDenied',
    });
  });
});
