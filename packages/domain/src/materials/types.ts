/**
 * Electronic materials (电子材料, issue 16): the files behind a case's materials, kept in S3.
 * The shapes every layer shares; the rules that act on them live beside this file.
 */

/** The file types a centre accepts, told by their first bytes, never by the name or the header sent. */
export type MaterialFileType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/ofd';

export const MATERIAL_FILE_TYPES: readonly MaterialFileType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/ofd',
];

/** 20 MB: the default per file; a matter may set its own (`materialMaxBytes`). */
export const DEFAULT_MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The malware scan's verdict: `pending` until GuardDuty tags the object (AWS); `clean` or
 * `infected` after; `not-scanned` where no scanner runs (the local stack, where the README says the
 * scan is AWS-only). A file is usable when `clean`, or `not-scanned` in a deployment without a scanner.
 */
export type ScanStatus = 'pending' | 'clean' | 'infected' | 'not-scanned';

/** Where a file came from: taken at the window, sent online by the applicant, or reused. */
export type UploadChannel = 'window' | 'online' | 'reuse';

/** A verified copy (核验件, B-level copy): checked against the original by a clerk. */
export interface VerifiedCopy {
  /** The watermark printed on every view: 与原件核对一致 · who · when · the centre. */
  readonly watermark: string;
  readonly by: string;
  readonly at: string;
}

/** One stored file of a case's material; a replacement is a new file (a new version), never an overwrite. */
export interface MaterialFile {
  readonly id: string;
  readonly tenant: string;
  readonly caseNo: string;
  /** The material's code in the matter's list. */
  readonly code: string;
  /** 1, 2, …: the n-th file uploaded for this material of this case. */
  readonly version: number;
  /** The object's key in the bucket (tenant and case prefixed) and its S3 version id. */
  readonly key: string;
  readonly objectVersion?: string;
  readonly name: string;
  readonly size: number;
  /** Detected from the bytes. */
  readonly type: MaterialFileType;
  /** Hex digests of the whole object, computed by streaming it (memory does not grow with size). */
  readonly sha256: string;
  readonly sm3: string;
  readonly scan: ScanStatus;
  readonly channel: UploadChannel;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
  readonly verified?: VerifiedCopy;
  /** Reused from another case's file (免提交), with the applicant's consent recorded. */
  readonly reusedFrom?: { readonly tenant: string; readonly caseNo: string; readonly fileId: string };
  /** The holder (ID number or USCC) as a keyed hash, so reuse can find an applicant's files. */
  readonly holderHash?: string;
}

/** The S3 key prefix of a tenant's data: the tenant-scoped credentials reach nothing else. */
export const tenantPrefix = (tenant: string): string => `tenants/${tenant}/`;

/** Where a material's files live: one object per file id. */
export const materialKey = (tenant: string, caseNo: string, code: string, fileId: string): string =>
  `${tenantPrefix(tenant)}cases/${caseNo}/materials/${code}/${fileId}`;

/** Infected files are moved here, outside every tenant's prefix. */
export const quarantineKey = (key: string): string => `quarantine/${key}`;

/** An archive package's objects, under the archive custodian's tenant (R5). */
export const archivePrefix = (custodianTenant: string, caseTenant: string, caseNo: string): string =>
  `${tenantPrefix(custodianTenant)}archive/${caseTenant}/${caseNo}/`;
