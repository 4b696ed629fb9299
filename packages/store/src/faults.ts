import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '@onewindow/domain';

/** Names DynamoDB gives a request it cannot serve now: throttling and its own faults. */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

/** Node's codes for a connection that could not be made or was lost. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

interface SdkFault {
  readonly name?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Whether an error of a DynamoDB request means the table could not be reached or served us, not that we asked wrongly. */
export function isStoreUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as SdkFault;
  if (e.name && UNAVAILABLE.has(e.name)) return true;
  if (e.code && NETWORK.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  // A service exception the SDK marks as the server's fault (HTTP 5xx) after its own retries.
  return e.$fault === 'server' && (e.$metadata?.httpStatusCode ?? 500) >= 500;
}

const unavailable = (cause: unknown) =>
  new DomainError(
    'unavailable',
    '数据服务暂时不可用，请稍后重试',
    'the data store is unavailable for a moment; retry later',
    {
      cause,
    },
  );

/**
 * Turns a store that cannot answer (down, unreachable, throttling after the SDK's own
 * retries) into the one error type, `unavailable`, which the HTTP edge answers as 503 with
 * Retry-After. Outermost in the client's stack, so the SDK has retried before it judges.
 */
export function withStoreFaults(client: DynamoDBClient): DynamoDBClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw isStoreUnavailable(error) ? unavailable(error) : error;
      }
    },
    { step: 'initialize', name: 'onewindowStoreFaults', priority: 'high' },
  );
  return client;
}
