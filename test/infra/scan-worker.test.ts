import { DomainError, materialKey, type ScanStatus } from '@onewindow/domain';
import { describe, expect, it } from 'vitest';
import {
  createScanWorker,
  parseScanResult,
  SCAN_RESULT_DETAIL_TYPE,
  ScanEventError,
  type ScanLog,
  type ScanRecorder,
} from '../../functions/scan/scan';

const BUCKET = 'onewindow-materials-test';
const KEY = materialKey('nanjing.jiangning.dongshan', 'NJ-2026-000123', 'M01', 'f0a1b2c3d4e5f6a7b8');

/** A scan result as GuardDuty publishes it on the default bus (the fields this worker reads, and some it does not). */
function scanEvent(
  status: string,
  overrides: { bucket?: string; key?: string; versionId?: string | null } = {},
) {
  return {
    version: '0',
    id: '72c7d362-737a-6dce-fc78-9e27a0171419',
    'detail-type': SCAN_RESULT_DETAIL_TYPE,
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-03-02T02:05:00Z',
    region: 'cn-north-1',
    resources: ['arn:aws-cn:guardduty:cn-north-1:111122223333:malware-protection-plan/b4c7f464ab3a4EXAMPLE'],
    detail: {
      schemaVersion: '1.0',
      scanStatus: status === 'FAILED' ? 'FAILED' : 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: {
        bucketName: overrides.bucket ?? BUCKET,
        objectKey: overrides.key ?? KEY,
        eTag: '0bbf4dbb1a7d4e6cb0ec2d6b7a9b2e0c',
        versionId: overrides.versionId === undefined ? 'v2Hm3sE9xuXb.0Jj4r7QvEXAMPLE' : overrides.versionId,
        s3Throttled: false,
      },
      scanResultDetails: {
        scanResultStatus: status,
        threats: status === 'THREATS_FOUND' ? [{ name: 'EICAR-Test-File (not a virus)' }] : null,
      },
    },
  };
}

/** A repository that records the verdicts it is given, as MaterialFiles.setScan would receive them. */
class FakeFiles implements ScanRecorder {
  readonly calls: Array<[string, ScanStatus]> = [];
  failWith?: Error;
  async setScan(key: string, scan: ScanStatus): Promise<void> {
    this.calls.push([key, scan]);
    if (this.failWith) throw this.failWith;
  }
}

function recordingLog() {
  const lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (message: string, data?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(data ? { data } : {}) });
    };
  const log: ScanLog = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

function worker(files = new FakeFiles()) {
  const { log, lines } = recordingLog();
  return { run: createScanWorker({ files, bucket: BUCKET, log }), files, lines };
}

describe('parseScanResult', () => {
  it('reads bucket, key, version and the verdict of a GuardDuty object scan result', () => {
    expect(parseScanResult(scanEvent('NO_THREATS_FOUND'))).toEqual({
      bucket: BUCKET,
      key: KEY,
      versionId: 'v2Hm3sE9xuXb.0Jj4r7QvEXAMPLE',
      result: 'NO_THREATS_FOUND',
      scan: 'clean',
    });
    expect(parseScanResult(scanEvent('THREATS_FOUND')).scan).toBe('infected');
  });

  it.each(['UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'])('gives no verdict for %s', (status) => {
    const parsed = parseScanResult(scanEvent(status, { versionId: null }));
    expect(parsed.scan).toBeUndefined();
    expect(parsed.result).toBe(status);
    expect(parsed.versionId).toBeUndefined();
  });

  it('refuses an event that is not a scan result, naming the fields', () => {
    const bad = scanEvent('NO_THREATS_FOUND') as Record<string, unknown>;
    const noKey = { ...bad, detail: { ...(bad.detail as object), s3ObjectDetails: { bucketName: BUCKET } } };
    expect(() => parseScanResult(noKey)).toThrow(ScanEventError);
    try {
      parseScanResult(noKey);
    } catch (e) {
      expect((e as ScanEventError).issues.join()).toContain('detail.s3ObjectDetails.objectKey');
    }
    expect(() => parseScanResult({ ...bad, source: 'aws.s3' })).toThrow(/source/);
    expect(() => parseScanResult({ ...bad, 'detail-type': 'GuardDuty Finding' })).toThrow(/detail-type/);
    expect(() => parseScanResult(undefined)).toThrow(ScanEventError);
  });
});

