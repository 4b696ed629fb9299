import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../packages/domain/src';
import {
  caseKeys,
  type IsolationRefusal,
  type IsolationScope,
  keys,
  runIsolated,
  withIsolationGuard,
} from '../../packages/store/src';

/**
 * The guard is a middleware, and aws-sdk-client-mock replaces `send` itself (the stack never
 * runs), so the wire is stood in for by the last middleware before signing: what reaches it
 * is what would have left the process.
 */
const sent: string[] = [];
const client = withIsolationGuard(
  new DynamoDBClient({
    region: 'cn-north-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  }),
);
client.middlewareStack.add(
  (_next, context) => async () => {
    sent.push(context.commandName ?? '?');
    return { output: { $metadata: {} }, response: {} };
  },
  { step: 'build', name: 'wire', priority: 'low' },
);
beforeEach(() => {
  sent.length = 0;
  refusals.length = 0;
});

/** Any DynamoDB command: `send`'s overloads would narrow a parameter to one of them. */
type AnyCommand = { readonly input: object };

const refusals: IsolationRefusal[] = [];
const A = 'nanjing.jiangning';
const SUB = 'nanjing.jiangning.dongshan';
const B = 'xian.yanliang';
/** A district's approver: its tenant, the sub-districts below, the city's reference data. */
const staffOfA: IsolationScope = {
  who: 'tenant-staff',
  tenants: [A],
  below: [A],
  readCities: ['nanjing'],
  report: (r) => refusals.push(r),
};
const T = 't';
const key = (k: { pk: string; sk: string }) => marshall(k);
const item = (k: { pk: string; sk: string }, extra: Record<string, string> = {}) =>
  marshall({ ...k, ...extra });

const allowedOf = async (scope: IsolationScope, command: AnyCommand) => {
  try {
    await runIsolated(scope, () => client.send(command as never));
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.type === 'not-found') return false;
    throw error;
  }
};

describe('the isolation guard, per command family', () => {
  const cases: [string, () => AnyCommand, () => AnyCommand][] = [
    [
      'GetItem',
      () => new GetItemCommand({ TableName: T, Key: key(caseKeys.case(A, 'n')) }),
      () => new GetItemCommand({ TableName: T, Key: key(caseKeys.case(B, 'n')) }),
    ],
    [
      'PutItem',
      () => new PutItemCommand({ TableName: T, Item: item(keys.staff(A, 's')) }),
      () => new PutItemCommand({ TableName: T, Item: item(keys.staff(B, 's')) }),
    ],
    [
      'PutItem naming another tenant in an index key',
      () => new PutItemCommand({ TableName: T, Item: item(caseKeys.case(A, 'n'), { gsi1pk: `T#${A}#Q#x` }) }),
      () => new PutItemCommand({ TableName: T, Item: item(caseKeys.case(A, 'n'), { gsi1pk: `T#${B}#Q#x` }) }),
    ],
    [
      'UpdateItem',
      () =>
        new UpdateItemCommand({
          TableName: T,
          Key: key(caseKeys.board(SUB, 0)),
          UpdateExpression: 'SET a = :a',
        }),
      () =>
        new UpdateItemCommand({
          TableName: T,
          Key: key(caseKeys.board(B, 0)),
          UpdateExpression: 'SET a = :a',
        }),
    ],
    [
      'DeleteItem',
      () => new DeleteItemCommand({ TableName: T, Key: key(keys.seal(A, 's')) }),
      () => new DeleteItemCommand({ TableName: T, Key: key(keys.seal(B, 's')) }),
    ],
    [
      'Query on the table',
      () =>
        new QueryCommand({
          TableName: T,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: marshall({ ':pk': `T#${A}`, ':p': 'STAFF#' }),
        }),
      () =>
        new QueryCommand({
          TableName: T,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: marshall({ ':pk': `T#${B}`, ':p': 'STAFF#' }),
        }),
    ],
    [
      'Query on an index (the partition is the index key)',
      () =>
        new QueryCommand({
          TableName: T,
          IndexName: 'gsi3',
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': 'gsi3pk' },
          ExpressionAttributeValues: marshall({ ':v': `T#${SUB}#CASES`, ':pk': `T#${B}` }),
        }),
      () =>
        new QueryCommand({
          TableName: T,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': `T#${B}#CASES` }),
        }),
    ],
    [
      'TransactWriteItems (one foreign item among many)',
      () =>
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: T, Item: item(caseKeys.case(A, 'n')) } },
            {
              Update: {
                TableName: T,
                Key: key(caseKeys.stats(A, '2026-01', 0)),
                UpdateExpression: 'SET a = :a',
              },
            },
            { Delete: { TableName: T, Key: key(keys.job('3', '2026', 'j')) } },
            {
              ConditionCheck: {
                TableName: T,
                Key: key(keys.matter('nanjing', 'm')),
                ConditionExpression: 'x',
              },
            },
          ],
        }),
      () =>
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: T, Item: item(caseKeys.case(A, 'n')) } },
            {
              Update: {
                TableName: T,
                Key: key(caseKeys.stats(B, '2026-01', 0)),
                UpdateExpression: 'SET a = :a',
              },
            },
          ],
        }),
    ],
    [
      'TransactGetItems',
      () =>
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: T, Key: key(keys.body(A, 'b')) } }],
        }),
      () =>
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: T, Key: key(keys.body(A, 'b')) } },
            { Get: { TableName: T, Key: key(keys.body(B, 'b')) } },
          ],
        }),
    ],
    [
      'BatchGetItem',
      () => new BatchGetItemCommand({ RequestItems: { [T]: { Keys: [key(keys.body(A, 'b'))] } } }),
      () =>
        new BatchGetItemCommand({
          RequestItems: { [T]: { Keys: [key(keys.body(A, 'b')), key(keys.body(B, 'b'))] } },
        }),
    ],
    [
      'BatchWriteItem',
      () =>
        new BatchWriteItemCommand({
          RequestItems: { [T]: [{ PutRequest: { Item: item(keys.body(A, 'b')) } }] },
        }),
      () =>
        new BatchWriteItemCommand({
          RequestItems: { [T]: [{ DeleteRequest: { Key: key(keys.period(B, 'm', '2026')) } }] },
        }),
    ],
  ];

  for (const [name, allowed, refused] of cases) {
    it(`${name}: sends what the scope reaches, refuses another tenant's key before sending`, async () => {
      expect(await allowedOf(staffOfA, allowed())).toBe(true);
      expect(sent).toHaveLength(1);
      expect(await allowedOf(staffOfA, refused())).toBe(false);
      expect(sent).toHaveLength(1);
      expect(refusals).toHaveLength(1);
      expect(refusals[0]?.key.startsWith(`T#${B}`)).toBe(true);
    });
  }

  it('refuses every Scan in a scoped request, and commands it does not know', async () => {
    expect(await allowedOf(staffOfA, new ScanCommand({ TableName: T }))).toBe(false);
    expect(sent).toHaveLength(0);
    expect(refusals[0]).toMatchObject({ command: 'ScanCommand', key: '*' });
  });

  it('refuses a Query whose partition it cannot read plainly (fails closed)', async () => {
    const q = new QueryCommand({
      TableName: T,
      KeyConditionExpression: 'begins_with(sk, :p)',
      ExpressionAttributeValues: marshall({ ':p': 'x' }),
    });
    expect(await allowedOf(staffOfA, q)).toBe(false);
    expect(sent).toHaveLength(0);
  });

  it('answers a refusal as a missing item would: not-found, nothing about the key', async () => {
    const error = await runIsolated(staffOfA, () =>
      client.send(new GetItemCommand({ TableName: T, Key: key(keys.staff(B, 's')) })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ type: 'not-found', en: 'No such resource' });
    expect(JSON.stringify((error as DomainError).en)).not.toContain(B);
  });

  it('lets reference data be read but not written, job lanes be written but not read', async () => {
    const matter = keys.matter('nanjing', 'm');
    expect(await allowedOf(staffOfA, new GetItemCommand({ TableName: T, Key: key(matter) }))).toBe(true);
    expect(await allowedOf(staffOfA, new PutItemCommand({ TableName: T, Item: item(matter) }))).toBe(false);
    expect(
      await allowedOf(staffOfA, new GetItemCommand({ TableName: T, Key: key(keys.matter('xian', 'm')) })),
    ).toBe(false);
    expect(
      await allowedOf(staffOfA, new PutItemCommand({ TableName: T, Item: item(keys.job('3', 'a', 'b')) })),
    ).toBe(true);
    const lane = new QueryCommand({
      TableName: T,
      KeyConditionExpression: 'pk = :pk AND sk <= :now',
      ExpressionAttributeValues: marshall({ ':pk': 'JOB#3', ':now': 'z' }),
    });
    expect(await allowedOf(staffOfA, lane)).toBe(false);
    expect(
      await allowedOf(staffOfA, new PutItemCommand({ TableName: T, Item: item(keys.city('nanjing')) })),
    ).toBe(false);
  });

  it("lets a sub-district read its district's own partition (bodies, seals), never the district's cases", async () => {
    const clerk: IsolationScope = { who: 'tenant-staff', tenants: [SUB], readTenants: [A] };
    expect(await allowedOf(clerk, new GetItemCommand({ TableName: T, Key: key(keys.seal(A, 's')) }))).toBe(
      true,
    );
    expect(await allowedOf(clerk, new PutItemCommand({ TableName: T, Item: item(keys.seal(A, 's')) }))).toBe(
      false,
    );
    expect(
      await allowedOf(clerk, new GetItemCommand({ TableName: T, Key: key(caseKeys.case(A, 'n')) })),
    ).toBe(false);
  });

  it('tells a district from a tenant whose id merely starts alike', async () => {
    const own: IsolationScope = { who: 'tenant-staff', tenants: ['nanjing.jiang'], below: ['nanjing.jiang'] };
    expect(await allowedOf(own, new GetItemCommand({ TableName: T, Key: key(keys.body(A, 'b')) }))).toBe(
      false,
    );
    expect(
      await allowedOf(own, new GetItemCommand({ TableName: T, Key: key(keys.body('nanjing.jiang.x', 'b')) })),
    ).toBe(true);
  });

  it('checks nothing for the platform and for the system (no scope)', async () => {
    const foreign = () => new GetItemCommand({ TableName: T, Key: key(keys.staff(B, 's')) });
    expect(await allowedOf({ who: 'platform', all: true }, foreign())).toBe(true);
    await client.send(foreign());
    await client.send(new ScanCommand({ TableName: T }));
    expect(sent).toEqual(['GetItemCommand', 'GetItemCommand', 'ScanCommand']);
  });

  it('keeps the scope across awaits and apart between concurrent requests', async () => {
    const other: IsolationScope = { who: 'tenant-staff', tenants: [B] };
    const get = (t: string) => new GetItemCommand({ TableName: T, Key: key(keys.staff(t, 's')) });
    const results = await Promise.all([
      runIsolated(staffOfA, async () => {
        await new Promise((ok) => setTimeout(ok, 5));
        return client.send(get(A)).then(() => 'a-ok');
      }),
      runIsolated(other, async () => {
        await new Promise((ok) => setTimeout(ok, 1));
        return client.send(get(A)).then(
          () => 'b-reached-a',
          () => 'b-refused',
        );
      }),
    ]);
    expect(results).toEqual(['a-ok', 'b-refused']);
  });
});
