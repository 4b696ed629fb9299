import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * One client per process. The SDK reads `AWS_ENDPOINT_URL_DYNAMODB`, which the local
 * stack and the tests set to point it at DynamoDB Local.
 */
export function createDynamoClient(options: { endpoint?: string } = {}): DynamoDBClient {
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    region: process.env.AWS_REGION ?? 'cn-north-1',
    maxAttempts: 3,
  });
}
