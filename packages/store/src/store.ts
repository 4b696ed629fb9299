import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '@onewindow/domain';
import { CursorCodec } from './cursor';
import { type Key, keys } from './keys';

export type Item = Record<string, unknown>;

/** One write inside a command's transaction, with what to say if its condition fails. */
export type Write =
  | {
      readonly put: Item & Key;
      /** When set, the put fails unless the key is new; the error says what already exists. */
      readonly ifNew?: DomainError;
      /** When set, the put fails unless the stored item's attribute still has this value (`undefined`: is still absent). */
      readonly ifStill?: {
        readonly attribute: string;
        readonly equals: unknown;
        readonly failure: DomainError;
      };
    }
  | { readonly delete: Key }
  | { readonly check: Key; readonly exists: DomainError }
  /** Adds to number attributes, creating the item (and them, from 0) when absent: counters. */
  | { readonly add: Key; readonly values: Readonly<Record<string, number>>; readonly entity: string };

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface Command {
  readonly actor: string;
  readonly action: string;
  /** Partition the audit record is written to: the scope that owns the change. */
  readonly scopePk: string;
  readonly target: string;
  readonly at: string;
  readonly writes: readonly Write[];
  readonly response: StoredResponse;
  readonly idempotency?: { readonly caller: string; readonly key: string; readonly fingerprint: string };
  /** The absent A whose post the actor (its B) covered (AB角): the audit record says so. */
  readonly onBehalfOf?: string;
}

/** Another request with the same Idempotency-Key won the race; its answer is stored. */
export class IdempotentReplay extends Error {
  override readonly name = 'IdempotentReplay';
  constructor(readonly stored: StoredResponse) {
    super('idempotent replay');
  }
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * How long one transaction DynamoDB cancels only for conflicts with others is sent again
 * before the caller hears 409. A conflict lasts as long as the other transaction holds the
 * shared item (a counter shard), so the budget is time, not a number of sends: a burst of one
 * tenant's commands on a loaded table (DynamoDB Local runs transactions one at a time, so an
 * item is held for the whole queue) needed more than twelve sends, and on DynamoDB a conflict
 * clears in tens of milliseconds. Well inside the API functions' 29 s timeout.
 */
export const CONFLICT_BUDGET_MS = 10_000;
/** Full-jitter backoff doubling from 20 ms up to 640 ms spreads a burst's sends out. */
const CONFLICT_BACKOFF_MS = 20;

/** What a write's failed condition means to the caller: its own DomainError, if it names one. */
const failureOf = (write: Write): DomainError | undefined =>
  'put' in write ? (write.ifNew ?? write.ifStill?.failure) : 'check' in write ? write.exists : undefined;

export const idempotencyKeyReused = () =>
  new DomainError(
    'idempotency-key-reused',
    '幂等键已用于另一个不同的请求',
    'This Idempotency-Key was used for a different request',
  );

export interface StoreOptions {
  /** The deployment's list-cursor key (CursorCodec); a process without one makes its own. */
  readonly cursorKey?: string | Uint8Array;
}

