import {
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueService, Commands } from '../../packages/app/src';
import { DomainError, type MatterDefinition } from '../../packages/domain/src';
import { Store } from '../../packages/store/src';
import { matter } from '../support/authority';

const client = new DynamoDBClient({
  region: 'cn-north-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const mock = mockClient(client);
afterEach(() => mock.reset());

const definitions = (n: number): MatterDefinition[] =>
  Array.from({ length: n }, (_, i) => ({ code: `m${i}`, ...matter(`m${i}`) }));

function importAll(n: number) {
  const store = new Store(client, 't');
  const invocation = new Commands(store).invocation({
    principal: { sub: 'city-admin', roles: ['city-admin'], city: 'nanjing' },
    scope: { kind: 'city', city: 'nanjing' },
    now: '2026-03-02T00:00:00.000Z',
  });
  return new CatalogueService(store).import(
    invocation,
    'nanjing',
    { rows: n, definitions: definitions(n) },
    { dryRun: false },
  );
}

describe('catalogue import in batches', () => {
  it('writes 90 new matters in three transactions of at most 40, each matter with its audit record', async () => {
    mock.on(QueryCommand).resolves({ Items: [] });
    mock.on(TransactWriteItemsCommand).resolves({});
    expect(await importAll(90)).toEqual({ rows: 90, created: 90, updated: 0, unchanged: 0 });
    const sizes = mock
      .commandCalls(TransactWriteItemsCommand)
      .map((c) => c.args[0].input.TransactItems?.length);
    expect(sizes.sort()).toEqual([20, 80, 80]);
  });

  it.each([
    // The batch meets a matter created meanwhile; alone, each matter goes through.
    [
      'a concurrent edit got in the way of',
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed' },
          { Code: 'None' },
        ],
      }),
    ],
    // What the store's fault middleware makes of a server error after the SDK's retries.
    ['the store could not take now', new DomainError('unavailable', '数据服务暂时不可用', 'unavailable')],
  ])('writes a batch %s again, matter by matter', async (_why, failure) => {
    mock.on(QueryCommand).resolves({ Items: [] });
    mock.on(GetItemCommand).resolves({});
    mock.on(TransactWriteItemsCommand).rejectsOnce(failure).resolves({});
    expect(await importAll(3)).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const sizes = mock
      .commandCalls(TransactWriteItemsCommand)
      .map((c) => c.args[0].input.TransactItems?.length);
    expect(sizes).toEqual([6, 2, 2, 2]);
  });

  it('answers unavailable when single matters cannot be saved either', async () => {
    mock.on(QueryCommand).resolves({ Items: [] });
    mock.on(GetItemCommand).resolves({});
    mock
      .on(TransactWriteItemsCommand)
      .rejects(new DomainError('unavailable', '数据服务暂时不可用', 'unavailable'));
    await expect(importAll(3)).rejects.toMatchObject({ type: 'unavailable' });
  });
});
