import { createHash, randomBytes } from 'node:crypto';
import {
  GetObjectRetentionCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { RetentionError } from '@onewindow/store';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore, PresignedUpload } from '../../packages/app/src/materials/objects';
import { type LocalS3, startS3 } from '../../packages/local/src/s3';
import { testObjectStore } from '../support/objects';

const { objects, prefix, client, bucket, endpoint } = await testObjectStore();
// The adapter is the port, by shape (the store cannot import the application layer).
const port: ObjectStore = objects;

/** Sends a presigned POST as a browser's form does: the fields, then the file last. */
async function postForm(upload: PresignedUpload, body: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...upload.fields, ...fields })) form.append(k, v);
  form.append('file', new Blob([body]), 'scan.pdf');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text(), versionId: res.headers.get('x-amz-version-id') };
}

const pdf = (size: number) => {
  const bytes = randomBytes(size);
  bytes.set(Buffer.from('%PDF-1.7\n'));
  return bytes;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function bytesOf(stream: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('presigned POST uploads (the browser form)', () => {
  it('stores the file under the signed key with the signed type, as a new version', async () => {
    const key = `${prefix}upload/ok`;
    const upload = await port.presignUpload({
      key,
      contentType: 'application/pdf',
      maxBytes: 1024,
      expiresInSeconds: 60,
    });
    expect(upload).toMatchObject({ method: 'POST', maxBytes: 1024 });
    const body = pdf(1000);
    const res = await postForm(upload, body);
    expect(res.status).toBe(204);
    expect(res.versionId).toBeTruthy();
    expect(await port.head(key)).toMatchObject({ key, size: 1000, versionId: res.versionId });
    expect(sha256(await bytesOf(await port.read(key)))).toBe(sha256(body));
    expect((await port.list(`${prefix}upload/`)).map((o) => o.key)).toEqual([key]);
    const link = await port.presignDownload({ key, expiresInSeconds: 60, fileName: '营业执照.pdf' });
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`,
    );
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(body));
  });

  it('refuses a file over the signed size, keeping nothing', async () => {
    const key = `${prefix}upload/big`;
    const upload = await port.presignUpload({
      key,
      contentType: 'application/pdf',
      maxBytes: 1024 * 1024,
      expiresInSeconds: 60,
    });
    const res = await postForm(upload, pdf(1024 * 1024 + 1));
    // S3 answers 400 EntityTooLarge for content-length-range (403 is for the other conditions).
    expect(res.status).toBe(400);
    expect(res.text).toContain('EntityTooLarge');
    expect(await port.head(key)).toBeUndefined();
    expect(await port.list(key)).toEqual([]);
    // Exactly the limit passes.
    expect((await postForm(upload, pdf(1024 * 1024))).status).toBe(204);
  });

  it('refuses an empty file (the range starts at 1 byte)', async () => {
    const upload = await port.presignUpload({
      key: `${prefix}upload/empty`,
      contentType: 'application/pdf',
      maxBytes: 1024,
      expiresInSeconds: 60,
    });
    const res = await postForm(upload, new Uint8Array());
    expect(res.status).toBe(400);
    expect(res.text).toContain('EntityTooSmall');
  });

  it('refuses a changed Content-Type, a changed key and an extra field with 403', async () => {
    const key = `${prefix}upload/type`;
    const upload = await port.presignUpload({
      key,
      contentType: 'image/png',
      maxBytes: 1024,
      expiresInSeconds: 60,
    });
    const wrongType = await postForm(upload, pdf(100), { 'Content-Type': 'text/html' });
    expect(wrongType.status).toBe(403);
    expect(wrongType.text).toContain('Policy Condition failed');
    expect((await postForm(upload, pdf(100), { key: `${prefix}elsewhere` })).status).toBe(403);
    expect((await postForm(upload, pdf(100), { acl: 'public-read' })).status).toBe(403);
    expect(await port.head(key)).toBeUndefined();
    expect(await port.head(`${prefix}elsewhere`)).toBeUndefined();
  });

  it('refuses the form after it expires', async () => {
    const key = `${prefix}upload/late`;
    const upload = await port.presignUpload({
      key,
      contentType: 'application/pdf',
      maxBytes: 1024,
      expiresInSeconds: 1,
    });
    await sleep(2100);
    const res = await postForm(upload, pdf(100));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Policy expired');
    expect(await port.head(key)).toBeUndefined();
  });

  it('refuses a policy signed with another secret', async () => {
    const forged = new S3ObjectStore(
      createS3Client({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'onewindow-local', secretAccessKey: 'guess' },
      }),
      bucket,
    );
    const upload = await forged.presignUpload({
      key: `${prefix}upload/forged`,
      contentType: 'application/pdf',
      maxBytes: 1024,
      expiresInSeconds: 60,
    });
    expect((await postForm(upload, pdf(100))).status).toBe(403);
  });
});

describe('signing', () => {
  it('refuses unsigned and wrongly signed requests with 403', async () => {
    const key = `${prefix}signed/a`;
    await port.put({ key, body: 'x', contentType: 'text/plain' });
    const url = `${endpoint}/${bucket}/${key}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: 'y' })).status).toBe(403);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(403);
    expect((await fetch(`${endpoint}/${bucket}?list-type=2`)).status).toBe(403);
    const form = new FormData();
    form.append('key', `${prefix}signed/b`);
    form.append('file', new Blob(['z']));
    expect((await fetch(`${endpoint}/${bucket}`, { method: 'POST', body: form })).status).toBe(403);
    // A presigned link works as issued, not once changed or after it expires.
    const link = await port.presignDownload({ key, expiresInSeconds: 1 });
    expect((await fetch(link)).status).toBe(200);
    expect(
      (await fetch(link.replace('signed%2Fa', 'signed%2Fb').replace('/signed/a', '/signed/b'))).status,
    ).toBe(403);
    await sleep(2100);
    expect((await fetch(link)).status).toBe(403);
    expect(await bytesOf(await port.read(key))).toEqual(Buffer.from('x'));
  });
});

