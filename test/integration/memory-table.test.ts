import { randomUUID } from 'node:crypto';
import * as ddb from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createDynamoClient } from '@onewindow/store';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useLocalCredentials } from '../../packages/local/src/dynamo';
import { TableCopier } from '../../packages/local/src/memory-table/copy';
import { answerFrom, MemoryTable } from '../../packages/local/src/memory-table/table';
import { ensureTable } from '../../packages/local/src/table';

/**
 * The in-process table `npm start` replays the demo into must answer every command as DynamoDB
 * Local does: each case below is sent to both, and the answers (items, pages, counters, failed
 * conditions and their cancellation reasons) must be the same.
 */

type Send = (name: string, input: Record<string, unknown>) => Promise<unknown>;
let real: ddb.DynamoDBClient;
let realTable: string;
let memory: MemoryTable;
let memoryClient: ddb.DynamoDBClient;

const sendVia =
  (client: ddb.DynamoDBClient): Send =>
  async (name, input) => {
    const Command = (ddb as unknown as Record<string, new (i: unknown) => ddb.GetItemCommand>)[name];
    if (!Command) throw new Error(name);
    try {
      return normalise(await client.send(new Command(input) as never));
    } catch (error) {
      const e = error as { name: string; CancellationReasons?: { Code?: string }[] };
      return { error: e.name, reasons: e.CancellationReasons?.map((r) => r.Code) };
    }
  };

/** What a caller can rely on: items as plain objects (attribute order aside), no metadata. */
function normalise(out: unknown): unknown {
  const o = out as Record<string, unknown>;
  const plain = (i: unknown) => unmarshall(i as Record<string, ddb.AttributeValue>);
  return {
    ...(o.Item ? { Item: plain(o.Item) } : {}),
    ...(o.Items ? { Items: (o.Items as unknown[]).map(plain) } : {}),
    ...(o.Count !== undefined ? { Count: o.Count, ScannedCount: o.ScannedCount } : {}),
    ...(o.LastEvaluatedKey ? { LastEvaluatedKey: plain(o.LastEvaluatedKey) } : {}),
    ...(o.Attributes ? { Attributes: plain(o.Attributes) } : {}),
    ...(o.Responses
      ? {
          Responses: Object.values(o.Responses as Record<string, unknown[]>)
            .flat()
            .map(plain)
            .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`)),
        }
      : {}),
  };
}

/** Sends to both tables (each under its own name) and returns both answers. */
async function both(name: string, input: Record<string, unknown>): Promise<[unknown, unknown]> {
  // The table's name is "@T" wherever it appears, RequestItems' keys included. (A JSON round trip
  // would lose a Uint8Array; the cases below use none.)
  const named = (table: string) =>
    JSON.parse(JSON.stringify(input).replaceAll('"@T"', JSON.stringify(table)));
  return [
    await sendVia(real)(name, named(realTable)),
    await sendVia(memoryClient)(name, named(memory.tableName)),
  ];
}

async function same(name: string, input: Record<string, unknown>): Promise<unknown> {
  const [a, b] = await both(name, input);
  expect(b, `${name} ${JSON.stringify(input).slice(0, 300)}`).toEqual(a);
  return a;
}

/** As `same`, the items compared in key order. */
async function sameSorted(name: string, input: Record<string, unknown>): Promise<void> {
  const sorted = (out: unknown) => {
    const o = out as { Items?: { pk: string; sk: string }[] };
    return {
      ...o,
      Items: [...(o.Items ?? [])].sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`)),
    };
  };
  const [a, b] = await both(name, input);
  expect(sorted(b)).toEqual(sorted(a));
}

const T = '@T';
const item = (o: Record<string, unknown>) => marshall(o, { removeUndefinedValues: true });

beforeAll(async () => {
  useLocalCredentials();
  real = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  realTable = `mem-${randomUUID()}`;
  await ensureTable(real, realTable);
  memory = new MemoryTable(`mem-${randomUUID()}`);
  memoryClient = answerFrom(createDynamoClient({ endpoint: 'http://127.0.0.1:9' }), memory);
});

