import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '@onewindow/store';
import {
  type Attrs,
  applyUpdate,
  type Condition,
  compareValues,
  type ExpressionContext,
  evaluate,
  parseCondition,
  parseUpdate,
  projectionNames,
  ValidationException,
} from './expressions';

/**
 * The application's table held in this process: the commands the store sends (GetItem, PutItem,
 * UpdateItem, Query on the table and its indexes, BatchGet/BatchWrite, TransactWriteItems),
 * answered as DynamoDB answers them — conditions, cancellation reasons, counters, index
 * projections, pages — without a round trip to DynamoDB Local. `npm start` replays the demo's
 * history through the application against it and then loads the resulting items into DynamoDB
 * Local in batches (copy.ts): every write the history makes still passes the same conditions,
 * but DynamoDB Local, whose single SQLite thread costs 2–4 ms for any request, is asked once
 * per 25 items instead of once per request.
 */

const PK = tableDefinition.partitionKey;
const SK = tableDefinition.sortKey;
const INDEXES = new Map<string, { pk: string; sk: string; include: readonly string[] }>(
  tableDefinition.globalSecondaryIndexes.map((g) => [
    g.indexName,
    { pk: g.partitionKey, sk: g.sortKey, include: g.include },
  ]),
);
const ITEM_LIMIT = 400 * 1024;

type Input = Record<string, unknown>;
const ctxOf = (input: Input): ExpressionContext => ({
  names: input.ExpressionAttributeNames as Record<string, string> | undefined,
  values: input.ExpressionAttributeValues as Attrs | undefined,
});

const keyOf = (pk: string, sk: string) => `${pk}\u0000${sk}`;

function itemKey(item: Attrs | undefined, what: string): { pk: string; sk: string } {
  const pk = item?.[PK]?.S;
  const sk = item?.[SK]?.S;
  if (pk === undefined || sk === undefined)
    throw new ValidationException(
      `One or more parameter values were invalid: ${what} is missing a key attribute`,
    );
  return { pk, sk };
}

