import type {
  DomainError,
  MaterialFile,
  MaterialFileType,
  ScanStatus,
  UploadChannel,
  UploadRejection,
  VerifiedCopy,
} from '@onewindow/domain';
import { caseKeys } from './cases/keys';
import { tenantPk } from './keys';
import type { Item, Store, Write } from './store';
import { entityOf } from './tenancy';

/**
 * A case's files (issue 16), in the case's own partition beside its access records: `MUPLOAD#`
 * (a presigned upload asked for), `MFILE#<code>#<version>` (a recorded file, one item per
 * version, never overwritten but for its scan verdict and verification), `MREJECT#` (an upload
 * whose bytes were refused). `M…` sorts after `EV#~`, so the timeline's range never meets them.
 */
const casePk = (tenant: string, caseNo: string) => caseKeys.case(tenant, caseNo).pk;
const VERSION_DIGITS = 6;

/** An upload a client was given a presigned link for; the object's key ends in its id. */
export interface PendingUpload {
  readonly id: string;
  readonly tenant: string;
  readonly caseNo: string;
  readonly code: string;
  readonly key: string;
  readonly name: string;
  /** The type the client declared (bound into the POST policy); the bytes decide the recorded type. */
  readonly declaredType: MaterialFileType;
  readonly maxBytes: number;
  readonly expiresAt: string;
  readonly channel: UploadChannel;
  readonly uploadedBy: string;
  readonly requestedAt: string;
  /** Set once the object is recorded: the file id, or `rejected`. The lock two listings race for. */
  readonly recordedAs?: string;
}

/** An upload whose bytes were refused (not an accepted type, or over the limit): kept so the clerk sees why; the object is gone. */
export interface RejectedUpload {
  readonly id: string;
  readonly tenant: string;
  readonly caseNo: string;
  readonly code: string;
  readonly name: string;
  readonly size: number;
  readonly rejection: UploadRejection;
  readonly channel: UploadChannel;
  readonly uploadedBy: string;
  readonly at: string;
}

/** What a stored file carries beyond the shared shape: the applicant's consent to a reuse, the quarantine. */
export type StoredMaterialFile = MaterialFile & {
  readonly consent?: { readonly method: string; readonly at: string; readonly recordedBy: string };
  readonly quarantineKey?: string;
  /** The licence a reuse came from (免提交 of an e-licence). */
  readonly reusedLicence?: string;
};

/** A verified copy in the holder's index, for the next intake of the same holder in the tenant. */
export interface HolderCopy {
  readonly tenant: string;
  readonly caseNo: string;
  readonly code: string;
  readonly fileId: string;
  readonly version: number;
  readonly name: string;
  readonly type: MaterialFileType;
  readonly size: number;
  readonly sha256: string;
  readonly verified: VerifiedCopy;
  /** The material's name in the case it came from. */
  readonly materialName: string;
  readonly matterName: string;
}

export const materialKeys = {
  upload: (tenant: string, caseNo: string, id: string) => ({
    pk: casePk(tenant, caseNo),
    sk: `MUPLOAD#${id}`,
  }),
  file: (tenant: string, caseNo: string, code: string, version: number) => ({
    pk: casePk(tenant, caseNo),
    sk: `MFILE#${code}#${String(version).padStart(VERSION_DIGITS, '0')}`,
  }),
  rejected: (tenant: string, caseNo: string, code: string, id: string) => ({
    pk: casePk(tenant, caseNo),
    sk: `MREJECT#${code}#${id}`,
  }),
  /** One partition per holder (a keyed hash of the ID number or USCC) and tenant. */
  holder: (tenant: string, mac: string, fileId: string) => ({
    pk: `${tenantPk(tenant)}#MHOLDER#${mac}`,
    sk: `COPY#${fileId}`,
  }),
} as const;

const fileItem = (f: StoredMaterialFile) => ({
  ...materialKeys.file(f.tenant, f.caseNo, f.code, f.version),
  entity: 'material-file',
  ...f,
});

const uploadItem = (u: PendingUpload) => ({
  ...materialKeys.upload(u.tenant, u.caseNo, u.id),
  entity: 'material-upload',
  ...u,
});