describe('the in-process table answers as DynamoDB Local does', () => {
  it('puts, gets, conditional puts and projections', async () => {
    await same('PutItemCommand', {
      TableName: T,
      Item: item({ pk: 'A', sk: 'x#1', n: 1, m: { a: [1, 'b'] } }),
    });
    await same('GetItemCommand', { TableName: T, Key: item({ pk: 'A', sk: 'x#1' }) });
    await same('GetItemCommand', { TableName: T, Key: item({ pk: 'A', sk: 'nope' }) });
    await same('GetItemCommand', {
      TableName: T,
      Key: item({ pk: 'A', sk: 'x#1' }),
      ProjectionExpression: 'n',
    });
    const again = await same('PutItemCommand', {
      TableName: T,
      Item: item({ pk: 'A', sk: 'x#1', n: 2 }),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(again).toEqual({ error: 'ConditionalCheckFailedException', reasons: undefined });
    await same('PutItemCommand', {
      TableName: T,
      Item: item({ pk: 'A', sk: 'x#1', n: 3 }),
      ConditionExpression: '#n = :one',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: item({ ':one': 1 }),
    });
    expect(await same('GetItemCommand', { TableName: T, Key: item({ pk: 'A', sk: 'x#1' }) })).toMatchObject({
      Item: { n: 3 },
    });
  });

  it('counters, nested sets and conditions on status', async () => {
    const counter = {
      TableName: T,
      Key: item({ pk: 'C', sk: 'SEQ' }),
      UpdateExpression: 'SET #entity = :entity ADD #seq :count',
      ExpressionAttributeNames: { '#entity': 'entity', '#seq': 'seq' },
      ExpressionAttributeValues: item({ ':entity': 'case-sequence', ':count': 2 }),
      ReturnValues: 'UPDATED_NEW',
    };
    expect(await same('UpdateItemCommand', counter)).toEqual({
      Attributes: { entity: 'case-sequence', seq: 2 },
    });
    expect(await same('UpdateItemCommand', counter)).toMatchObject({ Attributes: { seq: 4 } });
    await same('PutItemCommand', {
      TableName: T,
      Item: item({ pk: 'C', sk: 'ROLLOUT', status: 'scheduled', progress: { done: 0, of: 3 } }),
    });
    const progress = (s: string) => ({
      TableName: T,
      Key: item({ pk: 'C', sk: 'ROLLOUT' }),
      UpdateExpression: 'SET progress.done = :done, #c = :done, #s = :s',
      ConditionExpression: '#s IN (:scheduled, :applying)',
      ExpressionAttributeNames: { '#c': 'cursor', '#s': 'status' },
      ExpressionAttributeValues: item({
        ':done': 3,
        ':s': s,
        ':scheduled': 'scheduled',
        ':applying': 'applying',
      }),
      ReturnValues: 'ALL_NEW',
    });
    await same('UpdateItemCommand', progress('applied'));
    expect(await same('UpdateItemCommand', progress('applying'))).toMatchObject({
      error: 'ConditionalCheckFailedException',
    });
    await same('UpdateItemCommand', {
      TableName: T,
      Key: item({ pk: 'C', sk: 'ROLLOUT' }),
      UpdateExpression:
        'SET tries = if_not_exists(tries, :zero) + :one, #l = list_append(if_not_exists(#l, :empty), :e) REMOVE #c',
      ExpressionAttributeNames: { '#c': 'cursor', '#l': 'log' },
      ExpressionAttributeValues: item({ ':zero': 0, ':one': 1, ':empty': [], ':e': ['x'] }),
      ReturnValues: 'ALL_NEW',
    });
    // A reserved word must be an alias.
    expect(
      await same('UpdateItemCommand', {
        TableName: T,
        Key: item({ pk: 'C', sk: 'ROLLOUT' }),
        UpdateExpression: 'SET log = :v',
        ExpressionAttributeValues: item({ ':v': 1 }),
      }),
    ).toMatchObject({ error: 'ValidationException' });
    await same('UpdateItemCommand', {
      TableName: T,
      Key: item({ pk: 'C', sk: 'ROLLOUT' }),
      UpdateExpression: 'SET missing.deeper = :v',
      ExpressionAttributeValues: item({ ':v': 1 }),
    });
  });

  it('queries: prefixes, ranges, order, pages, filters and index projections', async () => {
    for (let i = 0; i < 12; i++)
      await same('PutItemCommand', {
        TableName: T,
        Item: item({
          pk: 'Q',
          sk: `K#${String(i).padStart(2, '0')}`,
          status: i % 3 ? 'open' : 'closed',
          big: 'x'.repeat(50),
          gsi1pk: 'G',
          gsi1sk: `S#${i % 4}#${String(i).padStart(2, '0')}`,
          entity: 'row',
        }),
      });
    await same('PutItemCommand', { TableName: T, Item: item({ pk: 'Q', sk: 'L#1' }) });
    const v = (o: Record<string, unknown>) => item(o);
    await same('QueryCommand', {
      TableName: T,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: v({ ':pk': 'Q', ':p': 'K#' }),
    });
    await same('QueryCommand', {
      TableName: T,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: v({ ':pk': 'Q', ':lo': 'K#03', ':hi': 'K#07' }),
      ScanIndexForward: false,
    });
    await same('QueryCommand', {
      TableName: T,
      KeyConditionExpression: 'pk = :pk AND sk <= :now',
      ExpressionAttributeValues: v({ ':pk': 'Q', ':now': 'K#05~' }),
    });
    // Pages: Limit counts items read before the filter; each page resumes after the last key.
    for (const forward of [true, false]) {
      let start: unknown;
      let pages = 0;
      do {
        const page = (await same('QueryCommand', {
          TableName: T,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          FilterExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: v({ ':pk': 'Q', ':p': 'K#', ':s': 'open' }),
          ProjectionExpression: 'sk, #s',
          Limit: 5,
          ScanIndexForward: forward,
          ...(start ? { ExclusiveStartKey: marshall(start as Record<string, unknown>) } : {}),
        })) as { LastEvaluatedKey?: unknown };
        start = page.LastEvaluatedKey;
        pages++;
      } while (start && pages < 10);
    }
    // The index holds only its keys, the table's keys and the attributes it includes.
    await same('QueryCommand', {
      TableName: T,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :p AND :q',
      ExpressionAttributeValues: v({ ':pk': 'G', ':p': 'S#1', ':q': 'S#2~' }),
    });
    await same('QueryCommand', {
      TableName: T,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: v({ ':pk': 'G' }),
      Limit: 4,
      ScanIndexForward: false,
    });
  });

  it('index items that share a sort key: all of them, in no particular order (as on DynamoDB)', async () => {
    for (const sk of ['t1', 't2', 't3'])
      await same('PutItemCommand', {
        TableName: T,
        Item: item({ pk: 'TIE', sk, gsi2pk: 'H', gsi2sk: 'same' }),
      });
    await sameSorted('QueryCommand', {
      TableName: T,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: item({ ':pk': 'H' }),
    });
  });

  it('orders keys by their UTF-8 bytes, as DynamoDB does', async () => {
    for (const sk of ['a', 'b', 'é', '中', '😀', '\uffff', 'Z', '~'])
      await same('PutItemCommand', { TableName: T, Item: item({ pk: 'U', sk }) });
    await same('QueryCommand', {
      TableName: T,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: item({ ':pk': 'U' }),
    });
  });

  it('transactions: all or nothing, with a reason per item', async () => {
    await same('PutItemCommand', { TableName: T, Item: item({ pk: 'X', sk: 'exists', v: 1 }) });
    const ok = await same('TransactWriteItemsCommand', {
      TransactItems: [
        {
          Put: {
            TableName: T,
            Item: item({ pk: 'X', sk: 'new' }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: T,
            Key: item({ pk: 'X', sk: 'count' }),
            UpdateExpression: 'SET #entity = :e ADD #a0 :a0',
            ExpressionAttributeNames: { '#entity': 'entity', '#a0': 'n' },
            ExpressionAttributeValues: item({ ':e': 'stats', ':a0': 5 }),
          },
        },
        {
          ConditionCheck: {
            TableName: T,
            Key: item({ pk: 'X', sk: 'exists' }),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        { Delete: { TableName: T, Key: item({ pk: 'X', sk: 'gone' }) } },
      ],
    });
    expect(ok).toEqual({});
    const failed = await same('TransactWriteItemsCommand', {
      TransactItems: [
        { Put: { TableName: T, Item: item({ pk: 'X', sk: 'other', v: 9 }) } },
        {
          Put: {
            TableName: T,
            Item: item({ pk: 'X', sk: 'new' }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: T,
            Key: item({ pk: 'X', sk: 'absent' }),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
    });
    expect(failed).toEqual({
      error: 'TransactionCanceledException',
      reasons: ['None', 'ConditionalCheckFailed', 'ConditionalCheckFailed'],
    });
    await same('GetItemCommand', { TableName: T, Key: item({ pk: 'X', sk: 'other' }) });
    expect(
      await same('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: T, Item: item({ pk: 'X', sk: 'twice' }) } },
          { Delete: { TableName: T, Key: item({ pk: 'X', sk: 'twice' }) } },
        ],
      }),
    ).toMatchObject({ error: 'ValidationException' });
  });

  it('batches and the item size limit', async () => {
    const puts = Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: item({ pk: 'B', sk: `b${i}` }) },
    }));
    await same('BatchWriteItemCommand', { RequestItems: { [T]: puts } });
    await same('BatchGetItemCommand', {
      RequestItems: {
        [T]: {
          Keys: [item({ pk: 'B', sk: 'b3' }), item({ pk: 'B', sk: 'b24' }), item({ pk: 'B', sk: 'none' })],
        },
      },
    });
    expect(
      await same('PutItemCommand', {
        TableName: T,
        Item: item({ pk: 'B', sk: 'huge', d: 'x'.repeat(410 * 1024) }),
      }),
    ).toMatchObject({ error: 'ValidationException' });
  });

  it('any sequence of writes, conditions and queries (generated)', async () => {
    const key = fc.record({
      pk: fc.constantFrom('P1', 'P2'),
      sk: fc.constantFrom('a', 'a#1', 'a#2', 'b', 'é', '中'),
    });
    const value = fc.integer({ min: 0, max: 3 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put'), key, v: value, ifNew: fc.boolean() }),
      fc.record({ kind: fc.constant('add'), key, v: value, ifV: fc.option(value, { nil: undefined }) }),
      fc.record({ kind: fc.constant('delete'), key, ifV: fc.option(value, { nil: undefined }) }),
      fc.record({
        kind: fc.constant('tx'),
        keys: fc.uniqueArray(key, { minLength: 1, maxLength: 3, selector: (k) => `${k.pk}|${k.sk}` }),
        v: value,
      }),
      fc.record({
        kind: fc.constant('query'),
        pk: fc.constantFrom('P1', 'P2'),
        prefix: fc.constantFrom('a', 'a#', 'b', ''),
        limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        forward: fc.boolean(),
        min: fc.option(value, { nil: undefined }),
      }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run++;
        const pk = (p: string) => `R${run}${p}`;
        const k = (x: { pk: string; sk: string }) => item({ pk: pk(x.pk), sk: x.sk });
        const ifV = (v: number | undefined) =>
          v === undefined
            ? {}
            : { ConditionExpression: 'v = :c', ExpressionAttributeValues: item({ ':c': v }) };
        for (const o of ops) {
          if (o.kind === 'put')
            await same('PutItemCommand', {
              TableName: T,
              Item: item({ pk: pk(o.key.pk), sk: o.key.sk, v: o.v }),
              ...(o.ifNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            });
          else if (o.kind === 'add')
            await same('UpdateItemCommand', {
              TableName: T,
              Key: k(o.key),
              UpdateExpression: 'ADD v :n',
              ExpressionAttributeValues: item({ ':n': o.v, ...(o.ifV === undefined ? {} : { ':c': o.ifV }) }),
              ...(o.ifV === undefined ? {} : { ConditionExpression: 'v = :c' }),
              ReturnValues: 'ALL_NEW',
            });
          else if (o.kind === 'delete')
            await same('DeleteItemCommand', {
              TableName: T,
              Key: k(o.key),
              ...ifV(o.ifV),
              ReturnValues: 'ALL_OLD',
            });
          else if (o.kind === 'tx')
            await same('TransactWriteItemsCommand', {
              TransactItems: o.keys.map((x, i) =>
                i === 0
                  ? {
                      ConditionCheck: {
                        TableName: T,
                        Key: k(x),
                        ConditionExpression: 'attribute_exists(pk)',
                      },
                    }
                  : { Put: { TableName: T, Item: item({ pk: pk(x.pk), sk: x.sk, v: o.v }) } },
              ),
            });
          else
            await same('QueryCommand', {
              TableName: T,
              KeyConditionExpression: o.prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
              ExpressionAttributeValues: item({
                ':pk': pk(o.pk),
                ...(o.prefix ? { ':p': o.prefix } : {}),
                ...(o.min === undefined ? {} : { ':m': o.min }),
              }),
              ...(o.min === undefined ? {} : { FilterExpression: 'v >= :m' }),
              ...(o.limit ? { Limit: o.limit } : {}),
              ScanIndexForward: o.forward,
            });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('copying the in-process table into DynamoDB Local', () => {
  it('lands every item as it is last, deletions included, however the writes interleave with the copy', async () => {
    const source = new MemoryTable('copy-source');
    const client = answerFrom(createDynamoClient({ endpoint: 'http://127.0.0.1:9' }), source);
    const target = `copy-${randomUUID()}`;
    await ensureTable(real, target);
    const copier = new TableCopier(source, real, target, { idleMs: 1 });
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 60; i++)
        await client.send(
          new ddb.UpdateItemCommand({
            TableName: 'copy-source',
            Key: item({ pk: `P${i % 3}`, sk: `I#${i}` }),
            UpdateExpression: 'ADD n :one SET gsi1pk = :g, gsi1sk = :s',
            ExpressionAttributeValues: item({ ':one': 1, ':g': 'G', ':s': `S#${i}` }),
          }),
        );
      await new Promise((ok) => setTimeout(ok, 5));
    }
    await client.send(
      new ddb.DeleteItemCommand({ TableName: 'copy-source', Key: item({ pk: 'P0', sk: 'I#0' }) }),
    );
    await copier.finish();
    expect(copier.written).toBeGreaterThanOrEqual(60);
    for (const pkValue of ['P0', 'P1', 'P2']) {
      const out = await real.send(
        new ddb.QueryCommand({
          TableName: target,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: item({ ':pk': pkValue }),
        }),
      );
      const items = (out.Items ?? []).map((i) => unmarshall(i));
      expect(items.length).toBe(pkValue === 'P0' ? 19 : 20);
      for (const i of items) expect(i.n).toBe(4);
    }
  });
});

describe('serving from the in-process table while it is copied', () => {
  it('answers from it until the copy has drained, writes made meanwhile included, then from DynamoDB Local', async () => {
    const target = `served-${randomUUID()}`;
    const source = new MemoryTable(target);
    await ensureTable(real, target);
    const copier = new TableCopier(source, real, target, { idleMs: 1 });
    // The demo loader's client, and the app's: the same table name in both, as in `npm start`.
    const loader = answerFrom(createDynamoClient({ endpoint: 'http://127.0.0.1:9' }), source);
    const served = answerFrom(
      createDynamoClient({ endpoint: inject('dynamoEndpoint') }),
      source,
      () => !copier.drained,
    );
    const key = (i: number) => item({ pk: 'S', sk: `I#${i}` });
    const increment = () =>
      served.send(
        new ddb.UpdateItemCommand({
          TableName: target,
          Key: key(79),
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: item({ ':one': 1 }),
        }),
      );
    for (let i = 0; i < 80; i++)
      await loader.send(
        new ddb.PutItemCommand({ TableName: target, Item: item({ pk: 'S', sk: `I#${i}`, n: 0 }) }),
      );
    // A write through the app while the copy runs is answered in process and copied after.
    await increment();
    expect(copier.drained).toBe(false);
    await copier.finish();
    expect(copier.drained).toBe(true);
    const inDynamo = await real.send(new ddb.GetItemCommand({ TableName: target, Key: key(79) }));
    expect(unmarshall(inDynamo.Item ?? {}).n).toBe(1);

    // From now on the app's commands reach DynamoDB Local and leave the in-process table as it was.
    await increment();
    const inProcess = await loader.send(new ddb.GetItemCommand({ TableName: target, Key: key(79) }));
    expect(unmarshall(inProcess.Item ?? {}).n).toBe(1);
    const now = await served.send(new ddb.GetItemCommand({ TableName: target, Key: key(79) }));
    expect(unmarshall(now.Item ?? {}).n).toBe(2);
    // Conditions are checked against what was copied.
    await expect(
      served.send(
        new ddb.PutItemCommand({
          TableName: target,
          Item: item({ pk: 'S', sk: 'I#3', n: 9 }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toThrow(ddb.ConditionalCheckFailedException);
    expect(source.pendingChanges).toBe(0);
  });
});