/** DynamoDB's item size: names and values in bytes (close enough to refuse what it refuses). */
function sizeOf(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.length / 2) + 1;
  if (v.B) return v.B.length;
  if (v.BOOL !== undefined || v.NULL) return 1;
  if (v.SS) return v.SS.reduce((a, s) => a + Buffer.byteLength(s), 0);
  if (v.NS) return v.NS.reduce((a, s) => a + Math.ceil(s.length / 2) + 1, 0);
  if (v.L) return 3 + v.L.reduce((a, e) => a + 1 + sizeOf(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((a, [k, e]) => a + 1 + Buffer.byteLength(k) + sizeOf(e), 0);
  return 0;
}
const itemSize = (item: Attrs) =>
  Object.entries(item).reduce((a, [k, v]) => a + Buffer.byteLength(k) + sizeOf(v), 0);

export interface Change {
  readonly key: string;
  /** The item as it is now; undefined once deleted. */
  readonly item: Attrs | undefined;
}

export class MemoryTable {
  private readonly items = new Map<string, Attrs>();
  /** Partition value → keys, per index ('' for the table); sorted lazily. */
  private readonly partitions = new Map<string, Map<string, Set<string>>>();
  private readonly sorted = new Map<string, string[]>();
  /** Keys written since the copier last took them, in the order they were first written. */
  private readonly dirty = new Set<string>();

  constructor(readonly tableName: string) {
    this.partitions.set('', new Map());
    for (const name of INDEXES.keys()) this.partitions.set(name, new Map());
  }

  get size(): number {
    return this.items.size;
  }

  /** Takes up to `max` changed keys, oldest first, skipping `busy` ones, with their items as they are now. */
  takeChanges(max: number, busy: ReadonlySet<string>): Change[] {
    const out: Change[] = [];
    for (const key of this.dirty) {
      if (out.length >= max) break;
      if (busy.has(key)) continue;
      this.dirty.delete(key);
      out.push({ key, item: this.items.get(key) });
    }
    return out;
  }

  get pendingChanges(): number {
    return this.dirty.size;
  }

  /** Answers one command (by the SDK's command name) as DynamoDB would. */
  handle(command: string, input: Input): Record<string, unknown> {
    switch (command) {
      case 'GetItemCommand':
        return this.getItem(input);
      case 'PutItemCommand':
        return this.putItem(input);
      case 'UpdateItemCommand':
        return this.updateItem(input);
      case 'DeleteItemCommand':
        return this.deleteItem(input);
      case 'QueryCommand':
        return this.query(input);
      case 'BatchGetItemCommand':
        return this.batchGet(input);
      case 'BatchWriteItemCommand':
        return this.batchWrite(input);
      case 'TransactWriteItemsCommand':
        return this.transactWrite(input);
      default:
        throw new ValidationException(`${command} is not answered by the in-process table`);
    }
  }

  private checkTable(input: Input): void {
    if (input.TableName !== this.tableName)
      throw Object.assign(
        new ValidationException(`Requested resource not found: ${String(input.TableName)}`),
        {
          name: 'ResourceNotFoundException',
        },
      );
  }

  private read(key: Attrs | undefined): Attrs | undefined {
    const { pk, sk } = itemKey(key, 'the key');
    return this.items.get(keyOf(pk, sk));
  }

  private write(key: string, item: Attrs | undefined): void {
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    if (item) {
      if (itemSize(item) > ITEM_LIMIT)
        throw new ValidationException('Item size has exceeded the maximum allowed size');
      this.items.set(key, item);
      this.index(key, item);
    } else this.items.delete(key);
    this.dirty.add(key);
  }

  private index(key: string, item: Attrs): void {
    for (const [name, parts] of this.partitions) {
      const def = name ? INDEXES.get(name) : { pk: PK, sk: SK };
      const pk = item[def?.pk ?? PK]?.S;
      if (pk === undefined || item[def?.sk ?? SK]?.S === undefined) continue;
      const set = parts.get(pk) ?? new Set<string>();
      parts.set(pk, set);
      set.add(key);
      this.sorted.delete(`${name}\u0000${pk}`);
    }
  }

  private unindex(key: string, item: Attrs): void {
    for (const [name, parts] of this.partitions) {
      const def = name ? INDEXES.get(name) : { pk: PK, sk: SK };
      const pk = item[def?.pk ?? PK]?.S;
      if (pk === undefined) continue;
      parts.get(pk)?.delete(key);
      this.sorted.delete(`${name}\u0000${pk}`);
    }
  }

  private condition(input: Input, current: Attrs | undefined): boolean {
    if (!input.ConditionExpression) return true;
    return evaluate(parseCondition(String(input.ConditionExpression), ctxOf(input)), current);
  }

  private getItem(input: Input): Record<string, unknown> {
    this.checkTable(input);
    const item = this.read(input.Key as Attrs);
    const names = input.ProjectionExpression
      ? projectionNames(String(input.ProjectionExpression), ctxOf(input))
      : undefined;
    return item ? { Item: project(item, names) } : {};
  }

  private putItem(input: Input): Record<string, unknown> {
    this.checkTable(input);
    const item = input.Item as Attrs;
    const { pk, sk } = itemKey(item, 'the item');
    const current = this.items.get(keyOf(pk, sk));
    if (!this.condition(input, current)) throw conditionFailed();
    this.write(keyOf(pk, sk), structuredClone(item));
    return input.ReturnValues === 'ALL_OLD' && current ? { Attributes: current } : {};
  }

  private updated(input: Input): {
    key: string;
    current: Attrs | undefined;
    next: Attrs;
    actions: ReturnType<typeof parseUpdate>;
  } {
    const keyAttrs = input.Key as Attrs;
    const { pk, sk } = itemKey(keyAttrs, 'the key');
    const key = keyOf(pk, sk);
    const current = this.items.get(key);
    const actions = parseUpdate(String(input.UpdateExpression ?? ''), ctxOf(input));
    for (const a of actions)
      if (a.path[0] === PK || a.path[0] === SK)
        throw new ValidationException(
          `Cannot update attribute ${a.path[0]}. This attribute is part of the key`,
        );
    return { key, current, next: applyUpdate(current ?? structuredClone(keyAttrs), actions), actions };
  }

  private updateItem(input: Input): Record<string, unknown> {
    this.checkTable(input);
    const { key, current, next, actions } = this.updated(input);
    if (!this.condition(input, current)) throw conditionFailed();
    this.write(key, next);
    switch (input.ReturnValues) {
      case 'ALL_NEW':
        return { Attributes: next };
      case 'ALL_OLD':
        return current ? { Attributes: current } : {};
      case 'UPDATED_NEW':
      case 'UPDATED_OLD': {
        // The attributes the expression names, as they are after (or were before) it.
        const from = input.ReturnValues === 'UPDATED_NEW' ? next : (current ?? {});
        const named = new Set(actions.map((a) => a.path[0] as string));
        const out = Object.fromEntries(Object.entries(from).filter(([k]) => named.has(k)));
        return Object.keys(out).length ? { Attributes: out } : {};
      }
      default:
        return {};
    }
  }

  private deleteItem(input: Input): Record<string, unknown> {
    this.checkTable(input);
    const { pk, sk } = itemKey(input.Key as Attrs, 'the key');
    const current = this.items.get(keyOf(pk, sk));
    if (!this.condition(input, current)) throw conditionFailed();
    if (current) this.write(keyOf(pk, sk), undefined);
    return input.ReturnValues === 'ALL_OLD' && current ? { Attributes: current } : {};
  }

  private batchGet(input: Input): Record<string, unknown> {
    const requests = input.RequestItems as Record<string, { Keys: Attrs[]; ProjectionExpression?: string }>;
    const responses: Record<string, Attrs[]> = {};
    for (const [table, req] of Object.entries(requests)) {
      this.checkTable({ TableName: table });
      if (req.ProjectionExpression)
        throw new ValidationException('BatchGetItem projections are not answered here');
      responses[table] = req.Keys.map((k) => this.read(k)).filter((i): i is Attrs => !!i);
    }
    return { Responses: responses, UnprocessedKeys: {} };
  }

  private batchWrite(input: Input): Record<string, unknown> {
    const requests = input.RequestItems as Record<
      string,
      { PutRequest?: { Item: Attrs }; DeleteRequest?: { Key: Attrs } }[]
    >;
    for (const [table, list] of Object.entries(requests)) {
      this.checkTable({ TableName: table });
      if (list.length > 25)
        throw new ValidationException('Too many items requested for the BatchWriteItem call');
      const seen = new Set<string>();
      for (const r of list) {
        const { pk, sk } = itemKey(r.PutRequest?.Item ?? r.DeleteRequest?.Key, 'a request');
        if (seen.has(keyOf(pk, sk)))
          throw new ValidationException('Provided list of item keys contains duplicates');
        seen.add(keyOf(pk, sk));
      }
      for (const r of list) {
        const { pk, sk } = itemKey(r.PutRequest?.Item ?? r.DeleteRequest?.Key, 'a request');
        if (r.PutRequest) this.write(keyOf(pk, sk), structuredClone(r.PutRequest.Item));
        else if (this.items.has(keyOf(pk, sk))) this.write(keyOf(pk, sk), undefined);
      }
    }
    return { UnprocessedItems: {} };
  }

  private transactWrite(input: Input): Record<string, unknown> {
    type Op = {
      Put?: Input;
      Update?: Input;
      Delete?: Input;
      ConditionCheck?: Input;
    };
    const ops = input.TransactItems as Op[];
    if (ops.length > 100) throw new ValidationException('Member must have length less than or equal to 100');
    const planned: { key: string; next: Attrs | undefined; keep: boolean }[] = [];
    const reasons: { Code: string; Message?: string }[] = [];
    const seen = new Set<string>();
    let failed = false;
    for (const op of ops) {
      const body = (op.Put ?? op.Update ?? op.Delete ?? op.ConditionCheck) as Input;
      this.checkTable(body);
      const keyAttrs = (op.Put ? body.Item : body.Key) as Attrs;
      const { pk, sk } = itemKey(keyAttrs, 'a transaction item');
      const key = keyOf(pk, sk);
      if (seen.has(key))
        throw new ValidationException('Transaction request cannot include multiple operations on one item');
      seen.add(key);
      const current = this.items.get(key);
      let next: Attrs | undefined;
      if (op.Put) next = structuredClone(body.Item as Attrs);
      else if (op.Update) next = this.updated(body).next;
      else next = undefined;
      const ok = this.condition(body, current);
      if (!ok) failed = true;
      reasons.push(
        ok ? { Code: 'None' } : { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      );
      planned.push({ key, next, keep: !!op.ConditionCheck || (!!op.Delete && !current) });
    }
    if (failed)
      throw new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        $metadata: {},
        CancellationReasons: reasons,
      });
    for (const p of planned)
      if (p.next && itemSize(p.next) > ITEM_LIMIT)
        throw new ValidationException('Item size has exceeded the maximum allowed size');
    for (const p of planned) if (!p.keep) this.write(p.key, p.next);
    return {};
  }

  private query(input: Input): Record<string, unknown> {
    this.checkTable(input);
    const indexName = input.IndexName as string | undefined;
    const def = indexName ? INDEXES.get(indexName) : undefined;
    if (indexName && !def)
      throw new ValidationException(`The table does not have the specified index: ${indexName}`);
    const hashName = def?.pk ?? PK;
    const rangeName = def?.sk ?? SK;
    const ctx = ctxOf(input);
    const keyCondition = parseCondition(String(input.KeyConditionExpression ?? ''), ctx);
    const hash = hashValue(keyCondition, hashName);
    if (hash === undefined) throw new ValidationException('Query condition missed key schema element');
    const filter = input.FilterExpression ? parseCondition(String(input.FilterExpression), ctx) : undefined;
    const names = input.ProjectionExpression
      ? projectionNames(String(input.ProjectionExpression), ctx)
      : undefined;

    let keys = this.partition(indexName ?? '', hash, rangeName);
    if (input.ScanIndexForward === false) keys = [...keys].reverse();
    const start = input.ExclusiveStartKey as Attrs | undefined;
    let from = 0;
    if (start) {
      const startKey = itemKey(start, 'ExclusiveStartKey');
      const exact = keys.indexOf(keyOf(startKey.pk, startKey.sk));
      from = exact >= 0 ? exact + 1 : this.after(keys, start, rangeName, input.ScanIndexForward === false);
    }
    const limit = typeof input.Limit === 'number' ? input.Limit : Number.POSITIVE_INFINITY;
    const found: Attrs[] = [];
    let scanned = 0;
    let last: Attrs | undefined;
    for (let i = from; i < keys.length && scanned < limit; i++) {
      const item = this.items.get(keys[i] as string) as Attrs;
      if (!evaluate(keyCondition, item)) continue;
      scanned++;
      last = item;
      if (filter && !evaluate(filter, item)) continue;
      const visible = def ? project(item, [PK, SK, def.pk, def.sk, ...def.include]) : item;
      found.push(project(visible, names));
    }
    // DynamoDB stops at the limit without looking further: a full page always names where it stopped.
    const more = scanned >= limit;
    const out: Record<string, unknown> = {
      Items: input.Select === 'COUNT' ? undefined : found,
      Count: found.length,
      ScannedCount: scanned,
    };
    if (more && last) {
      const lek: Attrs = { [PK]: last[PK] as AttributeValue, [SK]: last[SK] as AttributeValue };
      if (def) Object.assign(lek, { [def.pk]: last[def.pk], [def.sk]: last[def.sk] });
      out.LastEvaluatedKey = lek;
    }
    return out;
  }

  /** One partition's keys in sort-key order (ties, in an index, by the table's key). */
  private partition(index: string, hash: string, rangeName: string): string[] {
    const id = `${index}\u0000${hash}`;
    const cached = this.sorted.get(id);
    if (cached) return cached;
    const set = this.partitions.get(index)?.get(hash);
    const keys = [...(set ?? [])];
    keys.sort((a, b) => {
      const x = this.items.get(a) as Attrs;
      const y = this.items.get(b) as Attrs;
      return (
        (compareValues(x[rangeName] as AttributeValue, y[rangeName] as AttributeValue) ?? 0) ||
        (a < b ? -1 : a > b ? 1 : 0)
      );
    });
    this.sorted.set(id, keys);
    return keys;
  }

  /** Where a page continues when the item its start key named is gone: after every item before it. */
  private after(keys: readonly string[], start: Attrs, rangeName: string, backwards: boolean): number {
    const at = start[rangeName] as AttributeValue;
    const i = keys.findIndex((k) => {
      const order = compareValues((this.items.get(k) as Attrs)[rangeName] as AttributeValue, at) ?? 0;
      return backwards ? order < 0 : order > 0;
    });
    return i < 0 ? keys.length : i;
  }
}

