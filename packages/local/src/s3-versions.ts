import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { TaggingConfiguration } from '@20minutes/s3rver/lib/models/config.js';
import S3Error from '@20minutes/s3rver/lib/models/error.js';
import FilesystemStore, {
  type Metadata,
  type S3Store,
  type StoredObject,
  type Subresource,
} from '@20minutes/s3rver/lib/stores/filesystem.js';

/**
 * Versioning and Object Lock for s3rver, which keeps one file per key. Every write becomes a new
 * version in a second folder (`<key>@<versionId>`, never written again); the key's current version
 * is hard-linked into s3rver's own folder, so its listing, GET and HEAD work as they are. A small
 * index per key keeps the versions in order with their retention.
 *
 * s3rver's controllers call the store without the request, so what a request asks of versions
 * (a versionId, a retention, If-None-Match) rides in an AsyncLocalStorage the front door fills.
 */

export interface Retention {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  readonly until: string;
}

export interface VersionEntry {
  readonly id: string;
  readonly lastModified: string;
  readonly deleteMarker?: true;
  retention?: Retention;
}

export interface RequestVersions {
  /** The `versionId` the request names (GET, HEAD, DELETE, tagging, retention). */
  versionId?: string;
  /** CopyObject's source version. */
  copySourceVersionId?: string;
  /** Retention to set on the version written. */
  retention?: Retention;
  /** `x-amz-tagging` of a PUT: tags for the version written. */
  tagging?: string;
  /** `If-None-Match: *`: write only if the key has no current version. */
  ifNoneMatch?: boolean;
  /** Told back: the version written, served or deleted (for x-amz-version-id). */
  version?: VersionEntry;
}

export const requestVersions = new AsyncLocalStorage<RequestVersions>();
const asked = (): RequestVersions => requestVersions.getStore() ?? {};

const OBJECT_FILES = ['object', 'object.md5', 'metadata.json'] as const;
const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

export class VersionedStore extends (FilesystemStore as { new (root: string): S3Store }) {
  private readonly versions: S3Store;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(root: string, versionsRoot: string) {
    super(root);
    this.versions = new FilesystemStore(versionsRoot);
  }

