import {
  DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../packages/domain/src';
import { type Command, Store } from '../../packages/store/src';
import { CONFLICT_BUDGET_MS } from '../../packages/store/src/store';

const client = new DynamoDBClient({
  region: 'cn-north-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const mock = mockClient(client);
afterEach(() => {
  mock.reset();
  vi.useRealTimers();
});

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const command: Command = {
  actor: 'a',
  action: 'test',
  scopePk: 'T#x',
  target: 'x',
  at: '2026-01-01T00:00:00.000Z',
  writes: [{ put: { pk: 'T#x', sk: 'A' }, ifNew: new DomainError('conflict', '已存在', 'exists') }],
  response: { status: 200, body: {} },
};

describe('one command, one transaction', () => {
  it('sends the transaction again when DynamoDB cancelled it only for a conflict on a shared item', async () => {
    mock
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .resolves({});
    await expect(new Store(client, 't').commit(command)).resolves.toEqual({ status: 200, body: {} });
    expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('answers a failed condition at once, without sending again', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));
    await expect(new Store(client, 't').commit(command)).rejects.toMatchObject({
      type: 'conflict',
      en: 'exists',
    });
    expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('answers 409 when the conflicts go on past the retry budget, not before', async () => {
    vi.useFakeTimers();
    mock.on(TransactWriteItemsCommand).rejects(cancelled('TransactionConflict', 'None'));
    const started = Date.now();
    let settledAt: number | undefined;
    const outcome = new Store(client, 't').commit(command).finally(() => {
      settledAt = Date.now();
    });
    const refused = expect(outcome).rejects.toMatchObject({ type: 'conflict' });
    await vi.advanceTimersByTimeAsync(CONFLICT_BUDGET_MS / 2);
    expect(settledAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(CONFLICT_BUDGET_MS);
    await refused;
    expect((settledAt ?? started) - started).toBeGreaterThanOrEqual(CONFLICT_BUDGET_MS);
    // Sent again and again in between, each time after a backoff of at most 640 ms.
    expect(mock.commandCalls(TransactWriteItemsCommand).length).toBeGreaterThanOrEqual(
      CONFLICT_BUDGET_MS / 640,
    );
  });

  it('writes several commands in one transaction, each with its audit record, and names the failed one', async () => {
    mock.on(TransactWriteItemsCommand).resolvesOnce({});
    const second = {
      ...command,
      target: 'y',
      writes: [{ put: { pk: 'T#x', sk: 'B' }, ifNew: new DomainError('conflict', '乙已存在', 'B exists') }],
    };
    await new Store(client, 't').commitMany([command, second]);
    const [sent] = mock.commandCalls(TransactWriteItemsCommand);
    const items = sent?.args[0].input.TransactItems ?? [];
    // A, its audit record, B, its audit record.
    expect(items.map((i) => i.Put?.Item?.sk?.S?.slice(0, 6))).toEqual(['A', 'AUDIT#', 'B', 'AUDIT#']);
    mock.on(TransactWriteItemsCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'));
    await expect(new Store(client, 't').commitMany([command, second])).rejects.toMatchObject({
      en: 'B exists',
    });
  });
});