describe('the scan worker', () => {
  it('marks a clean file clean', async () => {
    const { run, files } = worker();
    expect(await run(scanEvent('NO_THREATS_FOUND'))).toEqual({
      outcome: 'recorded',
      key: KEY,
      scan: 'clean',
    });
    expect(files.calls).toEqual([[KEY, 'clean']]);
  });

  it('marks an infected file infected (the repository quarantines it) and warns', async () => {
    const { run, files, lines } = worker();
    expect(await run(scanEvent('THREATS_FOUND'))).toEqual({
      outcome: 'recorded',
      key: KEY,
      scan: 'infected',
    });
    expect(files.calls).toEqual([[KEY, 'infected']]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        data: expect.objectContaining({ key: KEY, result: 'THREATS_FOUND' }),
      }),
    );
  });

  it('passes a repeated event on again: the repository treats a recorded verdict as a repeat', async () => {
    const { run, files } = worker();
    await run(scanEvent('THREATS_FOUND'));
    await run(scanEvent('THREATS_FOUND'));
    expect(files.calls).toEqual([
      [KEY, 'infected'],
      [KEY, 'infected'],
    ]);
  });

  it.each(['UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'])(
    'leaves the file pending when the scan ended %s, and tells the operator',
    async (status) => {
      const { run, files, lines } = worker();
      expect(await run(scanEvent(status))).toEqual({ outcome: 'unscanned', key: KEY, result: status });
      expect(files.calls).toEqual([]);
      expect(lines.map((l) => l.level)).toEqual(['warn']);
    },
  );

  it('ignores another bucket, archive package objects and keys that are no case material', async () => {
    const archive =
      'tenants/nanjing.archives/archive/nanjing.jiangning.dongshan/NJ-2026-000123/manifest.json';
    const cases = [
      scanEvent('NO_THREATS_FOUND', { bucket: 'someone-else' }),
      scanEvent('NO_THREATS_FOUND', { key: archive }),
      scanEvent('NO_THREATS_FOUND', { key: 'malware-protection-resource-validation-object' }),
      scanEvent('NO_THREATS_FOUND', { key: 'tenants/nanjing.jiangning.dongshan/cases/NJ-1/materials/M01' }),
      scanEvent('THREATS_FOUND', { key: `quarantine/${KEY}` }),
    ];
    const { run, files } = worker();
    for (const event of cases) expect((await run(event)).outcome).toBe('ignored');
    expect(files.calls).toEqual([]);
  });

  it('reports an infected archive object as an error for a person, and leaves it retained', async () => {
    const { run, files, lines } = worker();
    const key =
      'tenants/nanjing.archives/archive/nanjing.jiangning.dongshan/NJ-2026-000123/materials/M01-1.pdf';
    expect((await run(scanEvent('THREATS_FOUND', { key }))).outcome).toBe('ignored');
    expect(files.calls).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        data: expect.objectContaining({ key, securityEvent: 'malware-in-archive' }),
      }),
    );
  });

  it('drops a verdict on a file that is not there (a refused upload, already removed): a retry would find nothing either', async () => {
    const files = new FakeFiles();
    files.failWith = new DomainError('not-found', '没有该材料文件', 'no such material file');
    const { run } = worker(files);
    expect(await run(scanEvent('NO_THREATS_FOUND'))).toMatchObject({ outcome: 'ignored', key: KEY });
  });

  it('throws any other failure, so Lambda retries the event and then parks it', async () => {
    const files = new FakeFiles();
    files.failWith = new Error('ProvisionedThroughputExceededException');
    const { run } = worker(files);
    await expect(run(scanEvent('NO_THREATS_FOUND'))).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    files.failWith = new DomainError('conflict', '并发修改', 'changed meanwhile');
    await expect(run(scanEvent('THREATS_FOUND'))).rejects.toBeInstanceOf(DomainError);
  });

  it('throws a malformed event', async () => {
    const { run, files } = worker();
    await expect(run({ source: 'aws.guardduty' })).rejects.toBeInstanceOf(ScanEventError);
    expect(files.calls).toEqual([]);
  });
});
