import { loadavg } from 'node:os';
import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { caseKeys, type Store, tableDefinition } from '../packages/store/src';
import { type TestApp, testApp } from '../test/support/app';
import { DONGSHAN } from '../test/support/authority';
import { APPROVER, CASES, CLERK, intakeBody, seedCases } from '../test/support/cases';
import { onFreshDynamo } from './rollout';

/**
 * Issue 10 (5, 6): the items and bytes one case leaves in the table, and what each command of
 * its life costs in write and read units, per partition, as real DynamoDB bills them (item
 * sizes as DynamoDB counts them; 1 WCU per started KB written, 2 in a transaction; 1 RCU per
 * started 4 KB read strongly consistent, half eventually). The per-partition split is what
 * the README's capacity ceilings are computed from.
 */
const KB = 1024;

/** The size DynamoDB bills for an attribute value (its documented rules). */
function valueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L !== undefined) return 3 + v.L.reduce((n, e) => n + 1 + valueBytes(e), 0);
  if (v.M !== undefined)
    return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueBytes(e), 0);
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  return 0;
}

export const itemBytes = (item: Record<string, AttributeValue>) =>
  Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueBytes(v), 0);

/** Where a write lands: a tenant's shared partition, a case's own, the clock's lanes, or an index's. */
type Place = 'tenant' | 'case' | 'city' | 'job' | 'gsi1 queue' | 'gsi2 open' | 'gsi3 cases' | 'other';
const PLACES: readonly Place[] = ['case', 'tenant', 'job', 'gsi1 queue', 'gsi2 open', 'gsi3 cases'];
const INDEX_PLACE: Record<string, Place> = { gsi1: 'gsi1 queue', gsi2: 'gsi2 open', gsi3: 'gsi3 cases' };

function placeOf(pk: string): Place {
  if (pk === `T#${DONGSHAN}`) return 'tenant';
  if (pk.startsWith(`T#${DONGSHAN}#CASE#`)) return 'case';
  if (pk.startsWith('JOB')) return 'job';
  if (pk.startsWith('C#')) return 'city';
  return 'other';
}

export interface CommandUnits {
  readonly name: string;
  readonly wcu: Readonly<Partial<Record<Place, number>>>;
  readonly rcu: number;
  /** RCU by where they were read. */
  readonly reads: Readonly<Partial<Record<Place, number>>>;
  readonly requests: number;
  /** Bytes of the JSON answer: what an Idempotency-Key record stores. */
  readonly answerBytes: number;
}

export interface ItemFigures {
  readonly commands: readonly CommandUnits[];
  readonly projectionBytes: number;
  readonly events: number;
  readonly eventBytes: number;
  readonly largestEventBytes: number;
  readonly indexEntryBytes: Readonly<Record<string, number>>;
  readonly load: number;
}

type Raw = Record<string, AttributeValue>;

/** Records each write's item and each read's answer bytes while a command runs. */
function meter(store: Store) {
  let log: { command: string; input: Record<string, unknown>; readBytes: number[]; consistent: boolean }[] =
    [];
  type Next = (args: { input: unknown }) => Promise<{ output: Record<string, unknown> }>;
  store.client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
      const result = await next(args);
      const input = args.input as Record<string, unknown>;
      const out = result.output as { Item?: Raw; Items?: Raw[]; Responses?: Record<string, Raw[]> };
      const read = [
        ...(out.Item ? [out.Item] : []),
        ...(out.Items ?? []),
        ...Object.values(out.Responses ?? {}).flat(),
      ];
      log.push({
        command: (context.commandName ?? '?').replace(/Command$/, ''),
        input,
        readBytes: read.map(itemBytes),
        consistent: input.ConsistentRead === true,
      });
      return result;
    }) as never,
    { step: 'initialize', name: 'itemMeter' },
  );
  return {
    take() {
      const taken = log;
      log = [];
      return taken;
    },
  };
}

