export { freePort, startDynamo, useLocalCredentials } from './dynamo';
export * from './issuer';
export { startLocalStack } from './stack';
export { ensureTable } from './table';
