/**
 * The object store port (issue 16): S3 in AWS, the embedded S3-compatible server locally; both
 * through `@aws-sdk/client-s3` in the adapter (packages/store/src/objects). Only the files
 * function and the workers bundle the adapter: the SDK's S3 client does not fit the other bundles.
 */

/** What a client needs to send a file straight to the store: no byte passes through a Lambda. */
export interface PresignedUpload {
  readonly url: string;
  /** POST: a form upload whose policy binds the key, the type and the size range. */
  readonly method: 'POST' | 'PUT';
  /** The form fields to send before the file (POST). */
  readonly fields?: Readonly<Record<string, string>>;
  /** The headers to send (PUT). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly expiresAt: string;
  readonly maxBytes: number;
}

export interface StoredObject {
  readonly key: string;
  readonly versionId?: string;
  readonly size: number;
  readonly lastModified: string;
}

export interface ObjectStore {
  /** A presigned POST: key, exact Content-Type and 1..maxBytes bound into the signed policy. */
  presignUpload(input: {
    readonly key: string;
    readonly contentType: string;
    readonly maxBytes: number;
    readonly expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  /** A short-lived GET link to one version, sent as an attachment named `fileName`. */
  presignDownload(input: {
    readonly key: string;
    readonly versionId?: string;
    readonly expiresInSeconds: number;
    readonly fileName?: string;
  }): Promise<string>;
  head(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /** The latest version of every object under the prefix. */
  list(prefix: string): Promise<StoredObject[]>;
  /** The object's bytes as a stream: hashing a 20 MB file never holds it whole. */
  read(key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>>;
  /** Writes an object; `retainUntil` sets Object Lock retention (COMPLIANCE) on the version written. */
  put(input: {
    readonly key: string;
    readonly body: Uint8Array | string;
    readonly contentType: string;
    readonly retainUntil?: string;
  }): Promise<{ versionId?: string }>;
  /** Copies one version to a new key (reuse, quarantine, archive), optionally retained. */
  copy(input: {
    readonly from: { readonly key: string; readonly versionId?: string };
    readonly to: string;
    readonly retainUntil?: string;
  }): Promise<{ versionId?: string }>;
  /** Deletes one version; fails (the adapter throws `RetentionError`) while it is retained. */
  delete(key: string, versionId?: string): Promise<void>;
  /** The object's tags (GuardDuty writes `GuardDutyMalwareScanStatus`). */
  tags(key: string, versionId?: string): Promise<Readonly<Record<string, string>>>;
}

/**
 * A retained version was asked to go before its date. Defined beside the S3 adapter, which throws
 * it (the store cannot import this layer); re-exported here as part of the port.
 */
export { RetentionError } from '@onewindow/store';
