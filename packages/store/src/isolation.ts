import { AsyncLocalStorage } from 'node:async_hooks';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '@onewindow/domain';
import { tableDefinition } from './table';

/**
 * What one request may touch in the table, by partition key (README: Two layers of tenant
 * isolation). The api pipeline opens a scope after authorise; work outside any scope (the
 * clock, the stream worker, the demo loader, tests' own setup) is the system's and unscoped.
 *
 * Key families (keys.ts, cases/keys.ts, jobs.ts): `T#<tenant>` and `T#<tenant>#…` (a
 * tenant's items, its case partitions, idempotency and audit records, counters, and the
 * index partitions `#Q#<body>`, `#OPEN`, `#CASES`), `C#<city>` (a city's catalogue,
 * calendar, tenants, rollouts and its own records), `P#` (the cities and the readiness
 * probe) and `JOB#<lane>` (the clock's jobs, which carry no tenant in their key).
 */
export interface IsolationScope {
  /** Who the scope was made for, for the security log: `tenant-staff`, `city-admin`, `public`… */
  readonly who: string;
  /** The platform: every key. */
  readonly all?: boolean;
  /** Tenants whose partitions it may read and write. */
  readonly tenants?: readonly string[];
  /** Tenants or cities whose descendants (`T#<x>.…`) it may read and write: a city's admin, a district body. */
  readonly below?: readonly string[];
  /** Tenants whose own partition `T#<x>` it may only read: the ancestors whose bodies and seals its cases name. */
  readonly readTenants?: readonly string[];
  /** Cities whose partition it may read and write (its city admin). */
  readonly cities?: readonly string[];
  /** Cities whose partition it may only read: the catalogue, calendar and tenant records its cases use. */
  readonly readCities?: readonly string[];
  /** Told of every refusal (the api logs it as a security event) before the error is thrown. */
  readonly report?: (refusal: IsolationRefusal) => void;
}

export interface IsolationRefusal {
  readonly who: string;
  readonly command: string;
  /** The partition key refused; which tenant or city it names is what an investigator needs. */
  readonly key: string;
  readonly write: boolean;
}

const storage = new AsyncLocalStorage<IsolationScope>();

/** Runs `work` with every DynamoDB request it makes checked against `scope`. */
export function runIsolated<T>(scope: IsolationScope, work: () => T): T {
  return storage.run(scope, work);
}

/**
 * Runs `work` as the system's, outside the running request's scope (and so on the function's
 * own credentials): for the platform's own items a request needs, never a tenant's data. The
 * seals' keys and the city seal CA (seal-keys.ts) only: a clerk's issuance makes the key of a
 * district body's seal, a public verification issues its certificate.
 */
export function runAsSystem<T>(work: () => T): T {
  return storage.exit(work);
}

/** The scope of the running request; undefined for the system's own work. */
export function currentIsolation(): IsolationScope | undefined {
  return storage.getStore();
}

const tenantOfKey = (pk: string): string => {
  const end = pk.indexOf('#', 2);
  return end < 0 ? pk.slice(2) : pk.slice(2, end);
};

const hasBelow = (list: readonly string[] | undefined, tenant: string): boolean => {
  if (!list) return false;
  for (const x of list)
    if (tenant.length > x.length && tenant[x.length] === '.' && tenant.startsWith(x)) return true;
  return false;
};

/** Whether `scope` may read (or, with `write`, change) the partition `pk`. */
export function allowsKey(scope: IsolationScope, pk: string, write: boolean): boolean {
  if (scope.all) return true;
  if (pk.startsWith('T#')) {
    const tenant = tenantOfKey(pk);
    if (scope.tenants?.includes(tenant) || hasBelow(scope.below, tenant)) return true;
    // An ancestor's own partition only (its bodies, seals, calendar), never its cases.
    return !write && pk.length === tenant.length + 2 && scope.readTenants?.includes(tenant) === true;
  }
  if (pk.startsWith('C#')) {
    const city = pk.slice(2);
    if (scope.cities?.includes(city)) return true;
    return !write && scope.readCities?.includes(city) === true;
  }
  // The platform partition holds the city list (public) and the readiness probe: anyone reads, only the platform writes.
  if (pk === 'P#') return !write;
  // A case command schedules and drops its own jobs in its transaction; reading the queue is the clock's alone.
  if (pk.startsWith('JOB#')) return write;
  return false;
}

type Attrs = Record<string, AttributeValue> | undefined;
type KeyUse = readonly [pk: string | undefined, write: boolean];

const INDEX_KEYS = tableDefinition.globalSecondaryIndexes.map((g) => g.partitionKey);
const PK = tableDefinition.partitionKey;

const pkOf = (attrs: Attrs): string | undefined => attrs?.[PK]?.S;

/** An item's own partition and the index partitions it would appear in. */
function itemKeys(item: Attrs, out: KeyUse[]): void {
  out.push([pkOf(item), true]);
  for (const name of INDEX_KEYS) {
    const v = item?.[name];
    if (v) out.push([v.S, true]);
  }
}

