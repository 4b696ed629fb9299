import { createHmac, randomBytes } from 'node:crypto';
import {
  type AccessRecord,
  accessRecordOf,
  checkDeclaredSize,
  checkDeclaredType,
  checkDownloadable,
  checkMaterialCode,
  checkUploadOpen,
  checkVerifiable,
  cleanFileName,
  DOWNLOAD_EXPIRY_SECONDS,
  DomainError,
  describeBytes,
  initialScan,
  isUsable,
  judgeUpload,
  type MaterialFile,
  type MaterialFileType,
  materialKey,
  materialMaxBytes,
  nextVersion,
  type Principal,
  parseCaseNo,
  parseMaterialKey,
  quarantineKey,
  queryCodeHash,
  rejectionText,
  type ScanStatus,
  scanOfGuardDutyTag,
  sniffMaterialType,
  UPLOAD_EXPIRY_SECONDS,
  type UploadChannel,
  verifiedWatermark,
} from '@onewindow/domain';
import {
  accessRecordWrite,
  CatalogueRepository,
  type HolderCopy,
  holderCopiesOf,
  LicenceRepository,
  materialFilesOf,
  materialUploadsOf,
  materialWrites,
  normaliseTerm,
  type PendingUpload,
  type RejectedUpload,
  rejectedUploadsOf,
  type Store,
  type StoredCase,
  type StoredMaterialFile,
  TenancyRepository,
} from '@onewindow/store';
import type { CaseService } from '../cases';
import type { Commands } from '../commands';
import type { Invocation, Respond } from '../context';
import type { OfdResults } from '../ofd';
import { digestBytes, digestStream } from './digest';
import type { ObjectStore, PresignedUpload } from './objects';

/**
 * The repository of a case's files that the case integration, the archive and the scan worker
 * read (bench/.out/issue16/contract.md). MaterialService implements it.
 */
export interface MaterialFiles {
  /** Every version of every material of the case. */
  filesOfCase(tenant: string, caseNo: string): Promise<MaterialFile[]>;
  file(tenant: string, caseNo: string, code: string, id: string): Promise<MaterialFile | undefined>;
  /** Records new uploads under the material's prefix (type by bytes, digests by streaming). */
  refresh(tenant: string, caseNo: string, code: string): Promise<MaterialFile[]>;
  /** The scan worker: GuardDuty's verdict on the object at `key`. */
  setScan(key: string, scan: ScanStatus): Promise<void>;
}

export interface MaterialServiceOptions {
  /**
   * `guardduty`: GuardDuty Malware Protection scans the bucket (AWS); new files start `pending`
   * and are usable once `clean`. `none`: no scanner runs (the local stack); files are
   * `not-scanned` and usable once their type and size pass.
   */
  readonly scanner: 'guardduty' | 'none';
  /** The key the holder index of verified copies is HMAC'd under (the same secret as the findings' index). */
  readonly holderKey?: Uint8Array;
  /** Builds the sealed OFD of an e-licence's result, for a licence reused as a material. */
  readonly ofd?: OfdResults;
}

/** A file as lists show it: no bucket key, no holder hash; whether it can stand for its material. */
export interface MaterialFileView {
  readonly id: string;
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly size: number;
  readonly type: MaterialFileType;
  readonly sha256: string;
  readonly sm3: string;
  readonly scan: ScanStatus;
  readonly usable: boolean;
  readonly channel: UploadChannel;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
  readonly verified?: MaterialFile['verified'];
  readonly reusedFrom?: MaterialFile['reusedFrom'];
}

export interface RejectedView {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly reason: 'type' | 'size';
  readonly detail: { readonly zh: string; readonly en: string };
  readonly channel: UploadChannel;
  readonly uploadedBy: string;
  readonly at: string;
}

export interface MaterialListing {
  readonly files: MaterialFileView[];
  /** Uploads refused by their bytes: not PDF/JPEG/PNG/OFD, or over the limit; the objects are deleted. */
  readonly rejected: RejectedView[];
}

export interface UploadTicket extends PresignedUpload {
  readonly id: string;
}

export interface UploadInput {
  readonly name: string;
  readonly type: string;
  readonly size?: number;
}

