import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { withStoreFaults } from './faults';

/**
 * One client per process. The SDK reads `AWS_ENDPOINT_URL_DYNAMODB`, which the local
 * stack and the tests set to point it at DynamoDB Local.
 */
export function createDynamoClient(options: { endpoint?: string } = {}): DynamoDBClient {
  return withStoreFaults(
    new DynamoDBClient({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: process.env.AWS_REGION ?? 'cn-north-1',
      maxAttempts: 3,
    }),
  );
}
