export { freePort, startDynamo, useLocalCredentials } from './dynamo';
export * from './issuer';
export { LOCAL_S3_CREDENTIALS, type LocalS3, startS3 } from './s3';
export { startLocalStack } from './stack';
export { ensureTable } from './table';