export interface ReuseInput {
  readonly file?: { readonly tenant: string; readonly caseNo: string; readonly id: string };
  readonly licence?: string;
  readonly consent: { readonly method: 'signed' | 'online' | 'verbal'; readonly note?: string };
}

export interface Reusable {
  readonly files: (Omit<HolderCopy, 'verified'> & { readonly verified: HolderCopy['verified'] })[];
  readonly licences: {
    readonly id: string;
    readonly name: string;
    readonly caseNo: string;
    readonly issuer: string;
    readonly issuedAt: string;
    readonly status: string;
  }[];
}

const APPLICANT = 'applicant';
const SYSTEM = 'system:materials';

const noObjects = () =>
  new DomainError(
    'unavailable',
    '本部署未配置文件存储（S3），不能上传或下载材料',
    'this deployment has no object store (S3): files cannot be uploaded or downloaded',
  );
const wrongCode = () =>
  new DomainError('not-found', '办件编号或查询码不正确', 'wrong case number or query code');
const noFile = () => new DomainError('not-found', '没有该材料文件', 'no such material file');
const recordedElsewhere = () =>
  new DomainError('conflict', '该上传已由另一请求登记', 'another request recorded this upload');
const versionTaken = () =>
  new DomainError('conflict', '材料版本号已被占用，请重试', 'the version was taken by another file; retry');

export const fileView = (f: MaterialFile, scannerless: boolean, publicView = false): MaterialFileView => ({
  id: f.id,
  code: f.code,
  version: f.version,
  name: f.name,
  size: f.size,
  type: f.type,
  sha256: f.sha256,
  sm3: f.sm3,
  scan: f.scan,
  usable: isUsable(f.scan, scannerless),
  channel: f.channel,
  // The applicant sees where a file came from, never a staff member's id (as in the access log).
  uploadedBy: publicView ? (f.channel === 'online' ? APPLICANT : f.channel) : f.uploadedBy,
  uploadedAt: f.uploadedAt,
  ...(f.verified ? { verified: f.verified } : {}),
  ...(f.reusedFrom ? { reusedFrom: f.reusedFrom } : {}),
});

const rejectedView = (r: RejectedUpload, publicView = false): RejectedView => {
  const detail = rejectionText(r.rejection);
  return {
    id: r.id,
    name: r.name,
    size: r.size,
    reason: r.rejection.reason,
    detail,
    channel: r.channel,
    uploadedBy: publicView ? (r.channel === 'online' ? APPLICANT : r.channel) : r.uploadedBy,
    at: r.at,
  };
};

const byVersion = (a: MaterialFile, b: MaterialFile) => a.code.localeCompare(b.code) || a.version - b.version;

/** What a reused file brings from its source; the rest of the record is the new case's. */
type ReusedContent = Omit<
  StoredMaterialFile,
  'id' | 'tenant' | 'caseNo' | 'code' | 'version' | 'key' | 'channel' | 'uploadedBy' | 'uploadedAt'
>;

/** One holder whatever the case and spacing of the ID number or USCC. */
const sameHolder = (a: string, b: string) => normaliseTerm('id', a) === normaliseTerm('id', b);

/**
 * Electronic materials (issue 16): presigned uploads straight to the bucket, the files recorded
 * from their bytes (type by magic bytes, SHA-256 and SM3 by streaming), scans, downloads that
 * leave an access record, verified copies (核验件) and their reuse at the holder's next intake.
 */
