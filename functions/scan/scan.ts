import { DomainError, parseMaterialKey, type ScanStatus, scanOfGuardDutyTag } from '@onewindow/domain';
import * as z from 'zod/mini';

/**
 * The scan worker (issue 16): GuardDuty Malware Protection for S3 scans every object written under
 * `tenants/`, tags it `GuardDutyMalwareScanStatus` and publishes one "Object Scan Result" event on
 * the default bus; an EventBridge rule (infra/constructs/materials-scan.ts) sends it here. The
 * verdict goes to the materials repository (`MaterialFiles.setScan`), which marks the file and
 * moves an infected one to `quarantine/`. Locally no scan runs (README: the malware scan is AWS-only).
 */

export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';

/** The part of the event this worker reads; GuardDuty adds fields freely, so others pass. */
export const scanResultEvent = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal(SCAN_RESULT_DETAIL_TYPE),
  detail: z.object({
    /** COMPLETED, SKIPPED or FAILED. */
    scanStatus: z.optional(z.string()),
    s3ObjectDetails: z.object({
      bucketName: z.string().check(z.minLength(1)),
      objectKey: z.string().check(z.minLength(1)),
      versionId: z.optional(z.nullable(z.string())),
    }),
    scanResultDetails: z.object({
      /** NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED or FAILED. */
      scanResultStatus: z.string().check(z.minLength(1)),
    }),
  }),
});

/** A malformed event: retried in vain, then parked in the failed-scans queue for a person. */
export class ScanEventError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`not a GuardDuty object scan result: ${issues.join('; ')}`);
  }
}

/** The scanned object, as the event names it. */
export interface ScannedObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** GuardDuty's scanResultStatus, kept for the log. */
  readonly result: string;
  /** The verdict; undefined when the scan did not finish (UNSUPPORTED, ACCESS_DENIED, FAILED). */
  readonly scan?: ScanStatus;
}

export function parseScanResult(event: unknown): ScannedObject {
  const parsed = scanResultEvent.safeParse(event);
  if (!parsed.success)
    throw new ScanEventError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`),
    );
  const { s3ObjectDetails: object, scanResultDetails } = parsed.data.detail;
  const result = scanResultDetails.scanResultStatus;
  // The same reading as the tag GuardDuty writes (domain: scanOfGuardDutyTag), so both agree.
  const scan = scanOfGuardDutyTag(result);
  return {
    bucket: object.bucketName,
    key: object.objectKey,
    ...(object.versionId ? { versionId: object.versionId } : {}),
    result,
    ...(scan ? { scan } : {}),
  };
}

/**
 * Where the verdict is recorded: `MaterialFiles.setScan` of the materials service
 * (packages/app/src/materials/service.ts), which finds the file by its object key (recording the
 * upload first if nobody listed it yet), marks it, and quarantines an infected one. Only this
 * method is needed here, so a test passes a fake.
 */
export interface ScanRecorder {
  setScan(key: string, scan: ScanStatus): Promise<void>;
}

export interface ScanLog {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface ScanWorkerDeps {
  readonly files: ScanRecorder;
  /** The materials bucket: events of any other bucket are not ours. */
  readonly bucket: string;
  readonly log: ScanLog;
}

/** What the worker did with one event (returned for tests and the log). */
export type ScanOutcome =
  | { readonly outcome: 'recorded'; readonly key: string; readonly scan: ScanStatus }
  | { readonly outcome: 'unscanned'; readonly key: string; readonly result: string }
  | { readonly outcome: 'ignored'; readonly key: string; readonly reason: string };

/** An archive package's object (archivePrefix): a copy of files already scanned, kept under Object Lock. */
const ARCHIVE_KEY = /^tenants\/[^/]+\/archive\//;

/**
 * One scan result. Clean: the file becomes usable. Infected: the file is marked (unusable at once,
 * the clerk sees it) and moved to `quarantine/` by the repository. Every step may run again:
 * EventBridge delivers at least once and Lambda retries a failed event; the repository treats a
 * verdict already recorded as a repeat. A scan that did not finish leaves the file `pending`
 * (unusable) and is logged for the operator. An error other than "no such file" is thrown, so
 * Lambda retries it and then parks the event in the failed-scans queue.
 */
export function createScanWorker(deps: ScanWorkerDeps) {
  return async (event: unknown): Promise<ScanOutcome> => {
    const object = parseScanResult(event);
    const { key } = object;
    const where = { bucket: object.bucket, key, versionId: object.versionId, result: object.result };
    if (object.bucket !== deps.bucket) return ignored(deps, key, 'another bucket', where);
    if (ARCHIVE_KEY.test(key)) {
      // Archive packages are copies of files scanned clean before; one found infected now is for a person.
      if (object.scan === 'infected')
        deps.log.error('Archive object found infected; it is retained, not moved', {
          ...where,
          securityEvent: 'malware-in-archive',
        });
      return ignored(deps, key, 'an archive package object', where);
    }
    if (!parseMaterialKey(key)) return ignored(deps, key, 'not a case material', where);
    if (!object.scan) {
      deps.log.warn('Malware scan did not finish; the file stays pending', where);
      return { outcome: 'unscanned', key, result: object.result };
    }
    try {
      await deps.files.setScan(key, object.scan);
    } catch (error) {
      // The upload was refused and removed, or never asked for: nothing to mark, and a retry finds nothing either.
      if (error instanceof DomainError && error.type === 'not-found')
        return ignored(deps, key, 'no such material file', { ...where, error: error.en });
      throw error;
    }
    if (object.scan === 'infected') deps.log.warn('Infected material quarantined', where);
    else deps.log.info('Material scanned', { ...where, scan: object.scan });
    return { outcome: 'recorded', key, scan: object.scan };
  };
}

function ignored(
  deps: ScanWorkerDeps,
  key: string,
  reason: string,
  where: Record<string, unknown>,
): ScanOutcome {
  deps.log.info(`Scan result ignored: ${reason}`, where);
  return { outcome: 'ignored', key, reason };
}
