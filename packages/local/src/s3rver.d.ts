// @20minutes/s3rver ships no types; these cover the parts the embedded S3 (s3.ts) uses.
declare module '@20minutes/s3rver' {
  import type { IncomingMessage, Server } from 'node:http';
  import type { AddressInfo } from 'node:net';
  import type { S3Store } from '@20minutes/s3rver/lib/stores/filesystem.js';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }
  /** The part of Koa's context the front door reads and writes. */
  export interface KoaContext {
    method: string;
    /** The path as sent, still percent-encoded. */
    path: string;
    querystring: string;
    query: Record<string, string | string[] | undefined>;
    headers: Record<string, string | string[] | undefined>;
    req: IncomingMessage;
    status: number;
    body: unknown;
    type: string;
    get(name: string): string;
    set(name: string, value: string): void;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    store: S3Store;
    httpServer?: Server;
    /** Koa's middleware list: the front door goes first. */
    middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[];
    context: { store: S3Store };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module '@20minutes/s3rver/lib/stores/filesystem.js' {
  import type { Readable } from 'node:stream';
  export type Metadata = Record<string, string | number>;
  export interface StoredObject {
    bucket: string;
    key: string;
    content: Readable | Buffer | null;
    metadata: Metadata;
    size: number;
  }
  export interface Subresource {
    type: string;
    toXML(space?: number): string;
  }
  export interface S3Store {
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    getMetadata(bucket: string, key: string): Promise<Metadata>;
    existsObject(bucket: string, key: string): Promise<boolean>;
    getObject(
      bucket: string,
      key: string,
      options?: { start?: number; end?: number },
    ): Promise<StoredObject | null>;
    putObject(
      object: Pick<StoredObject, 'bucket' | 'key' | 'content' | 'metadata'>,
    ): Promise<{ size: number; md5: string }>;
    copyObject(
      srcBucket: string,
      srcKey: string,
      destBucket: string,
      destKey: string,
      replacementMetadata: Metadata | null,
    ): Promise<Metadata>;
    deleteObject(bucket: string, key: string): Promise<void>;
    getSubresource(bucket: string, key: string | undefined, type: string): Promise<Subresource | null>;
    putSubresource(bucket: string, key: string | undefined, resource: Subresource): Promise<void>;
    deleteSubresource(bucket: string, key: string | undefined, type: string): Promise<void>;
  }
  const FilesystemStore: { new (rootDirectory: string): S3Store };
  export default FilesystemStore;
}

declare module '@20minutes/s3rver/lib/models/account.js' {
  export const DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

declare module '@20minutes/s3rver/lib/models/error.js' {
  export default class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, string | number>);
    code: string;
    status: number;
  }
}

declare module '@20minutes/s3rver/lib/models/config.js' {
  import type { Subresource } from '@20minutes/s3rver/lib/stores/filesystem.js';
  export const TaggingConfiguration: { new (xml: string): Subresource; validate(xml: string): Subresource };
}

declare module 'busboy' {
  import type { Readable, Writable } from 'node:stream';

  interface Busboy extends Writable {
    on(event: 'field', listener: (name: string, value: string) => void): this;
    on(
      event: 'file',
      listener: (name: string, stream: Readable, info: { filename: string; mimeType: string }) => void,
    ): this;
    on(event: 'close' | 'finish', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export default function busboy(config: {
    headers: Record<string, string | string[] | undefined>;
    highWaterMark?: number;
    fileHwm?: number;
    limits?: { fields?: number; fieldSize?: number; files?: number };
  }): Busboy;
}