/** The index entry an item makes in `index`: its keys, the table's keys and the projected attributes. */
function indexEntry(
  item: Raw,
  index: (typeof tableDefinition.globalSecondaryIndexes)[number],
): Raw | undefined {
  if (!item[index.partitionKey]) return undefined;
  const names = ['pk', 'sk', index.partitionKey, index.sortKey, ...index.include];
  return Object.fromEntries(names.flatMap((n) => (item[n] ? [[n, item[n]]] : [])));
}

const wcu = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

/** WCU per place of one command's writes; `previous` holds the last image of each key for index moves. */
function unitsOf(
  name: string,
  log: ReturnType<ReturnType<typeof meter>['take']>,
  previous: Map<string, Raw>,
  answerBytes: number,
): CommandUnits {
  const units: Partial<Record<Place, number>> = {};
  const add = (place: Place, n: number) => {
    units[place] = (units[place] ?? 0) + n;
  };
  const put = (item: Raw, factor: number) => {
    const key = `${item.pk?.S}|${item.sk?.S}`;
    add(placeOf(item.pk?.S ?? ''), factor * wcu(itemBytes(item)));
    const before = previous.get(key);
    for (const index of tableDefinition.globalSecondaryIndexes) {
      const entry = indexEntry(item, index);
      const old = before && indexEntry(before, index);
      const place = INDEX_PLACE[index.indexName] ?? 'other';
      // An index write is never transactional; a moved key is a delete and a put.
      if (entry) add(place, wcu(itemBytes(entry)));
      if (old && (!entry || old[index.sortKey]?.S !== entry[index.sortKey]?.S)) add(place, 1);
    }
    previous.set(key, item);
  };
  const reads: Partial<Record<Place, number>> = {};
  const read = (r: (typeof log)[number], units: number) => {
    const key = r.input.Key as Raw | undefined;
    const values = r.input.ExpressionAttributeValues as Raw | undefined;
    const index = r.input.IndexName as string | undefined;
    const place = index ? (INDEX_PLACE[index] ?? 'other') : placeOf(key?.pk?.S ?? values?.[':pk']?.S ?? '');
    reads[place] = (reads[place] ?? 0) + units * (r.consistent ? 1 : 0.5);
  };
  for (const r of log) {
    if (r.command === 'TransactWriteItems') {
      for (const w of (r.input.TransactItems ?? []) as Record<string, { Item?: Raw; Key?: Raw }>[]) {
        if (w.Put?.Item) put(w.Put.Item, 2);
        // Counters and deletes touch items under 1 KB here.
        else if (w.Update?.Key) add(placeOf(w.Update.Key.pk?.S ?? ''), 2);
        else if (w.Delete?.Key) add(placeOf(w.Delete.Key.pk?.S ?? ''), 2);
        else if (w.ConditionCheck?.Key) add(placeOf(w.ConditionCheck.Key.pk?.S ?? ''), 2);
      }
    } else if (r.command === 'PutItem') put(r.input.Item as Raw, 1);
    else if (r.command === 'UpdateItem' || r.command === 'DeleteItem')
      add(placeOf((r.input.Key as Raw).pk?.S ?? ''), 1);
    else if (r.command === 'GetItem')
      read(r, r.readBytes.reduce((n, b) => n + Math.max(1, Math.ceil(b / (4 * KB))), 0) || 1);
    else if (r.command === 'Query')
      read(r, Math.max(1, Math.ceil(r.readBytes.reduce((n, b) => n + b, 0) / (4 * KB))));
  }
  const rcu = Object.values(reads).reduce((n, x) => n + x, 0);
  return { name, wcu: units, rcu, reads, requests: log.length, answerBytes };
}