export class MaterialService implements MaterialFiles {
  private readonly scannerless: boolean;
  private readonly tenancy: TenancyRepository;

  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly commands: Commands,
    private readonly objectStore: ObjectStore | undefined,
    private readonly options: MaterialServiceOptions,
  ) {
    this.scannerless = options.scanner === 'none';
    this.tenancy = new TenancyRepository(store);
  }

  /** Whether files count without a scanner's verdict (`not-scanned` is usable). */
  get withoutScanner(): boolean {
    return this.scannerless;
  }

  private get objects(): ObjectStore {
    if (!this.objectStore) throw noObjects();
    return this.objectStore;
  }

  private newId(): string {
    return randomBytes(9).toString('hex');
  }

  /** The matter's per-file limit in the case's tenant (its `materialMaxBytes`, else 20 MB). */
  private async maxBytesOf(state: StoredCase['state']): Promise<number> {
    const settings = await new CatalogueRepository(this.store).settings(state.tenant);
    return materialMaxBytes(settings.get(state.matter));
  }

  /** The keyed hash of the case's holder (ID number or USCC) in its tenant; never the number. */
  private holderMac(tenant: string, idNumber: string): string | undefined {
    if (!this.options.holderKey) return undefined;
    return createHmac('sha256', this.options.holderKey)
      .update(`${tenant}|material-holder|${normaliseTerm('id', idNumber)}`)
      .digest('base64url')
      .slice(0, 32);
  }

  /** The case a member of the public opens with its query code; a wrong code answers like a missing case. */
  private async withCode(caseNo: string, code: string): Promise<StoredCase> {
    let tenant: string;
    try {
      tenant = parseCaseNo(caseNo).tenant;
    } catch {
      throw wrongCode();
    }
    const stored = await this.cases.find(tenant, caseNo);
    if (!stored || stored.state.queryCodeHash !== queryCodeHash(caseNo, code)) throw wrongCode();
    return stored;
  }

  // ---- uploads ------------------------------------------------------------------------------

  /** A window upload (staff reaching the case): a presigned POST for one file of the material. */
  async requestUpload(
    invocation: Invocation,
    target: { readonly tenant: string; readonly caseNo: string; readonly code: string },
    input: UploadInput,
    respond: Respond<UploadTicket>,
  ) {
    const stored = await this.cases.load(invocation.principal, target.tenant, target.caseNo);
    return this.ticket(invocation, stored, target.code, input, 'window', respond);
  }

  /** An online upload by the applicant (网上申报), holding the case's query code. */
  async requestOnlineUpload(
    target: {
      readonly caseNo: string;
      readonly queryCode: string;
      readonly code: string;
      readonly now: string;
    },
    input: UploadInput,
    respond: Respond<UploadTicket>,
  ) {
    const stored = await this.withCode(target.caseNo, target.queryCode);
    // No one signed in: the audit record goes to the case's tenant under the applicant, as a rating's does.
    const invocation = this.commands.system(APPLICANT, stored.state.tenant, target.now);
    return this.ticket(invocation, stored, target.code, input, 'online', respond);
  }

  private async ticket(
    invocation: Invocation,
    stored: StoredCase,
    code: string,
    input: UploadInput,
    channel: UploadChannel,
    respond: Respond<UploadTicket>,
  ) {
    const { state } = stored;
    checkMaterialCode(state, code);
    checkUploadOpen(state, channel);
    const type = checkDeclaredType(input.type);
    const name = cleanFileName(input.name);
    const maxBytes = await this.maxBytesOf(state);
    checkDeclaredSize(input.size, maxBytes);
    const objects = this.objects;
    const id = this.newId();
    const key = materialKey(state.tenant, state.caseNo, code, id);
    const presigned = await objects.presignUpload({
      key,
      contentType: type,
      maxBytes,
      expiresInSeconds: UPLOAD_EXPIRY_SECONDS,
    });
    const upload: PendingUpload = {
      id,
      tenant: state.tenant,
      caseNo: state.caseNo,
      code,
      key,
      name,
      declaredType: type,
      maxBytes,
      expiresAt: presigned.expiresAt,
      channel,
      uploadedBy: channel === 'online' ? APPLICANT : invocation.principal.sub,
      requestedAt: invocation.now,
    };
    return invocation.commit({
      action: 'material.upload-requested',
      target: `${state.tenant}/${state.caseNo}/${code}`,
      writes: materialWrites.requestUpload(
        upload,
        new DomainError('conflict', '上传编号冲突，请重试', 'upload id collision; retry'),
      ),
      response: respond({ id, ...presigned }),
    });
  }

  // ---- recording ----------------------------------------------------------------------------

  /**
   * Records the uploads that arrived under the material's prefix and are not recorded yet: each
   * object is read once as a stream (SHA-256, SM3, and its first and last bytes for the type).
   * Bytes that are no accepted type, or over the limit, are refused: the refusal is kept (the
   * clerk and the applicant see why) and the object deleted, so nothing unusable stays in the
   * bucket. Two listings at once record each upload once (the upload's `recordedAs` is the lock).
   */
  async refresh(
    tenant: string,
    caseNo: string,
    code: string,
    now = new Date().toISOString(),
  ): Promise<MaterialFile[]> {
    const pending = (await materialUploadsOf(this.store, tenant, caseNo)).filter(
      (u) => u.code === code && u.recordedAs === undefined,
    );
    if (pending.length > 0 && this.objectStore) {
      const listed = new Map(
        (await this.objectStore.list(materialKey(tenant, caseNo, code, ''))).map((o) => [o.key, o]),
      );
      // Oldest request first, so versions follow the order the uploads were asked for.
      pending.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
      for (const upload of pending) {
        const object = listed.get(upload.key);
        if (object) await this.record(upload, object, now);
      }
    }
    return (await materialFilesOf(this.store, tenant, caseNo, code)).sort(byVersion);
  }

  private async record(
    upload: PendingUpload,
    object: { key: string; versionId?: string; size: number; lastModified: string },
    now: string,
  ): Promise<void> {
    const objects = this.objects;
    const invocation = this.commands.system(SYSTEM, upload.tenant, now);
    const target = `${upload.tenant}/${upload.caseNo}/${upload.code}`;
    // Over the limit is known from the listing: no need to read a byte of it.
    const digested =
      object.size > upload.maxBytes
        ? undefined
        : await digestStream(await objects.read(object.key, object.versionId));
    const verdict = digested
      ? judgeUpload(
          sniffMaterialType({ head: digested.head, tail: digested.tail, size: digested.size }),
          describeBytes(digested.head),
          digested.size,
          upload.maxBytes,
        )
      : judgeUpload(undefined, 'unknown', object.size, upload.maxBytes);
    if ('rejected' in verdict) {
      const rejected: RejectedUpload = {
        id: upload.id,
        tenant: upload.tenant,
        caseNo: upload.caseNo,
        code: upload.code,
        name: upload.name,
        size: digested?.size ?? object.size,
        rejection: verdict.rejected,
        channel: upload.channel,
        uploadedBy: upload.uploadedBy,
        at: object.lastModified,
      };
      try {
        await invocation.commit({
          action: 'material.rejected',
          target,
          writes: materialWrites.reject(upload, rejected, recordedElsewhere()),
          response: { status: 200, body: null },
        });
      } catch (error) {
        if (!(error instanceof DomainError && error.type === 'conflict')) throw error;
        return;
      }
      // Deleted after the refusal is kept: a crash between leaves a refused object no one can use.
      await objects.delete(object.key, object.versionId);
      return;
    }
    // GuardDuty may have tagged the object before anyone listed it.
    const tagged = this.scannerless
      ? undefined
      : scanOfGuardDutyTag((await objects.tags(object.key, object.versionId)).GuardDutyMalwareScanStatus);
    const stored = await this.cases.find(upload.tenant, upload.caseNo);
    const mac = stored ? this.holderMac(upload.tenant, stored.state.applicant.idNumber) : undefined;
    for (let attempt = 0; ; attempt++) {
      const files = await materialFilesOf(this.store, upload.tenant, upload.caseNo, upload.code);
      const file: StoredMaterialFile = {
        id: upload.id,
        tenant: upload.tenant,
        caseNo: upload.caseNo,
        code: upload.code,
        version: nextVersion(files),
        key: object.key,
        ...(object.versionId ? { objectVersion: object.versionId } : {}),
        name: upload.name,
        size: digested?.size ?? object.size,
        type: verdict.type,
        sha256: digested?.sha256 ?? '',
        sm3: digested?.sm3 ?? '',
        scan: tagged ?? initialScan(this.scannerless),
        channel: upload.channel,
        uploadedBy: upload.uploadedBy,
        uploadedAt: object.lastModified,
        ...(mac ? { holderHash: mac } : {}),
      };
      const raced = versionTaken();
      try {
        await invocation.commit({
          action: 'material.recorded',
          target,
          writes: materialWrites.record(upload, file, { recorded: recordedElsewhere(), versionTaken: raced }),
          response: { status: 200, body: null },
        });
        if (file.scan === 'infected') await this.quarantine(file);
        return;
      } catch (error) {
        // Another listing recorded this upload: done. Another file took the version: next one.
        if (error === raced && attempt < 5) continue;
        if (error instanceof DomainError && error.type === 'conflict' && error !== raced) return;
        throw error;
      }
    }
  }

  // ---- the repository the other parts read -------------------------------------------------

  async filesOfCase(tenant: string, caseNo: string): Promise<MaterialFile[]> {
    return (await materialFilesOf(this.store, tenant, caseNo)).sort(byVersion);
  }

  async file(tenant: string, caseNo: string, code: string, id: string): Promise<MaterialFile | undefined> {
    return (await materialFilesOf(this.store, tenant, caseNo, code)).find((f) => f.id === id);
  }

  /**
   * GuardDuty's verdict (the scan worker). `infected`: the object is copied to the quarantine
   * prefix (outside every tenant's) and its version deleted, so no link can reach it, and the
   * file is marked so the clerk sees it. A verdict already recorded is a repeat: nothing changes.
   */
  async setScan(key: string, scan: ScanStatus, now = new Date().toISOString()): Promise<void> {
    const parsed = parseMaterialKey(key);
    if (!parsed)
      throw new DomainError('not-found', '不是材料文件的存储键', `not a material object key: ${key}`);
    const { tenant, caseNo, code, fileId } = parsed;
    let file = (await materialFilesOf(this.store, tenant, caseNo, code)).find((f) => f.id === fileId);
    // The verdict may come before anyone listed the material: record the upload first.
    if (!file) file = (await this.refresh(tenant, caseNo, code, now)).find((f) => f.id === fileId);
    if (!file) throw noFile();
    if (file.scan === scan) return;
    if (file.scan === 'infected') return; // quarantined already: a late `clean` cannot bring it back
    const updated: StoredMaterialFile = { ...file, scan };
    await this.commands.system('system:malware-scan', tenant, now).commit({
      action: `material.scan-${scan}`,
      target: `${tenant}/${caseNo}/${code}/${fileId}`,
      writes: materialWrites.scanVerdict(updated, file.scan, versionTaken()),
      response: { status: 200, body: null },
    });
    if (scan === 'infected') await this.quarantine(updated, now);
  }

  /** Moves an infected object out of the tenant's prefix: copy to quarantine, delete the version. */
  private async quarantine(file: StoredMaterialFile, now = new Date().toISOString()): Promise<void> {
    const objects = this.objects;
    const to = quarantineKey(file.key);
    // A retry after the delete finds no object: the copy was made the first time.
    if (await objects.head(file.key, file.objectVersion)) {
      await objects.copy({
        from: { key: file.key, ...(file.objectVersion ? { versionId: file.objectVersion } : {}) },
        to,
      });
      await objects.delete(file.key, file.objectVersion);
    }
    if (file.quarantineKey) return;
    await this.commands.system('system:malware-scan', file.tenant, now).commit({
      action: 'material.quarantined',
      target: `${file.tenant}/${file.caseNo}/${file.code}/${file.id}`,
      writes: materialWrites.scanVerdict({ ...file, quarantineKey: to }, file.scan, versionTaken()),
      response: { status: 200, body: null },
    });
  }

  // ---- reads ----------------------------------------------------------------------------------

  private async listing(state: StoredCase['state'], code: string, now: string, publicView: boolean) {
    checkMaterialCode(state, code);
    const files = await this.refresh(state.tenant, state.caseNo, code, now);
    // After the refresh: it may have refused an upload just now.
    const rejected = await rejectedUploadsOf(this.store, state.tenant, state.caseNo, code);
    return {
      files: files.map((f) => fileView(f, this.scannerless, publicView)),
      rejected: rejected.sort((a, b) => a.at.localeCompare(b.at)).map((r) => rejectedView(r, publicView)),
    };
  }

  /** A material's files for staff reaching the case, recording new uploads first. */
  async list(
    principal: Principal,
    tenant: string,
    caseNo: string,
    code: string,
    now: string,
  ): Promise<MaterialListing> {
    const stored = await this.cases.load(principal, tenant, caseNo);
    return this.listing(stored.state, code, now, false);
  }

  /** The same for the applicant with the query code: where each file came from, no staff ids. */
  async listOnline(caseNo: string, queryCode: string, code: string, now: string): Promise<MaterialListing> {
    const stored = await this.withCode(caseNo, queryCode);
    return this.listing(stored.state, code, now, true);
  }

  private async fileOr404(state: StoredCase['state'], code: string, id: string): Promise<StoredMaterialFile> {
    checkMaterialCode(state, code);
    const file = (await materialFilesOf(this.store, state.tenant, state.caseNo, code)).find(
      (f) => f.id === id,
    );
    if (!file) throw noFile();
    return file;
  }

  /**
   * A short-lived link to one file for staff reaching the case; the access record is written in
   * the same call's transaction (with its audit), so the applicant's access log shows every
   * download (PIPL art. 51) and no link is handed out unrecorded.
   */
  async download(
    invocation: Invocation,
    target: { readonly tenant: string; readonly caseNo: string; readonly code: string; readonly id: string },
  ): Promise<{ url: string; record: AccessRecord }> {
    const { principal, now } = invocation;
    const stored = await this.cases.load(principal, target.tenant, target.caseNo);
    const file = await this.fileOr404(stored.state, target.code, target.id);
    checkDownloadable(file, this.scannerless);
    const url = await this.objects.presignDownload({
      key: file.key,
      ...(file.objectVersion ? { versionId: file.objectVersion } : {}),
      expiresInSeconds: DOWNLOAD_EXPIRY_SECONDS,
      fileName: file.name,
    });
    const material = stored.state.materials.find((m) => m.code === file.code)?.name ?? file.code;
    const record: AccessRecord = {
      ...accessRecordOf(
        principal,
        stored.state,
        `查看材料“${material}”第${file.version}版（${file.name}）`,
        now,
      ),
      what: 'material',
    };
    await invocation.commit({
      action: 'material.downloaded',
      target: `${file.tenant}/${file.caseNo}/${file.code}/${file.id}`,
      writes: [accessRecordWrite(record)],
      // The link is not stored: a replay under the same key would hand out an expired one.
      response: { status: 302, body: { file: file.id } },
    });
    return { url, record };
  }

  // ---- verified copies and reuse ------------------------------------------------------------

  /**
   * A clerk marks a file checked against the paper original (核验件): the watermark names the
   * clerk, the instant and the centre. Marked once; marking it again answers the file as it is.
   * The copy enters the holder's index, so the holder's next intake in the tenant is offered it.
   */
  async verify(
    invocation: Invocation,
    target: { readonly tenant: string; readonly caseNo: string; readonly code: string; readonly id: string },
    respond: Respond<MaterialFileView>,
  ) {
    const { principal, now } = invocation;
    const stored = await this.cases.load(principal, target.tenant, target.caseNo);
    const file = await this.fileOr404(stored.state, target.code, target.id);
    if (file.verified) return respond(fileView(file, this.scannerless));
    checkVerifiable(file, this.scannerless);
    const [staff, centre] = await Promise.all([
      this.tenancy.staffMember(target.tenant, principal.sub),
      this.centreName(target.tenant),
    ]);
    const by = staff?.name ?? principal.sub;
    const verified = { watermark: verifiedWatermark({ by, at: now, centre }), by, at: now };
    const mac = this.holderMac(target.tenant, stored.state.applicant.idNumber);
    const updated: StoredMaterialFile = { ...file, verified, ...(mac ? { holderHash: mac } : {}) };
    const material = stored.state.materials.find((m) => m.code === file.code);
    const copy = mac
      ? {
          mac,
          tenant: file.tenant,
          caseNo: file.caseNo,
          code: file.code,
          fileId: file.id,
          version: file.version,
          name: file.name,
          type: file.type,
          size: file.size,
          sha256: file.sha256,
          verified,
          materialName: material?.name ?? file.code,
          matterName: stored.state.matterName,
        }
      : undefined;
    return invocation.commit({
      action: 'material.verified',
      target: `${file.tenant}/${file.caseNo}/${file.code}/${file.id}`,
      writes: materialWrites.verify(
        updated,
        copy,
        new DomainError('conflict', '该文件已被核验', 'the file was verified meanwhile'),
      ),
      response: respond(fileView(updated, this.scannerless)),
    });
  }

  /** The centre a watermark names: the tenant's service centre, else the tenant. */
  private async centreName(tenant: string): Promise<string> {
    const [bodies, t] = await Promise.all([this.tenancy.bodies(tenant), this.tenancy.tenant(tenant)]);
    return bodies.find((b) => b.kind === 'service-centre')?.name ?? t?.name ?? tenant;
  }

  /**
   * What the holder of this case can reuse instead of submitting again (免提交): their verified
   * copies on the tenant's other cases (still usable) and their valid e-licences.
   */
  async reusable(principal: Principal, tenant: string, caseNo: string, code: string): Promise<Reusable> {
    const stored = await this.cases.load(principal, tenant, caseNo);
    checkMaterialCode(stored.state, code);
    const holder = stored.state.applicant.idNumber;
    const mac = this.holderMac(tenant, holder);
    const [copies, licences] = await Promise.all([
      mac ? holderCopiesOf(this.store, tenant, mac) : Promise.resolve([]),
      new LicenceRepository(this.store).byHolder(tenant, holder.trim().toUpperCase(), { limit: 50 }),
    ]);
    const others = copies.filter((c) => c.caseNo !== caseNo);
    const live = await Promise.all(
      others.map(async (c) => {
        const f = await this.file(c.tenant, c.caseNo, c.code, c.fileId);
        return f && isUsable(f.scan, this.scannerless) ? c : undefined;
      }),
    );
    return {
      files: live
        .filter((c): c is HolderCopy => c !== undefined)
        .sort((a, b) => b.verified.at.localeCompare(a.verified.at)),
      licences: licences.items
        .filter((l) => l.status === 'valid')
        .map((l) => ({
          id: l.id,
          name: l.name,
          caseNo: l.caseNo,
          issuer: l.issuer,
          issuedAt: l.issuedAt,
          status: l.status,
        })),
    };
  }

  /**
   * Reuses a verified copy or an e-licence as a file of this material, with the applicant's
   * consent recorded: the object is copied into this case's prefix (never shared between cases,
   * so each case's archive is whole), channel `reuse`, `reusedFrom` naming the source. Asking
   * again for the same source answers the file made the first time.
   */
  async reuse(
    invocation: Invocation,
    target: { readonly tenant: string; readonly caseNo: string; readonly code: string },
    input: ReuseInput,
    respond: Respond<MaterialFileView>,
  ) {
    const { principal, now } = invocation;
    const stored = await this.cases.load(principal, target.tenant, target.caseNo);
    const { state } = stored;
    checkMaterialCode(state, target.code);
    checkUploadOpen(state, 'window');
    if ((input.file === undefined) === (input.licence === undefined)) {
      throw new DomainError(
        'validation',
        '请指定一份核验件（file）或一个电子证照（licence）',
        'name one verified copy (file) or one e-licence (licence)',
        'file',
      );
    }
    const existing = await materialFilesOf(this.store, state.tenant, state.caseNo, target.code);
    const source = input.file
      ? { tenant: input.file.tenant, caseNo: input.file.caseNo, fileId: input.file.id }
      : { tenant: state.tenant, caseNo: '', fileId: `licence:${input.licence}` };
    const again = existing.find(
      (f) =>
        (input.licence !== undefined && f.reusedLicence === input.licence) ||
        (input.file !== undefined &&
          f.reusedFrom?.tenant === source.tenant &&
          f.reusedFrom.caseNo === source.caseNo &&
          f.reusedFrom.fileId === source.fileId),
    );
    if (again) return respond(fileView(again, this.scannerless));
    const id = this.newId();
    const key = materialKey(state.tenant, state.caseNo, target.code, id);
    const made = input.file
      ? await this.copyVerified(state, input.file, key)
      : await this.writeLicence(state, input.licence ?? '', key, now);
    const mac = this.holderMac(state.tenant, state.applicant.idNumber);
    const consent = {
      method: input.consent.method,
      at: now,
      recordedBy: principal.sub,
      ...(input.consent.note ? { note: input.consent.note } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const files =
        attempt === 0 ? existing : await materialFilesOf(this.store, state.tenant, state.caseNo, target.code);
      const file: StoredMaterialFile = {
        ...made,
        id,
        tenant: state.tenant,
        caseNo: state.caseNo,
        code: target.code,
        version: nextVersion(files),
        key,
        channel: 'reuse',
        uploadedBy: principal.sub,
        uploadedAt: now,
        consent,
        ...(mac ? { holderHash: mac } : {}),
      };
      const raced = versionTaken();
      try {
        return await invocation.commit({
          action: 'material.reused',
          target: `${state.tenant}/${state.caseNo}/${target.code}/${id}`,
          writes: materialWrites.add(file, raced),
          response: respond(fileView(file, this.scannerless)),
        });
      } catch (error) {
        if (error === raced && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** A verified copy of the same holder in this tenant, copied to `key`. */
  private async copyVerified(
    state: StoredCase['state'],
    from: NonNullable<ReuseInput['file']>,
    key: string,
  ): Promise<ReusedContent> {
    const notOffered = () =>
      new DomainError('not-found', '没有可复用的该核验件', 'no such verified copy to reuse', 'file');
    // The holder index is per tenant: a copy from elsewhere is none of this tenant's to offer.
    if (from.tenant !== state.tenant || from.caseNo === state.caseNo) throw notOffered();
    const source = await this.cases.find(from.tenant, from.caseNo);
    if (!source || !sameHolder(source.state.applicant.idNumber, state.applicant.idNumber)) throw notOffered();
    const found = (await materialFilesOf(this.store, from.tenant, from.caseNo)).find((f) => f.id === from.id);
    if (!found?.verified || !isUsable(found.scan, this.scannerless)) throw notOffered();
    const copied = await this.objects.copy({
      from: { key: found.key, ...(found.objectVersion ? { versionId: found.objectVersion } : {}) },
      to: key,
    });
    return {
      ...(copied.versionId ? { objectVersion: copied.versionId } : {}),
      name: found.name,
      size: found.size,
      type: found.type,
      sha256: found.sha256,
      sm3: found.sm3,
      // The same bytes: the verdict on them holds (GuardDuty tags the copy again in AWS).
      scan: found.scan,
      verified: found.verified,
      reusedFrom: { tenant: from.tenant, caseNo: from.caseNo, fileId: found.id },
    };
  }

  /** An e-licence of the same holder, valid, as its sealed OFD result written to `key`. */
  private async writeLicence(
    state: StoredCase['state'],
    licenceId: string,
    key: string,
    now: string,
  ): Promise<ReusedContent> {
    const notOffered = () =>
      new DomainError('not-found', '没有可复用的该电子证照', 'no such e-licence to reuse', 'licence');
    const licence = await new LicenceRepository(this.store).get(state.tenant, licenceId);
    if (licence?.status !== 'valid' || !sameHolder(licence.holder.idNumber, state.applicant.idNumber)) {
      throw notOffered();
    }
    if (!this.options.ofd) {
      throw new DomainError(
        'unavailable',
        '本进程不能生成电子证照的版式文件',
        'this process cannot render e-licences',
      );
    }
    const source = await this.cases.find(licence.tenant, licence.caseNo);
    if (!source) throw notOffered();
    const bytes = await this.options.ofd.of(source, now);
    const digested = await digestBytes(bytes);
    const written = await this.objects.put({ key, body: bytes, contentType: 'application/ofd' });
    return {
      ...(written.versionId ? { objectVersion: written.versionId } : {}),
      name: `${licence.name}（电子证照 ${licence.id}）.ofd`,
      size: digested.size,
      type: 'application/ofd',
      sha256: digested.sha256,
      sm3: digested.sm3,
      // Written by the platform from its own sealed result; GuardDuty still scans it in AWS.
      scan: initialScan(this.scannerless),
      reusedFrom: { tenant: licence.tenant, caseNo: licence.caseNo, fileId: `licence:${licence.id}` },
      reusedLicence: licence.id,
    };
  }
}