  /** One change at a time per key: index updates and the current link never interleave. */
  private serial<T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${bucket}/${key}`;
    const run = (this.queues.get(id) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    this.queues.set(id, tail);
    tail.then(() => this.queues.get(id) === tail && this.queues.delete(id));
    return run;
  }

  async index(bucket: string, key: string): Promise<VersionEntry[]> {
    try {
      return JSON.parse(await fs.readFile(this.indexPath(bucket, key), 'utf8')) as VersionEntry[];
    } catch (e) {
      if (missing(e)) return [];
      throw e;
    }
  }

  private indexPath = (bucket: string, key: string) =>
    this.versions.getResourcePath(bucket, key, 'versions.json');
  private physical = (key: string, id: string) => `${key}@${id}`;

  private async saveIndex(bucket: string, key: string, entries: VersionEntry[]): Promise<void> {
    if (entries.length) await fs.writeFile(this.indexPath(bucket, key), JSON.stringify(entries));
    else await fs.rm(this.indexPath(bucket, key), { force: true });
  }

  /** The version a request means: the one it names, else the current one (a delete marker counts). */
  async resolve(
    bucket: string,
    key: string,
    versionId = asked().versionId,
  ): Promise<VersionEntry | undefined> {
    const entries = await this.index(bucket, key);
    return versionId ? entries.find((e) => e.id === versionId) : entries.at(-1);
  }

  /** Points s3rver's file for the key at a version (or removes it after a delete marker). */
  private async link(bucket: string, key: string, entry: VersionEntry | undefined): Promise<void> {
    if (!entry || entry.deleteMarker) return super.deleteObject(bucket, key);
    for (const file of OBJECT_FILES) {
      const to = super.getResourcePath(bucket, key, file);
      await fs.mkdir(dirname(to), { recursive: true });
      await fs.rm(to, { force: true });
      await fs.link(this.versions.getResourcePath(bucket, this.physical(key, entry.id), file), to);
    }
  }

  /** Writes a new version with `write`, then makes it current (one per key at a time). */
  private async commit(bucket: string, key: string, write: (physicalKey: string) => Promise<void>) {
    const req = asked();
    const entry: VersionEntry = {
      id: randomBytes(16).toString('base64url'),
      lastModified: new Date().toISOString(),
      ...(req.retention ? { retention: req.retention } : {}),
    };
    const physicalKey = this.physical(key, entry.id);
    try {
      // The bytes stream in outside the key's turn; only the switch to current waits for it.
      await write(physicalKey);
      await this.serial(bucket, key, async () => {
        const entries = await this.index(bucket, key);
        if (req.ifNoneMatch && entries.length && !entries.at(-1)?.deleteMarker)
          throw new S3Error(
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
            {
              Condition: 'If-None-Match',
            },
          );
        await this.saveIndex(bucket, key, [...entries, entry]);
        await this.link(bucket, key, entry);
      });
    } catch (e) {
      await this.versions.deleteObject(bucket, physicalKey).catch(() => undefined);
      throw e;
    }
    if (req.tagging) await this.versions.putSubresource(bucket, physicalKey, tagging(req.tagging));
    req.version = entry;
  }

  override async putObject(object: Pick<StoredObject, 'bucket' | 'key' | 'content' | 'metadata'>) {
    let written = { size: 0, md5: '' };
    await this.commit(object.bucket, object.key, async (physicalKey) => {
      written = await this.versions.putObject({ ...object, key: physicalKey });
    });
    return written;
  }

  override async copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata: Metadata | null,
  ): Promise<Metadata> {
    const source = await this.resolve(srcBucket, srcKey, asked().copySourceVersionId);
    if (!source || source.deleteMarker) throw new S3Error('NoSuchKey', 'The specified key does not exist.');
    await this.commit(destBucket, destKey, async (physicalKey) => {
      await this.versions.copyObject(
        srcBucket,
        this.physical(srcKey, source.id),
        destBucket,
        physicalKey,
        replacementMetadata,
      );
    });
    return super.getMetadata(destBucket, destKey);
  }

  override async existsObject(bucket: string, key: string): Promise<boolean> {
    const entry = await this.resolve(bucket, key);
    return !!entry && !entry.deleteMarker;
  }

  override async getObject(bucket: string, key: string, options?: { start?: number; end?: number }) {
    const req = asked();
    const entry = await this.resolve(bucket, key);
    if (!entry || entry.deleteMarker) return null;
    const found = await this.versions.getObject(bucket, this.physical(key, entry.id), options);
    if (found) {
      found.key = key;
      req.version = entry;
    }
    return found;
  }

  /** DELETE without a version leaves a delete marker; with one, removes it unless it is retained. */
  override async deleteObject(bucket: string, key: string): Promise<void> {
    const req = asked();
    await this.serial(bucket, key, async () => {
      const entries = await this.index(bucket, key);
      if (!req.versionId) {
        const marker: VersionEntry = {
          id: randomBytes(16).toString('base64url'),
          lastModified: new Date().toISOString(),
          deleteMarker: true,
        };
        await this.saveIndex(bucket, key, [...entries, marker]);
        await this.link(bucket, key, marker);
        req.version = marker;
        return;
      }
      const entry = entries.find((e) => e.id === req.versionId);
      if (!entry) return;
      if (entry.retention && Date.parse(entry.retention.until) > Date.now())
        throw new S3Error(
          'AccessDenied',
          `Access Denied: the version is retained (${entry.retention.mode}) until ${entry.retention.until}`,
        );
      const rest = entries.filter((e) => e !== entry);
      if (!entry.deleteMarker) await this.versions.deleteObject(bucket, this.physical(key, entry.id));
      await this.versions.deleteSubresource(bucket, this.physical(key, entry.id), 'tagging');
      await this.saveIndex(bucket, key, rest);
      if (entries.at(-1) === entry) await this.link(bucket, key, rest.at(-1));
      req.version = entry;
    });
  }

  /** PutObjectRetention: COMPLIANCE can be lengthened, never shortened or lifted. */
  async setRetention(bucket: string, key: string, retention: Retention): Promise<VersionEntry> {
    return this.serial(bucket, key, async () => {
      const entries = await this.index(bucket, key);
      const entry = asked().versionId ? entries.find((e) => e.id === asked().versionId) : entries.at(-1);
      if (!entry || entry.deleteMarker) throw new S3Error('NoSuchKey', 'The specified key does not exist.');
      const held = entry.retention;
      if (
        held?.mode === 'COMPLIANCE' &&
        Date.parse(held.until) > Date.now() &&
        Date.parse(retention.until) < Date.parse(held.until)
      )
        throw new S3Error('AccessDenied', 'Access Denied: a COMPLIANCE retention cannot be shortened');
      entry.retention = retention;
      await this.saveIndex(bucket, key, entries);
      return entry;
    });
  }

  // Tags belong to a version: the one the request names, else the current one.
  override async getSubresource(
    bucket: string,
    key: string | undefined,
    type: string,
  ): Promise<Subresource | null> {
    if (key === undefined || type !== 'tagging') return super.getSubresource(bucket, key, type);
    const entry = await this.resolve(bucket, key);
    return entry ? this.versions.getSubresource(bucket, this.physical(key, entry.id), type) : null;
  }

  override async putSubresource(
    bucket: string,
    key: string | undefined,
    resource: Subresource,
  ): Promise<void> {
    if (key === undefined || resource.type !== 'tagging') return super.putSubresource(bucket, key, resource);
    const entry = await this.resolve(bucket, key);
    if (!entry || entry.deleteMarker) throw new S3Error('NoSuchKey', 'The specified key does not exist.');
    asked().version = entry;
    await this.versions.putSubresource(bucket, this.physical(key, entry.id), resource);
  }
}

/** `a=1&b=2` (x-amz-tagging) → s3rver's tagging document. */
function tagging(query: string): Subresource {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const tags = [...new URLSearchParams(query)]
    .map(([k, v]) => `<Tag><Key>${esc(k)}</Key><Value>${esc(v)}</Value></Tag>`)
    .join('');
  return new TaggingConfiguration(`<Tagging><TagSet>${tags}</TagSet></Tagging>`);
}