/** One case's ordinary life through the API (intake accepted on the spot, decision, issuance, a read). */
async function life(t: TestApp, store: Store): Promise<ItemFigures> {
  const m = meter(store);
  const previous = new Map<string, Raw>();
  const commands: CommandUnits[] = [];
  const step = async (name: string, run: () => Promise<{ status: number; body: { caseNo?: string } }>) => {
    m.take();
    const res = await run();
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    commands.push(unitsOf(name, m.take(), previous, Buffer.byteLength(JSON.stringify(res.body))));
    return res.body;
  };
  const { caseNo } = await step('intake', () => t.call(CLERK, 'POST', CASES, intakeBody()));
  if (!caseNo) throw new Error('no case number');
  await step('decide', () => t.call(APPROVER, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'approve' }));
  await step('issue', () => t.call(CLERK, 'POST', `${CASES}/${caseNo}/issue`, { delivery: 'window' }));
  await step('read the case', () => t.call(CLERK, 'GET', `${CASES}/${caseNo}`));
  await step('list page (50)', () => t.call(CLERK, 'GET', `${CASES}?limit=50`));

  const { pk } = caseKeys.case(DONGSHAN, caseNo);
  const out = await store.client.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': pk }),
    }),
  );
  const items = out.Items ?? [];
  const projection = items.find((i) => i.entity?.S === 'case');
  const events = items.filter((i) => i.entity?.S === 'case-event');
  if (!projection) throw new Error('no projection');
  return {
    commands,
    projectionBytes: itemBytes(projection),
    events: events.length,
    eventBytes: events.reduce((n, e) => n + itemBytes(e), 0),
    largestEventBytes: Math.max(...events.map(itemBytes)),
    indexEntryBytes: Object.fromEntries(
      tableDefinition.globalSecondaryIndexes.flatMap((index) => {
        const entry = indexEntry(projection, index);
        return entry ? [[index.indexName, itemBytes(entry)]] : [];
      }),
    ),
    load: loadavg()[0] ?? Number.NaN,
  };
}

export function measureItems(): Promise<ItemFigures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return onFreshDynamo(async (store) => {
    const t = await testApp({ store });
    await seedCases(t);
    return life(t, store);
  });
}

export function itemsReport(f: ItemFigures): string {
  const reads = (c: CommandUnits) =>
    Object.entries(c.reads)
      .map(([p, n]) => `${n} ${p}`)
      .join(', ');
  const row = (c: CommandUnits) =>
    `| ${c.name} | ${PLACES.map((p) => c.wcu[p] ?? 0).join(' | ')} | ${c.rcu} (${reads(c)}) | ${c.requests} | ${c.answerBytes.toLocaleString('en')} |`;
  const writes = f.commands.filter((c) => Object.keys(c.wcu).length > 0);
  const total = (p: Place) => writes.reduce((n, c) => n + (c.wcu[p] ?? 0), 0);
  return `
## Items and bytes per case (issue 10)

One case's ordinary life through the API on DynamoDB Local (intake accepted on the spot, approval,
issuance), then a staff read of the case and a list page. Item sizes as DynamoDB bills them; WCU as real
DynamoDB charges them (1 per started KB, 2 in a transaction; an index entry 1 per started KB, a moved
index key 1 more); RCU 1 per started 4 KB strongly consistent, half eventually. Load average ${f.load.toFixed(2)}.

| stored | items | bytes |
|---|---:|---:|
| projection (\`T#…#CASE#<no>\` / \`CASE\`) | 1 | ${f.projectionBytes.toLocaleString('en')} |
| event items (same partition) | ${f.events} | ${f.eventBytes.toLocaleString('en')} (largest ${f.largestEventBytes.toLocaleString('en')}) |
${Object.entries(f.indexEntryBytes)
  .map(([index, bytes]) => `| ${index} entry (list row only) | 1 | ${bytes.toLocaleString('en')} |`)
  .join('\n')}

| command | WCU ${PLACES.join(' | WCU ')} | RCU (where) | requests | answer bytes |
|---|${PLACES.map(() => '---:').join('|')}|---|---:|---:|
${f.commands.map(row).join('\n')}
| **life (writes)** | ${PLACES.map((p) => `**${total(p)}**`).join(' | ')} | | | |
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(itemsReport(await measureItems()));
}
