import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startDynamo } from '../../packages/local/src/dynamo';
import { type LocalS3, startS3 } from '../../packages/local/src/s3';

let dynamo: LocalDynamo | undefined;
let s3: LocalS3 | undefined;

/**
 * One DynamoDB Local for the whole run; every test file makes its own table in it. One embedded S3
 * beside it (in a temporary folder): every test file works under its own key prefix (support/objects.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  [dynamo, s3] = await Promise.all([startDynamo(), startS3()]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3', {
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    credentials: s3.credentials,
  });
}

export async function teardown(): Promise<void> {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3: {
      endpoint: string;
      bucket: string;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string };
    };
  }
}