describe('versions and retention', () => {
  it('keeps every version of a key; each is read by its id', async () => {
    const key = `${prefix}versions/file`;
    const first = await port.put({ key, body: 'first', contentType: 'text/plain' });
    const second = await port.put({ key, body: 'second', contentType: 'text/plain' });
    expect(first.versionId).toBeTruthy();
    expect(second.versionId).not.toBe(first.versionId);
    expect((await bytesOf(await port.read(key, first.versionId))).toString()).toBe('first');
    expect((await bytesOf(await port.read(key))).toString()).toBe('second');
    expect(await port.head(key)).toMatchObject({ versionId: second.versionId, size: 6 });
    expect(await port.head(key, first.versionId)).toMatchObject({ versionId: first.versionId, size: 5 });
    // Deleting the latest version makes the one before current again.
    await port.delete(key, second.versionId);
    expect(await port.head(key)).toMatchObject({ versionId: first.versionId });
    expect(await port.list(`${prefix}versions/`)).toHaveLength(1);
    // A copy of one version is a new version of its own.
    const copied = await port.copy({
      from: { key, versionId: first.versionId },
      to: `${prefix}versions/copy`,
    });
    expect((await bytesOf(await port.read(`${prefix}versions/copy`, copied.versionId))).toString()).toBe(
      'first',
    );
  });

  it('writes only if absent with If-None-Match: * (412 otherwise)', async () => {
    const key = `${prefix}versions/once`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'a', IfNoneMatch: '*' }));
    await expect(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'b', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 412 },
    });
    expect((await bytesOf(await port.read(key))).toString()).toBe('a');
  });

  it('refuses to delete a retained version before its date, and allows it after', async () => {
    const key = `${prefix}retained/file`;
    const retainUntil = new Date(Date.now() + 3000).toISOString();
    const { versionId } = await port.put({ key, body: 'archive', contentType: 'text/plain', retainUntil });
    const error = await port.delete(key, versionId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetentionError);
    expect((error as RetentionError).retainUntil).toBe(retainUntil);
    expect(await port.head(key, versionId)).toBeDefined();
    // Retention can be lengthened, never shortened (COMPLIANCE).
    await expect(
      client.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          VersionId: versionId,
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 1000) },
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    const held = await client.send(
      new GetObjectRetentionCommand({ Bucket: bucket, Key: key, VersionId: versionId }),
    );
    expect(held.Retention?.Mode).toBe('COMPLIANCE');
    expect(held.Retention?.RetainUntilDate?.toISOString()).toBe(retainUntil);
    await sleep(Date.parse(retainUntil) - Date.now() + 300);
    await port.delete(key, versionId);
    expect(await port.head(key, versionId)).toBeUndefined();
  });

  it('retains a copy (the archive package) under PutObjectRetention too', async () => {
    const key = `${prefix}retained/source`;
    const { versionId } = await port.put({ key, body: 'material', contentType: 'application/pdf' });
    const to = `${prefix}retained/archive`;
    const copied = await port.copy({
      from: { key, versionId },
      to,
      retainUntil: new Date(Date.now() + 60_000).toISOString(),
    });
    await expect(port.delete(to, copied.versionId)).rejects.toBeInstanceOf(RetentionError);
    // A plain delete leaves a delete marker: the retained version stays.
    await port.delete(to);
    expect(await port.head(to)).toBeUndefined();
    expect(await port.head(to, copied.versionId)).toBeDefined();
    const later = await port.put({ key: `${prefix}retained/later`, body: 'x', contentType: 'text/plain' });
    await client.send(
      new PutObjectRetentionCommand({
        Bucket: bucket,
        Key: `${prefix}retained/later`,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 60_000) },
      }),
    );
    await expect(port.delete(`${prefix}retained/later`, later.versionId)).rejects.toBeInstanceOf(
      RetentionError,
    );
  });
});

