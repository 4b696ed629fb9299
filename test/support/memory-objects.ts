import {
  type ObjectStore,
  type PresignedUpload,
  RetentionError,
  type StoredObject,
} from '../../packages/app/src/materials/objects';

interface Version {
  readonly versionId: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly lastModified: string;
  readonly retainUntil?: string;
  tags: Record<string, string>;
}

/**
 * A versioned bucket in memory for unit tests of the materials service: the ObjectStore port
 * with S3's semantics that matter here (versions, retention that refuses a delete, tags). A
 * presigned POST is not an HTTP endpoint here: `upload` plays the browser that sends the form.
 */
export class MemoryObjects implements ObjectStore {
  private readonly objects = new Map<string, Version[]>();
  private next = 0;
  /** What `presignUpload` was asked for, by key: a test checks the policy bound the type and size. */
  readonly presigned = new Map<string, { contentType: string; maxBytes: number; expiresInSeconds: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async presignUpload(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedUpload> {
    this.presigned.set(input.key, input);
    return {
      url: 'memory://bucket/',
      method: 'POST',
      fields: { key: input.key, 'Content-Type': input.contentType },
      expiresAt: new Date(this.now().getTime() + input.expiresInSeconds * 1000).toISOString(),
      maxBytes: input.maxBytes,
    };
  }

  /** The browser's POST of a file to a presigned form: refused as S3 refuses it when the policy is broken. */
  upload(key: string, body: Uint8Array, contentType?: string): void {
    const policy = this.presigned.get(key);
    if (!policy) throw new Error(`no presigned upload for ${key}`);
    if (contentType !== undefined && contentType !== policy.contentType)
      throw new Error('policy: Content-Type');
    if (body.length > policy.maxBytes || body.length < 1) throw new Error('policy: content-length-range');
    this.write(key, body, policy.contentType);
  }

  /** Writes an object directly, as a client with bucket credentials could (no policy). */
  write(key: string, body: Uint8Array, contentType = 'application/octet-stream', retainUntil?: string) {
    const version: Version = {
      versionId: `v${++this.next}`,
      body,
      contentType,
      lastModified: this.now().toISOString(),
      ...(retainUntil ? { retainUntil } : {}),
      tags: {},
    };
    this.objects.set(key, [...(this.objects.get(key) ?? []), version]);
    return version;
  }

  private version(key: string, versionId?: string): Version | undefined {
    const versions = this.objects.get(key) ?? [];
    return versionId ? versions.find((v) => v.versionId === versionId) : versions[versions.length - 1];
  }

  async presignDownload(input: {
    key: string;
    versionId?: string;
    expiresInSeconds: number;
    fileName?: string;
  }) {
    const v = this.version(input.key, input.versionId);
    return `memory://bucket/${input.key}?versionId=${v?.versionId ?? ''}&expires=${input.expiresInSeconds}`;
  }

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    const v = this.version(key, versionId);
    return v && { key, versionId: v.versionId, size: v.body.length, lastModified: v.lastModified };
  }

  async list(prefix: string): Promise<StoredObject[]> {
    return [...this.objects.entries()]
      .filter(([key, versions]) => key.startsWith(prefix) && versions.length > 0)
      .map(([key, versions]) => {
        const v = versions[versions.length - 1] as Version;
        return { key, versionId: v.versionId, size: v.body.length, lastModified: v.lastModified };
      });
  }

  async read(key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>> {
    const v = this.version(key, versionId);
    if (!v) throw new Error(`NoSuchKey: ${key}`);
    const body = v.body;
    // In chunks, as S3 streams: the digester must not rely on one chunk.
    return (async function* () {
      for (let o = 0; o < body.length; o += 64 * 1024) yield body.subarray(o, o + 64 * 1024);
    })();
  }

  async put(input: { key: string; body: Uint8Array | string; contentType: string; retainUntil?: string }) {
    const body = typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
    return { versionId: this.write(input.key, body, input.contentType, input.retainUntil).versionId };
  }

  async copy(input: { from: { key: string; versionId?: string }; to: string; retainUntil?: string }) {
    const v = this.version(input.from.key, input.from.versionId);
    if (!v) throw new Error(`NoSuchKey: ${input.from.key}`);
    return { versionId: this.write(input.to, v.body, v.contentType, input.retainUntil).versionId };
  }

  async delete(key: string, versionId?: string): Promise<void> {
    const versions = this.objects.get(key) ?? [];
    const v = versionId ? versions.find((x) => x.versionId === versionId) : versions[versions.length - 1];
    if (!v) return;
    if (v.retainUntil && v.retainUntil > this.now().toISOString())
      throw new RetentionError(key, v.retainUntil);
    this.objects.set(
      key,
      versions.filter((x) => x !== v),
    );
  }

  async tags(key: string, versionId?: string): Promise<Readonly<Record<string, string>>> {
    return this.version(key, versionId)?.tags ?? {};
  }

  /** GuardDuty's tag on an object, for tests of the scan path. */
  tag(key: string, tags: Record<string, string>): void {
    const v = this.version(key);
    if (v) v.tags = { ...v.tags, ...tags };
  }

  /** Every version of a key, oldest first (a test that no version was overwritten). */
  versions(key: string): readonly { versionId: string; size: number }[] {
    return (this.objects.get(key) ?? []).map((v) => ({ versionId: v.versionId, size: v.body.length }));
  }

  keys(): string[] {
    return [...this.objects.entries()].filter(([, v]) => v.length > 0).map(([k]) => k);
  }
}