export const materialWrites = {
  /** A new pending upload: its id is fresh. */
  requestUpload: (u: PendingUpload, taken: DomainError): Write[] => [{ put: uploadItem(u), ifNew: taken }],
  /**
   * The upload recorded as `file`: the upload marked (only if no other listing marked it first)
   * and the file at its version (only if that version is still free), in one transaction.
   */
  record: (
    u: PendingUpload,
    file: StoredMaterialFile,
    failures: { readonly recorded: DomainError; readonly versionTaken: DomainError },
  ): Write[] => [
    {
      put: uploadItem({ ...u, recordedAs: file.id }),
      ifStill: { attribute: 'recordedAs', equals: undefined, failure: failures.recorded },
    },
    { put: fileItem(file), ifNew: failures.versionTaken },
  ],
  /** The upload refused: marked as such and the refusal kept. */
  reject: (u: PendingUpload, r: RejectedUpload, recorded: DomainError): Write[] => [
    {
      put: uploadItem({ ...u, recordedAs: 'rejected' }),
      ifStill: { attribute: 'recordedAs', equals: undefined, failure: recorded },
    },
    {
      put: { ...materialKeys.rejected(r.tenant, r.caseNo, r.code, r.id), entity: 'material-rejected', ...r },
    },
  ],
  /** A new file not from an upload (a reuse): at its version, only if still free. */
  add: (file: StoredMaterialFile, versionTaken: DomainError): Write[] => [
    { put: fileItem(file), ifNew: versionTaken },
  ],
  /** A file's new scan verdict, only over the verdict it was read with. */
  scanVerdict: (file: StoredMaterialFile, was: ScanStatus, changed: DomainError): Write[] => [
    { put: fileItem(file), ifStill: { attribute: 'scan', equals: was, failure: changed } },
  ],
  /** A file marked verified (only once) and, where the holder is known, its entry in the holder's index. */
  verify: (
    file: StoredMaterialFile,
    copy: (HolderCopy & { mac: string }) | undefined,
    already: DomainError,
  ): Write[] => [
    { put: fileItem(file), ifStill: { attribute: 'verified', equals: undefined, failure: already } },
    ...(copy
      ? [
          {
            put: {
              ...materialKeys.holder(copy.tenant, copy.mac, copy.fileId),
              entity: 'material-holder-copy',
              ...copy,
            },
          },
        ]
      : []),
  ],
};

const ofEntity = <T>(items: Item[]) => items.map((i) => entityOf<T>(i));

/** Every version of every material of a case (or of one material), by material then version. */
export async function materialFilesOf(
  store: Store,
  tenant: string,
  caseNo: string,
  code?: string,
): Promise<StoredMaterialFile[]> {
  return ofEntity<StoredMaterialFile>(
    await store.queryPrefix(casePk(tenant, caseNo), code === undefined ? 'MFILE#' : `MFILE#${code}#`),
  );
}

/** The uploads asked for on a material (recorded or not). */
export async function materialUploadsOf(
  store: Store,
  tenant: string,
  caseNo: string,
): Promise<PendingUpload[]> {
  return ofEntity<PendingUpload>(await store.queryPrefix(casePk(tenant, caseNo), 'MUPLOAD#'));
}

export function materialUpload(
  store: Store,
  tenant: string,
  caseNo: string,
  id: string,
): Promise<PendingUpload | undefined> {
  return store
    .get(materialKeys.upload(tenant, caseNo, id))
    .then((i) => (i ? entityOf<PendingUpload>(i) : undefined));
}

export async function rejectedUploadsOf(
  store: Store,
  tenant: string,
  caseNo: string,
  code: string,
): Promise<RejectedUpload[]> {
  return ofEntity<RejectedUpload>(await store.queryPrefix(casePk(tenant, caseNo), `MREJECT#${code}#`));
}

/** The verified copies kept for a holder in a tenant. */
export async function holderCopiesOf(store: Store, tenant: string, mac: string): Promise<HolderCopy[]> {
  return ofEntity<HolderCopy & { mac?: string }>(
    await store.queryPrefix(`${tenantPk(tenant)}#MHOLDER#${mac}`, 'COPY#'),
  ).map(({ mac: _mac, ...copy }) => copy);
}