/**
 * The partition a Query reads: the value compared for equality with the table's or index's
 * partition key in KeyConditionExpression. Anything we cannot read plainly is `undefined`,
 * which refuses: the guard fails closed.
 */
function queryPartition(input: QueryLike): string | undefined {
  const index = input.IndexName
    ? tableDefinition.globalSecondaryIndexes.find((g) => g.indexName === input.IndexName)
    : undefined;
  if (input.IndexName && !index) return undefined;
  const name = index ? index.partitionKey : PK;
  const expr = input.KeyConditionExpression ?? '';
  for (const part of expr.split(/\s+AND\s+/i)) {
    const m = /^\s*\(?\s*([#\w]+)\s*=\s*(:\w+)\s*\)?\s*$/.exec(part);
    if (!m) continue;
    const attr = m[1]?.startsWith('#') ? input.ExpressionAttributeNames?.[m[1]] : m[1];
    if (attr === name) return input.ExpressionAttributeValues?.[m[2] ?? '']?.S;
  }
  return undefined;
}

interface QueryLike {
  readonly IndexName?: string;
  readonly KeyConditionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Attrs;
}

interface TransactWriteLike {
  readonly Put?: { readonly Item?: Attrs };
  readonly Update?: { readonly Key?: Attrs };
  readonly Delete?: { readonly Key?: Attrs };
  readonly ConditionCheck?: { readonly Key?: Attrs };
}

interface BatchWriteLike {
  readonly PutRequest?: { readonly Item?: Attrs };
  readonly DeleteRequest?: { readonly Key?: Attrs };
}

/**
 * Every partition key a command names, with whether it writes there; `undefined` for a
 * command the guard does not know (Scan, PartiQL, table management), which a scoped request
 * may not send at all.
 */
// biome-ignore lint/suspicious/noExplicitAny: the input of any DynamoDB command; each branch reads its own fields
export function keysOfCommand(command: string, input: any): KeyUse[] | undefined {
  const out: KeyUse[] = [];
  switch (command) {
    case 'GetItemCommand':
      out.push([pkOf(input.Key), false]);
      return out;
    case 'PutItemCommand':
      itemKeys(input.Item, out);
      return out;
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      out.push([pkOf(input.Key), true]);
      return out;
    case 'QueryCommand':
      out.push([queryPartition(input), false]);
      return out;
    case 'TransactWriteItemsCommand':
      for (const t of (input.TransactItems ?? []) as TransactWriteLike[]) {
        if (t.Put) itemKeys(t.Put.Item, out);
        else if (t.Update) out.push([pkOf(t.Update.Key), true]);
        else if (t.Delete) out.push([pkOf(t.Delete.Key), true]);
        else if (t.ConditionCheck) out.push([pkOf(t.ConditionCheck.Key), false]);
        else out.push([undefined, true]);
      }
      return out;
    case 'TransactGetItemsCommand':
      for (const t of (input.TransactItems ?? []) as { Get?: { Key?: Attrs } }[])
        out.push([pkOf(t.Get?.Key), false]);
      return out;
    case 'BatchGetItemCommand':
      for (const table of Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Attrs[] }>)) {
        for (const key of table.Keys ?? []) out.push([pkOf(key), false]);
      }
      return out;
    case 'BatchWriteItemCommand':
      for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, BatchWriteLike[]>)) {
        for (const r of requests) {
          if (r.PutRequest) itemKeys(r.PutRequest.Item, out);
          else out.push([pkOf(r.DeleteRequest?.Key), true]);
        }
      }
      return out;
    default:
      return undefined;
  }
}

/** The answer to a refused key: exactly what a missing item answers, so a refusal confirms nothing. */
export const isolationRefused = () =>
  new DomainError('not-found', '资源不存在', 'No such resource', { cause: new Error('isolation-refused') });

/**
 * Throws (after reporting) when `scope` may not send `command` with `input`. The api's scope
 * never names a key the request was not authorised for, so a refusal means a bug or an attack.
 */
export function checkCommand(scope: IsolationScope, command: string, input: unknown): void {
  const uses = keysOfCommand(command, input);
  if (uses === undefined) refuse(scope, command, '*', true);
  for (const [pk, write] of uses) {
    if (pk === undefined || !allowsKey(scope, pk, write)) refuse(scope, command, pk ?? '?', write);
  }
}

function refuse(scope: IsolationScope, command: string, key: string, write: boolean): never {
  scope.report?.({ who: scope.who, command, key, write });
  throw isolationRefused();
}

/**
 * The second isolation layer in code: every request of a scoped caller is checked before it
 * is serialised, so a key outside the caller's reach never leaves the process. Inside the
 * store-faults middleware (a refusal is not a fault) and before the SDK's retries.
 */
export function withIsolationGuard(client: DynamoDBClient): DynamoDBClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const scope = storage.getStore();
      if (scope && !scope.all) checkCommand(scope, context.commandName ?? '?', args.input);
      return next(args);
    },
    { step: 'initialize', name: 'onewindowIsolationGuard', priority: 'low' },
  );
  return client;
}