function project(item: Attrs, names: readonly string[] | undefined): Attrs {
  if (!names) return structuredClone(item);
  const out: Attrs = {};
  for (const n of names) if (item[n] !== undefined) out[n] = structuredClone(item[n] as AttributeValue);
  return out;
}

/** The partition a key condition names: `<hash> = :v`, alone or ANDed with the range condition. */
function hashValue(c: Condition, hashName: string): string | undefined {
  if (c.op === 'and') return hashValue(c.left, hashName) ?? hashValue(c.right, hashName);
  if (
    c.op === 'compare' &&
    c.cmp === '=' &&
    c.left.kind === 'path' &&
    c.left.path[0] === hashName &&
    c.right.kind === 'value'
  )
    return c.right.value.S;
  return undefined;
}

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/**
 * Answers `client`'s item commands from `table` instead of sending them, as long as `serving`
 * says so (always by default); after that they go on to DynamoDB Local. Placed at the start of
 * the serialize step, after the store's own initialize-step guards (tenant isolation, faults),
 * which still see every command. The choice is made there, synchronously with the in-process
 * answer, so no command is answered in process once `serving` has turned false.
 */
export function answerFrom(
  client: DynamoDBClient,
  table: MemoryTable,
  serving: () => boolean = () => true,
): DynamoDBClient {
  client.middlewareStack.add(
    (next, context) => async (args) =>
      serving()
        ? {
            output: { $metadata: {}, ...table.handle(context.commandName ?? '?', args.input as Input) },
            response: {},
          }
        : next(args),
    { step: 'serialize', name: 'onewindowMemoryTable', priority: 'high' },
  );
  return client;
}
