import { createServer, type Server } from 'node:http';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCredentials } from '../../packages/local/src/dynamo';
import { localDynamoClient } from '../../packages/local/src/dynamo-retries';
import { createDynamoClient } from '../../packages/store/src';

/**
 * DynamoDB Local's lock timeout, as it answers it: a server that fails each request's first two
 * attempts with that 500, then serves it. 60 requests need 120 retries, more than the SDK's
 * per-client budget (100); the local stack's and the tests' client serves every one.
 */
let server: Server;
let endpoint: string;
beforeAll(async () => {
  useLocalCredentials();
  const attempts = new Map<string, number>();
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['amz-sdk-invocation-id']);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      res.writeHead(n <= 2 ? 500 : 200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        n <= 2
          ? JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
              message:
                'This action timed out because it too long waiting for a lock. This request will succeed in actual DynamoDB API',
            })
          : '{}',
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const sixtyGets = (client: ReturnType<typeof createDynamoClient>) =>
  Promise.allSettled(
    Array.from({ length: 60 }, () =>
      client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'b' } } })),
    ),
  );

describe('retries against DynamoDB Local', () => {
  it('serves every request through lock timeouts, past the SDK’s retry budget', async () => {
    const results = await sixtyGets(localDynamoClient(endpoint));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });

  it('(why: the SDK’s standard retries give up once one client has spent its budget)', async () => {
    const results = await sixtyGets(createDynamoClient({ endpoint }));
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(60);
  });
});