export class Store {
  private readonly cursors: CursorCodec;

  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
    options: StoreOptions = {},
  ) {
    this.cursors = new CursorCodec(options.cursorKey);
  }

  /** Whether the table answers: one strongly consistent read of a key no item has. */
  async ping(): Promise<void> {
    await this.get({ pk: 'P#', sk: 'READY' });
  }

  async get<T = Item>(key: Key): Promise<T | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(key), ConsistentRead: true }),
    );
    return out.Item ? (unmarshall(out.Item) as T) : undefined;
  }

  /** Writes one item outside any command: for writes that are their own retry (stream pushes, jobs). */
  async put(item: Item & Key): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
      }),
    );
  }

  /**
   * Writes one item outside any command unless its `attribute` is already there (`pk`: unless
   * the item exists); false when it was. For values made once and then only read (seal keys).
   */
  async putIfAbsent(item: Item & Key, attribute: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(#a)',
          ExpressionAttributeNames: { '#a': attribute },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * One Query page; `cursor` is the opaque, authenticated cursor of the previous page of the
   * same query (CursorCodec): one made for another partition, index or filter is refused.
   */
  async query<T = Item>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> & { cursor?: string },
  ): Promise<{ items: T[]; cursor?: string }> {
    const { cursor, ...rest } = input;
    const shape = queryShape(rest);
    const start = cursor ? this.cursors.decode(cursor, shape) : undefined;
    const out = await this.client.send(
      new QueryCommand({
        ...rest,
        TableName: this.tableName,
        ...(start ? { ExclusiveStartKey: start as NonNullable<QueryCommandInput['ExclusiveStartKey']> } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => unmarshall(i) as T),
      ...(out.LastEvaluatedKey ? { cursor: this.cursors.encode(out.LastEvaluatedKey, shape) } : {}),
    };
  }

  /**
   * Items of one partition whose sort key starts with `prefix`, all pages; with `projection`,
   * only those attributes of each (a reader that needs two attributes of 500 matters should not
   * pay to read, ship and parse the whole of each).
   */
  async queryPrefix<T = Item>(pk: string, prefix: string, projection?: readonly string[]): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    const names = projection?.map((name, i) => [`#p${i}`, name] as const);
    do {
      const page = await this.query<T>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: marshall({ ':pk': pk, ':p': prefix }),
        ...(names
          ? {
              ProjectionExpression: names.map(([alias]) => alias).join(', '),
              ExpressionAttributeNames: Object.fromEntries(names),
            }
          : {}),
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  async storedResponse(
    scopePk: string,
    caller: string,
    key: string,
  ): Promise<(StoredResponse & { fingerprint: string }) | undefined> {
    const item = await this.get<{ fingerprint: string; status: number; body?: string; bodyGz?: Uint8Array }>(
      keys.idempotency(scopePk, caller, key),
    );
    return item
      ? {
          fingerprint: item.fingerprint,
          status: item.status,
          body: JSON.parse(item.bodyGz ? gunzipSync(item.bodyGz).toString('utf8') : (item.body ?? 'null')),
        }
      : undefined;
  }

  /**
   * Writes several commands as ONE transaction, each with its own audit record: all of them or
   * none (a catalogue import's batch of matters). No idempotency record: a caller that batches
   * must make its retry safe itself. A failed condition throws that write's own failure, as
   * `commit` does; at most 100 items in all, DynamoDB's limit.
   */
  async commitMany(commands: readonly Omit<Command, 'idempotency'>[]): Promise<void> {
    const writes = commands.flatMap((c) => [...c.writes.map((w) => ({ w, c })), { w: undefined, c }]);
    const items = writes.map(({ w, c }) => (w ? this.toTransactItem(w) : this.auditItem(c)));
    try {
      await this.sendTransaction(items);
    } catch (error) {
      if (isOverItemLimit(error)) throw recordTooLarge(error);
      if (!(error instanceof TransactionCanceledException)) throw error;
      for (const [index, reason] of (error.CancellationReasons ?? []).entries()) {
        const write = writes[index]?.w;
        if (reason.Code !== 'ConditionalCheckFailed' || !write) continue;
        const failure = failureOf(write);
        if (failure) throw failure;
      }
      throw error;
    }
  }

  private auditItem(command: Omit<Command, 'idempotency'>): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: marshall(
          {
            ...keys.audit(command.scopePk, command.at, Math.random().toString(36).slice(2, 10)),
            entity: 'audit',
            actor: command.actor,
            action: command.action,
            target: command.target,
            at: command.at,
            onBehalfOf: command.onBehalfOf,
          },
          { removeUndefinedValues: true },
        ),
      },
    };
  }

  /**
   * Writes a command as ONE transaction: its entity writes, an audit record (R10) and,
   * when the caller sent an Idempotency-Key, the stored answer. Either all of it is
   * written or nothing is (DESIGN.md decision 3).
   */
  async commit(command: Command): Promise<StoredResponse> {
    const items: TransactWriteItem[] = command.writes.map((w) => this.toTransactItem(w));
    items.push(this.auditItem(command));
    const idem = command.idempotency;
    if (idem) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: marshall({
            ...keys.idempotency(command.scopePk, idem.caller, idem.key),
            entity: 'idempotency',
            fingerprint: idem.fingerprint,
            status: command.response.status,
            // Compressed: an answer carries the case's whole timeline, which must not push the record past 400 KB.
            bodyGz: gzipSync(JSON.stringify(command.response.body)),
            expiresAt: Math.floor(Date.parse(command.at) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await this.sendTransaction(items);
      return command.response;
    } catch (error) {
      if (isOverItemLimit(error)) throw recordTooLarge(error);
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (idem && reasons[items.length - 1]?.Code === 'ConditionalCheckFailed') {
        const stored = await this.storedResponse(command.scopePk, idem.caller, idem.key);
        // A concurrent request won the key: its answer is ours only if it was the same request.
        if (stored && stored.fingerprint !== idem.fingerprint) throw idempotencyKeyReused();
        if (stored) throw new IdempotentReplay(stored);
      }
      for (const [index, reason] of reasons.entries()) {
        if (reason.Code !== 'ConditionalCheckFailed') continue;
        const write = command.writes[index];
        const failure = write && failureOf(write);
        if (failure) throw failure;
      }
      if (reasons.some((r) => r.Code === 'TransactionConflict')) {
        throw new DomainError('conflict', '数据正被同时修改，请重试', 'a concurrent change won; retry');
      }
      throw error;
    }
  }

  /**
   * Sends one transaction, again when DynamoDB cancelled it only for a conflict with another
   * transaction on a shared item (a counter shard): a cancelled transaction wrote nothing,
   * so sending it again is safe, and a clerk should not see a 409 for a counter. A failed
   * condition is never retried: it is the answer.
   */
  private async sendTransaction(items: TransactWriteItem[]): Promise<void> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const reasons =
          error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const conflictOnly =
          reasons.some((r) => r.Code === 'TransactionConflict') &&
          reasons.every((r) => r.Code === 'TransactionConflict' || r.Code === 'None' || r.Code === undefined);
        if (!conflictOnly || Date.now() - started >= CONFLICT_BUDGET_MS) throw error;
        await new Promise((ok) =>
          setTimeout(ok, Math.random() * CONFLICT_BACKOFF_MS * 2 ** Math.min(attempt - 1, 5)),
        );
      }
    }
  }

  private toTransactItem(write: Write): TransactWriteItem {
    if ('delete' in write) return { Delete: { TableName: this.tableName, Key: marshall(write.delete) } };
    if ('add' in write) {
      const names = Object.keys(write.values);
      return {
        Update: {
          TableName: this.tableName,
          Key: marshall(write.add),
          UpdateExpression: `SET #entity = :entity ADD ${names.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
          ExpressionAttributeNames: {
            '#entity': 'entity',
            ...Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          },
          ExpressionAttributeValues: marshall({
            ':entity': write.entity,
            ...Object.fromEntries(names.map((n, i) => [`:a${i}`, write.values[n]])),
          }),
        },
      };
    }
    if ('check' in write) {
      return {
        ConditionCheck: {
          TableName: this.tableName,
          Key: marshall(write.check),
          ConditionExpression: 'attribute_exists(pk)',
        },
      };
    }
    const still = write.ifStill;
    return {
      Put: {
        TableName: this.tableName,
        Item: marshall(write.put, { removeUndefinedValues: true }),
        ...(write.ifNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        ...(still && still.equals === undefined
          ? {
              ConditionExpression: 'attribute_not_exists(#still)',
              ExpressionAttributeNames: { '#still': still.attribute },
            }
          : {}),
        ...(still && still.equals !== undefined
          ? {
              ConditionExpression: '#still = :still',
              ExpressionAttributeNames: { '#still': still.attribute },
              ExpressionAttributeValues: marshall({ ':still': still.equals }),
            }
          : {}),
      },
    };
  }
}

/** DynamoDB refuses an item over 400 KB (or a transaction over 4 MB) before writing anything. */
function isOverItemLimit(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /item size|size has exceeded|transaction request size/i.test(error.message)
  );
}

const recordTooLarge = (cause: unknown) =>
  new DomainError(
    'payload-too-large',
    '记录超过单条存储上限（400 KB），未保存；请精简内容（如较长的意见或说明）后重试',
    'the record would pass the 400 KB storage limit of one item and was not saved; shorten the text and retry',
    { cause },
  );

/**
 * What a cursor is bound to: everything that decides which items a query reads (the
 * partition value, index, key condition, filter and their values), not the page size.
 */
function queryShape(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): unknown {
  return [
    input.IndexName ?? '',
    input.KeyConditionExpression ?? '',
    input.FilterExpression ?? '',
    input.ExpressionAttributeNames ?? {},
    input.ExpressionAttributeValues ?? {},
    input.ScanIndexForward ?? true,
  ];
}
