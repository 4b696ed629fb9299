import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { withStoreFaults } from './faults';
import { withIsolationGuard } from './isolation';

/**
 * One client per process. The SDK reads `AWS_ENDPOINT_URL_DYNAMODB`, which the local
 * stack and the tests set to point it at DynamoDB Local.
 */
export function createDynamoClient(
  options: {
    endpoint?: string;
    credentials?: DynamoDBClientConfig['credentials'];
    /** How faults are retried before they count as the store's (default: the SDK's standard, 3 attempts). */
    retryStrategy?: DynamoDBClientConfig['retryStrategy'];
  } = {},
): DynamoDBClient {
  // Every client carries the isolation guard: a request's scope (isolation.ts) is checked
  // before anything is sent, in AWS and in every test alike.
  return withIsolationGuard(
    withStoreFaults(
      new DynamoDBClient({
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        region: process.env.AWS_REGION ?? 'cn-north-1',
        ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : { maxAttempts: 3 }),
      }),
    ),
  );
}
