import type { CaseState } from '../cases/types';
import { isClosed } from '../cases/types';
import { DomainError, invalid } from '../errors';
import {
  DEFAULT_MATERIAL_MAX_BYTES,
  MATERIAL_FILE_TYPES,
  type MaterialFile,
  type MaterialFileType,
  type ScanStatus,
  tenantPrefix,
  type UploadChannel,
} from './types';

/**
 * The rules of a case's files (issue 16). Pure: the app reads the case, the matter's settings
 * and the object's bytes, and asks these what to do.
 */

/** The most a matter may allow per file: S3's limit for one presigned POST is 5 GB; a centre needs far less. */
export const MATERIAL_MAX_BYTES_CEILING = 1024 * 1024 * 1024;

/** How long a presigned upload link lives: long enough for 20 MB on a slow line, short enough to be useless later. */
export const UPLOAD_EXPIRY_SECONDS = 15 * 60;
/** How long a download link lives: it is opened at once by the browser that asked. */
export const DOWNLOAD_EXPIRY_SECONDS = 60;

/** The per-file limit of a matter: its own `materialMaxBytes` when set, else 20 MB. */
export const materialMaxBytes = (settings?: { readonly materialMaxBytes?: number }): number =>
  settings?.materialMaxBytes ?? DEFAULT_MATERIAL_MAX_BYTES;

export const isMaterialFileType = (type: string): type is MaterialFileType =>
  (MATERIAL_FILE_TYPES as readonly string[]).includes(type);

/** The type a client declares for its upload: one of the accepted four, or 415 naming `type`. */
export function checkDeclaredType(type: string): MaterialFileType {
  if (isMaterialFileType(type)) return type;
  throw new DomainError(
    'unsupported-media-type',
    `不接受该文件类型“${type}”：仅接受 PDF、JPEG、PNG、OFD`,
    `the file type '${type}' is not accepted: PDF, JPEG, PNG or OFD only`,
    'type',
  );
}

/** A declared size above the matter's limit is refused before any link is signed (413 naming `size`). */
export function checkDeclaredSize(size: number | undefined, maxBytes: number): void {
  if (size === undefined || size <= maxBytes) return;
  throw new DomainError(
    'payload-too-large',
    `文件大小 ${size} 字节超过本事项的上限 ${maxBytes} 字节`,
    `the file's ${size} bytes exceed this matter's limit of ${maxBytes} bytes`,
    'size',
  );
}

/** The material must be one of the case's list (the matter's materials at intake). */
export function checkMaterialCode(state: Pick<CaseState, 'materials'>, code: string): void {
  if (state.materials.some((m) => m.code === code)) return;
  throw new DomainError('not-found', `本办件没有材料“${code}”`, `the case has no material '${code}'`);
}

/**
 * Who may add a file, and when: staff at the window while the case is not closed; the applicant
 * online (网上申报) while it is neither closed nor decided, since after the decision a new file
 * changes nothing the approver read.
 */
export function checkUploadOpen(state: Pick<CaseState, 'status' | 'decision'>, channel: UploadChannel): void {
  if (isClosed(state.status)) {
    throw new DomainError('invalid-state', '办件已办结，不能再上传材料', 'the case is closed: no more files');
  }
  if (channel === 'online' && state.decision) {
    throw new DomainError(
      'invalid-state',
      '办件已作出决定，申请人不能再在线上传材料',
      'the case is decided: the applicant can no longer upload',
    );
  }
}

/** Why the bytes that arrived are refused, when they are: not an accepted type, or over the limit. */
export type UploadRejection =
  | { readonly reason: 'type'; readonly detected: string }
  | { readonly reason: 'size'; readonly size: number; readonly maxBytes: number };

/**
 * The verdict on an uploaded object: its type by its bytes when accepted. The presigned POST
 * already binds the size range, but a PUT or a store without POST policies does not, so the
 * size is checked again here; a file that fails is recorded as rejected and removed.
 */
export function judgeUpload(
  detected: MaterialFileType | undefined,
  described: string,
  size: number,
  maxBytes: number,
): { readonly type: MaterialFileType } | { readonly rejected: UploadRejection } {
  if (size > maxBytes) return { rejected: { reason: 'size', size, maxBytes } };
  if (size === 0 || !detected)
    return { rejected: { reason: 'type', detected: size === 0 ? 'empty' : described } };
  return { type: detected };
}