describe('reading and tags', () => {
  it('streams a 20 MB object in chunks', async () => {
    const key = `${prefix}big/20mb`;
    const body = pdf(20 * 1024 * 1024);
    await port.put({ key, body, contentType: 'application/pdf' });
    const hash = createHash('sha256');
    let chunks = 0;
    let size = 0;
    for await (const chunk of await port.read(key)) {
      chunks++;
      size += chunk.byteLength;
      hash.update(chunk);
    }
    expect(size).toBe(body.length);
    expect(chunks).toBeGreaterThan(10);
    expect(hash.digest('hex')).toBe(sha256(body));
  });

  it("reads each version's tags (GuardDuty's scan result in AWS)", async () => {
    const key = `${prefix}tags/file`;
    const first = await port.put({ key, body: 'a', contentType: 'application/pdf' });
    await port.put({ key, body: 'b', contentType: 'application/pdf' });
    await client.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: key,
        VersionId: first.versionId,
        Tagging: { TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' }] },
      }),
    );
    expect(await port.tags(key, first.versionId)).toEqual({ GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND' });
    expect(await port.tags(key)).toEqual({});
  });
});

describe('CORS for the console origin', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startS3({ corsOrigins: ['http://127.0.0.1:3000'] });
  });
  afterAll(() => s3.stop());

  it('answers the preflight of a form upload with a progress bar, for the console only', async () => {
    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${s3.bucket}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ok = await preflight('http://127.0.0.1:3000');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('https://evil.example')).status).toBe(403);
    const local = new S3ObjectStore(
      createS3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials }),
      s3.bucket,
    );
    const upload = await local.presignUpload({
      key: 'cors/file',
      contentType: 'application/pdf',
      maxBytes: 100,
      expiresInSeconds: 60,
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields ?? {})) form.append(k, v);
    form.append('file', new Blob([pdf(50)]));
    const res = await fetch(upload.url, {
      method: 'POST',
      body: form,
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amz-version-id');
  });
});
