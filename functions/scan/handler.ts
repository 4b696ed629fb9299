import { Logger } from '@aws-lambda-powertools/logger';
import { CaseService, Commands, MaterialService } from '@onewindow/app';
import { createDynamoClient, Store } from '@onewindow/store';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { requireEnv } from '../shared/config';
import { createScanWorker, type ScanOutcome } from './scan';

export { createScanWorker, parseScanResult, ScanEventError, type ScanRecorder } from './scan';

const logger = new Logger({ serviceName: 'onewindow-scan' });
let live: ((event: unknown) => Promise<ScanOutcome>) | undefined;

/**
 * The GuardDuty scan-result worker in AWS: the materials service over the table and the bucket, on
 * this function's own role (it serves every tenant's files, like the stream worker). `guardduty`:
 * a verdict is what makes a file usable.
 */
export const handler = (event: unknown): Promise<ScanOutcome> => {
  if (!live) {
    const store = new Store(createDynamoClient(), requireEnv('TABLE_NAME'));
    const objects = new S3ObjectStore(createS3Client(), requireEnv('MATERIALS_BUCKET'));
    const files = new MaterialService(store, new CaseService(store), new Commands(store), objects, {
      scanner: 'guardduty',
    });
    live = createScanWorker({
      files,
      bucket: requireEnv('MATERIALS_BUCKET'),
      log: {
        info: (message, data = {}) => logger.info(message, data),
        warn: (message, data = {}) => logger.warn(message, data),
        error: (message, data = {}) => logger.error(message, data),
      },
    });
  }
  return live(event);
};