/** The rejection as the clerk and the applicant read it. */
export function rejectionText(r: UploadRejection): { readonly zh: string; readonly en: string } {
  return r.reason === 'size'
    ? {
        zh: `文件 ${r.size} 字节，超过上限 ${r.maxBytes} 字节，已删除`,
        en: `${r.size} bytes, over the ${r.maxBytes}-byte limit; removed`,
      }
    : {
        zh: `文件内容不是 PDF、JPEG、PNG 或 OFD（识别为 ${r.detected}），已删除`,
        en: `the bytes are not PDF, JPEG, PNG or OFD (found ${r.detected}); removed`,
      };
}

/**
 * Whether a file can stand for its material (approvers read it, it counts as provided, it can
 * be verified or reused): `clean`, or `not-scanned` where the deployment runs no scanner;
 * `pending` not yet; `infected` never.
 */
export function isUsable(scan: ScanStatus, scannerless: boolean): boolean {
  return scan === 'clean' || (scan === 'not-scanned' && scannerless);
}

/** The scan status a newly recorded file starts with. */
export const initialScan = (scannerless: boolean): ScanStatus => (scannerless ? 'not-scanned' : 'pending');

/** GuardDuty Malware Protection for S3 tags each object `GuardDutyMalwareScanStatus`; its verdict as ours. */
export function scanOfGuardDutyTag(value: string | undefined): ScanStatus | undefined {
  if (value === 'NO_THREATS_FOUND') return 'clean';
  if (value === 'THREATS_FOUND') return 'infected';
  // UNSUPPORTED, ACCESS_DENIED, FAILED: no verdict; the file stays pending and is not usable.
  return undefined;
}

/** The next version of a material: one after the highest so far (1 for the first). */
export const nextVersion = (files: readonly Pick<MaterialFile, 'version'>[]): number =>
  files.reduce((max, f) => Math.max(max, f.version), 0) + 1;

/** A Shanghai wall-clock minute (`2026-03-02 10:05`) for the printed watermark. */
function shanghaiMinute(at: string): string {
  const t = new Date(Date.parse(at) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/**
 * The verified copy's watermark (核验件, the national guide's B-level copy): 与原件核对一致,
 * who checked it, when (Shanghai time), and the centre; printed on every view of the file.
 */
export function verifiedWatermark(input: {
  readonly by: string;
  readonly at: string;
  readonly centre: string;
}): string {
  return `与原件核对一致 · ${input.by} · ${shanghaiMinute(input.at)} · ${input.centre}`;
}

/**
 * A file may be marked verified when it is usable and not yet verified; a clerk checks the
 * paper original against it, so an infected or unscanned file is refused (409).
 */
export function checkVerifiable(file: Pick<MaterialFile, 'scan' | 'verified'>, scannerless: boolean): void {
  if (!isUsable(file.scan, scannerless)) {
    throw new DomainError(
      'invalid-state',
      file.scan === 'infected' ? '文件含恶意代码，已隔离' : '文件尚未完成安全扫描',
      file.scan === 'infected' ? 'the file is infected and quarantined' : 'the file is not scanned yet',
    );
  }
}

/** A file can be downloaded when usable; an infected one is quarantined, a pending one waits for its scan. */
export function checkDownloadable(file: Pick<MaterialFile, 'scan'>, scannerless: boolean): void {
  if (isUsable(file.scan, scannerless)) return;
  throw new DomainError(
    'invalid-state',
    file.scan === 'infected' ? '文件含恶意代码，已隔离，不能下载' : '文件尚未完成安全扫描，暂不能下载',
    file.scan === 'infected'
      ? 'the file is infected and quarantined: no download'
      : 'the file is not scanned yet: no download until it is',
  );
}

/** The parts of a material object's key (`materialKey`), or undefined for any other key. */
export function parseMaterialKey(
  key: string,
): { tenant: string; caseNo: string; code: string; fileId: string } | undefined {
  const m = /^tenants\/([^/]+)\/cases\/([^/]+)\/materials\/([^/]+)\/([^/]+)$/.exec(key);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  if (!key.startsWith(tenantPrefix(m[1]))) return undefined;
  return { tenant: m[1], caseNo: m[2], code: m[3], fileId: m[4] };
}

/** A file name as it is kept and sent back (`Content-Disposition`): no path, no control characters, ≤ 200. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is dropped
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (cleaned === '') throw invalid('name', '文件名不能为空', 'the file name is empty');
  return cleaned.slice(0, 200);
}
