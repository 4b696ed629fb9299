import { randomUUID } from 'node:crypto';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { inject } from 'vitest';

/** The embedded S3 the integration run shares (global-setup.ts), and a client signed for it. */
export function testS3() {
  const s3 = inject('s3');
  const client = createS3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials });
  return { ...s3, client };
}

/**
 * An `S3ObjectStore` over the shared embedded S3, with a prefix of the test's own: tests share the
 * bucket (as tenants do), never each other's keys.
 */
export function testObjectStore(): { objects: S3ObjectStore; prefix: string } & ReturnType<typeof testS3> {
  const s3 = testS3();
  return { ...s3, objects: new S3ObjectStore(s3.client, s3.bucket), prefix: `test-${randomUUID()}/` };
}
