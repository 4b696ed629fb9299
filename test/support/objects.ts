import { randomUUID } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { inject } from 'vitest';

/** The embedded S3 the integration run shares (global-setup.ts), and a client signed for it. */
export function testS3() {
  const s3 = inject('s3');
  const client = createS3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials });
  return { ...s3, client };
}

/**
 * An `S3ObjectStore` over a bucket of the test file's own in the shared embedded S3. Keys alone
 * could not keep files apart: every file's table numbers its cases from 00001, so two files that
 * archive a Dongshan case on the same day write the same archive prefix. `prefix` is for tests
 * that want their keys apart within the bucket too.
 */
export async function testObjectStore(): Promise<
  { objects: S3ObjectStore; prefix: string } & ReturnType<typeof testS3>
> {
  const s3 = testS3();
  const bucket = `test-${randomUUID()}`;
  await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return { ...s3, bucket, objects: new S3ObjectStore(s3.client, bucket), prefix: `test-${randomUUID()}/` };
}
