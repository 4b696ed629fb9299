import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { RetentionError } from './retention-error';

/**
 * The object store port (packages/app/src/materials/objects.ts: `ObjectStore`) over
 * `@aws-sdk/client-s3`: S3 in AWS, the embedded S3 locally (packages/local/src/s3.ts). A separate
 * entry, `@onewindow/store/objects`, so only the files function and the workers carry the S3
 * client; the store's index must never export it. It matches the port by shape: the store cannot
 * import the application layer.
 */

export { RetentionError };

export interface S3ClientOptions {
  /** The embedded S3's URL locally; none in AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  /** The tenant-scoped credentials in AWS; the local ones locally. */
  readonly credentials?: S3ClientConfig['credentials'];
}

export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // The SDK would otherwise add a CRC32 checksum to every upload (a trailer on streams); S3
    // needs one only where the API says so (and Object Lock PUTs, which ask for it below).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

interface StoredObject {
  readonly key: string;
  readonly versionId?: string;
  readonly size: number;
  readonly lastModified: string;
}

const status = (e: unknown) => (e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined);
const withVersion = (versionId: string | undefined) => (versionId ? { VersionId: versionId } : {});
const lockUntil = (retainUntil: string | undefined) =>
  retainUntil
    ? { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: new Date(retainUntil) }
    : {};
/** RFC 5987: a download keeps its Chinese file name in every browser. */
const attachment = (name: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`;

export class S3ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(input: {
    readonly key: string;
    readonly contentType: string;
    readonly maxBytes: number;
    readonly expiresInSeconds: number;
  }) {
    const expiresAt = new Date(Date.now() + input.expiresInSeconds * 1000).toISOString();
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: input.key,
      // The key, the exact type and the size range are signed: a form changed by the client is refused.
      Conditions: [
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
      ],
      Fields: { 'Content-Type': input.contentType },
      Expires: input.expiresInSeconds,
    });
    return { url, method: 'POST' as const, fields, expiresAt, maxBytes: input.maxBytes };
  }

  async presignDownload(input: {
    readonly key: string;
    readonly versionId?: string;
    readonly expiresInSeconds: number;
    readonly fileName?: string;
  }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ...withVersion(input.versionId),
      ...(input.fileName ? { ResponseContentDisposition: attachment(input.fileName) } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: input.expiresInSeconds });
  }

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key, ...withVersion(versionId) }),
      );
      return {
        key,
        ...(out.VersionId ? { versionId: out.VersionId } : {}),
        size: out.ContentLength ?? 0,
        lastModified: (out.LastModified ?? new Date(0)).toISOString(),
      };
    } catch (e) {
      // 404: no such key or version; 405: the version named is a delete marker.
      if (status(e) === 404 || status(e) === 405) return undefined;
      throw e;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key)
          found.push({
            key: o.Key,
            size: o.Size ?? 0,
            lastModified: (o.LastModified ?? new Date(0)).toISOString(),
          });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  /** The body as it arrives: a 20 MB file is hashed chunk by chunk, never held whole. */
  async read(key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ...withVersion(versionId) }),
    );
    if (!out.Body) throw new Error(`${key}: no body`);
    // In Node the body is the response stream (an IncomingMessage): async-iterable Buffers.
    return out.Body as AsyncIterable<Uint8Array>;
  }

  async put(input: {
    readonly key: string;
    readonly body: Uint8Array | string;
    readonly contentType: string;
    readonly retainUntil?: string;
  }): Promise<{ versionId?: string }> {
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        Body: input.body,
        ContentType: input.contentType,
        ...lockUntil(input.retainUntil),
        // S3 refuses an Object Lock PUT without a checksum of the body.
        ...(input.retainUntil ? { ChecksumAlgorithm: 'SHA256' as const } : {}),
      }),
    );
    return out.VersionId ? { versionId: out.VersionId } : {};
  }

  async copy(input: {
    readonly from: { readonly key: string; readonly versionId?: string };
    readonly to: string;
    readonly retainUntil?: string;
  }): Promise<{ versionId?: string }> {
    const source = `${this.bucket}/${input.from.key.split('/').map(encodeURIComponent).join('/')}`;
    const out = await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: input.to,
        CopySource: input.from.versionId
          ? `${source}?versionId=${encodeURIComponent(input.from.versionId)}`
          : source,
        ...lockUntil(input.retainUntil),
      }),
    );
    return out.VersionId ? { versionId: out.VersionId } : {};
  }

  async delete(key: string, versionId?: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...withVersion(versionId) }),
      );
    } catch (e) {
      if (status(e) !== 403) throw e;
      // Object Lock answers a plain AccessDenied; the version's own retention tells it from a
      // missing permission.
      const until = await this.client
        .send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ...withVersion(versionId) }))
        .then(
          (h) => h.ObjectLockRetainUntilDate,
          () => undefined,
        );
      if (until && until.getTime() > Date.now()) throw new RetentionError(key, until.toISOString());
      throw e;
    }
  }

  async tags(key: string, versionId?: string): Promise<Readonly<Record<string, string>>> {
    const out = await this.client.send(
      new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key, ...withVersion(versionId) }),
    );
    return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  }
}
