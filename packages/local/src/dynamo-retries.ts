import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '@onewindow/store';

type RetryStrategyV2 = Extract<
  NonNullable<DynamoDBClientConfig['retryStrategy']>,
  { refreshRetryTokenForRetry: unknown }
>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>;

const retryToken = (count: number, delay: number): RetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
});

/**
 * Retries for DynamoDB Local. On a loaded machine, while another client writes heavily, it answers
 * 500 "This action timed out because it too long waiting for a lock. This request will succeed in
 * actual DynamoDB API". The SDK's standard strategy retries a 500, but from a budget per client
 * (500, 5 a retry) that one busy stretch spends; after that every request fails on its first 500
 * (measured: 60 calls against a server answering that 500 made 95 requests in all). Here each
 * request may be retried 7 times, exponential backoff with full jitter capped at 5 s, whatever
 * other requests spent. Only against DynamoDB Local: in AWS the product keeps the SDK's standard
 * retries.
 */
export const localRetries: RetryStrategyV2 = {
  acquireInitialRetryToken: async () => retryToken(0, 0),
  refreshRetryTokenForRetry: async (token, info) => {
    const retries = token.getRetryCount() + 1;
    if (retries > 7 || (info.errorType !== 'TRANSIENT' && info.errorType !== 'THROTTLING')) {
      throw info.error ?? new Error(`not retried: ${info.errorType}`);
    }
    return retryToken(retries, Math.random() * Math.min(5_000, 100 * 2 ** retries));
  },
  recordSuccess: () => undefined,
};

/** The product's client (fault mapping, isolation guard) pointed at DynamoDB Local, with its retries. */
export const localDynamoClient = (endpoint: string): DynamoDBClient =>
  createDynamoClient({ endpoint, retryStrategy: localRetries });
