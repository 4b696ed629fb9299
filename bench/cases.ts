import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { DevClaims } from '../packages/local/src/issuer';
import { ensureTable } from '../packages/local/src/table';
import type { Store } from '../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../test/support/app';
import { DONGSHAN } from '../test/support/authority';
import { APPROVER, CASES, CLERK, intakeBody, seedCases } from '../test/support/cases';
import { onFreshDynamo } from './rollout';

/**
 * Issue 4: what a case command costs at DynamoDB. Every request the app's client sends is
 * recorded (command name, start, end, input) by a middleware on that client, so the bench
 * counts requests per API call, finds the call's round trips, and captures the exact
 * TransactWriteItems it sent, which it then replays bare to compare latency.
 */
const SAMPLES = 200;
const WARMUP = 20;
export const TARGET_LATENCY_RATIO = 1.5;

/** Operations that write outside a transaction: any of them in a command misses the target. */
const PLAIN_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const TRANSACTION = 'TransactWriteItems';
const writes = (command: string) => command === TRANSACTION || PLAIN_WRITES.has(command);

interface SdkRequest {
  readonly command: string;
  readonly input: unknown;
  readonly start: number;
  end: number;
}

interface Recorded<T> {
  readonly value: T;
  readonly requests: readonly SdkRequest[];
  readonly start: number;
  readonly end: number;
}

/** Records the requests `client` sends while `during` runs; nothing is copied, so it costs next to nothing. */
function requestRecorder(client: DynamoDBClient) {
  let log: SdkRequest[] | undefined;
  type Next = (args: { input: unknown }) => Promise<unknown>;
  client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
      if (!log) return next(args);
      const request: SdkRequest = {
        command: (context.commandName ?? '?').replace(/Command$/, ''),
        input: args.input,
        start: performance.now(),
        end: Number.NaN,
      };
      log.push(request);
      try {
        return await next(args);
      } finally {
        request.end = performance.now();
      }
    }) as never,
    { step: 'initialize', name: 'benchRequests' },
  );
  return async <T>(fn: () => Promise<T>): Promise<Recorded<T>> => {
    const requests: SdkRequest[] = [];
    log = requests;
    const start = performance.now();
    try {
      const value = await fn();
      return { value, requests, start, end: performance.now() };
    } finally {
      log = undefined;
    }
  };
}

/** How many requests waited on an earlier one: 1 + the longest chain of request-after-request. */
function roundTrips(requests: readonly SdkRequest[]): number {
  const depth: number[] = [];
  requests.forEach((r, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) if ((requests[j]?.end ?? 0) <= r.start) d = Math.max(d, (depth[j] ?? 0) + 1);
    depth.push(d);
  });
  return Math.max(0, ...depth);
}

const countBy = (names: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const n of names) counts[n] = (counts[n] ?? 0) + 1;
  return counts;
};

/** A JSON call through the app exactly as a client makes it: bearer token, JSON body, answer read. */
async function call(t: TestApp, as: DevClaims, method: string, path: string, body?: unknown, headers = {}) {
  const init: RequestInit = {
    method,
    headers: {
      authorization: `Bearer ${await t.token(as)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  return async () => {
    const res = await t.app.request(path, init);
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  };
}

export interface CommandCost {
  readonly command: string;
  readonly status: number;
  readonly write: boolean;
  readonly transactions: number;
  /** Items in the transaction (entity writes + audit record [+ idempotency record]). */
  readonly transactItems: number;
  readonly reads: Record<string, number>;
  readonly plainWrites: Record<string, number>;
  readonly roundTrips: number;
  /** Where this command missed the target, if it did. */
  readonly missed?: string;
}

function costOf(command: string, write: boolean, r: Recorded<{ status: number }>): CommandCost {
  const names = r.requests.map((q) => q.command);
  const transactions = names.filter((n) => n === TRANSACTION).length;
  const plainWrites = countBy(
    r.requests
      .filter((q) => PLAIN_WRITES.has(q.command))
      .map((q) => {
        const claim = numberClaimOf(q);
        return claim ? `${q.command} ${claim}` : q.command;
      }),
  );
  // Intake claims its case number, and a paper its document number (文号), with one atomic ADD before
  // the transaction (issues 10 and 17): by design, not a miss.
  const strayWrites = Object.keys(plainWrites).filter((w) => !NUMBER_CLAIMS.some((p) => w.endsWith(p)));
  const reads = countBy(r.requests.filter((q) => !writes(q.command)).map(labelOf));
  const tx = r.requests.find((q) => q.command === TRANSACTION)?.input as TransactWriteItemsCommandInput;
  const missed = [
    r.value.status >= 300 ? `answered ${r.value.status}` : '',
    write && transactions !== 1 ? `${transactions} transactions` : '',
    !write && transactions !== 0 ? `${transactions} transactions on a read` : '',
    strayWrites.length > 0 ? `writes outside the transaction: ${strayWrites}` : '',
  ].filter(Boolean);
  return {
    command,
    status: r.value.status,
    write,
    transactions,
    transactItems: tx?.TransactItems?.length ?? 0,
    reads,
    plainWrites,
    roundTrips: roundTrips(r.requests),
    ...(missed.length > 0 ? { missed: missed.join('; ') } : {}),
  };
}

const FEE_MATTER = 'm5';

/** Seeds the tenant of the case tests (seedCases) and puts a fee on m5 so a case can be paid. */
async function seeded(store: Store): Promise<TestApp> {
  const t = await testApp({ store });
  await seedCases(t);
  // The seal's SM2 key is made once, on its first use (issue 14): a running hall has it long before.
  await t.services.esign.certificate(DONGSHAN, 'centre-seal', new Date().toISOString());
  const fee = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/${FEE_MATTER}/settings`, {
    fees: [{ code: 'gb', name: '工本费', amount: 10 }],
  });
  if (fee.status >= 300) throw new Error(`fee settings: ${fee.status} ${JSON.stringify(fee.body)}`);
  return t;
}

/** Every case command once, through the API, with the DynamoDB requests each sent. */
async function commandCosts(store: Store): Promise<CommandCost[]> {
  const t = await seeded(store);
  const record = requestRecorder(store.client);
  const costs: CommandCost[] = [];
  const run = async (
    command: string,
    as: DevClaims,
    method: string,
    path: string,
    body?: unknown,
    h = {},
  ) => {
    const r = await record(await call(t, as, method, path, body, h));
    costs.push(costOf(command, method !== 'GET', r));
    return r.value.body;
  };
  const setup = async (as: DevClaims, path: string, body: unknown) => {
    const res = await t.call(as, 'POST', path, body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { caseNo: string };
  };
  const at = (caseNo: unknown, action = '') => `${CASES}/${caseNo}${action && `/${action}`}`;

  const main = (await run('intake (accepted)', CLERK, 'POST', CASES, intakeBody())).caseNo;
  const partial = intakeBody({ materials: [{ code: 'copy', provided: true }] });
  const needsCorrection = await run('intake (needs-correction)', CLERK, 'POST', CASES, partial);
  if (needsCorrection.status !== 'needs-correction') throw new Error(`intake: ${needsCorrection.status}`);
  const corrected = needsCorrection.caseNo;
  await run('supplement', CLERK, 'POST', at(corrected, 'supplement'), {
    materials: [{ code: 'form', provided: true }],
  });
  await run('start-step', APPROVER, 'POST', at(main, 'start-step'), { kind: 'review' });
  await run('finish-step', APPROVER, 'POST', at(main, 'finish-step'), { stepId: 's1', outcome: 'pass' });
  await run('extend', APPROVER, 'POST', at(main, 'extend'), { days: 5, reason: '需补充调查' });
  await run('decide', APPROVER, 'POST', at(main, 'decide'), { outcome: 'approve' });
  const paying = (await setup(CLERK, CASES, intakeBody({ matter: FEE_MATTER }))).caseNo;
  await run('pay', CLERK, 'POST', at(paying, 'pay'), {});
  await run('issue', CLERK, 'POST', at(main, 'issue'), { delivery: 'window' });
  await run('GET case', APPROVER, 'GET', at(main));
  // Not a target row: what an Idempotency-Key adds (a GetItem of the stored answer, then its Put in the transaction).
  await run('intake (accepted), with Idempotency-Key', CLERK, 'POST', CASES, intakeBody(), {
    'idempotency-key': 'bench-idempotency-1',
  });
  return costs;
}

export interface LatencySide {
  readonly medianMs: number;
  readonly p95Ms: number;
}

export interface CommandLatency {
  readonly command: string;
  readonly api: LatencySide;
  readonly bare: LatencySide;
  /** The transaction as timed inside the API call, to show the replay is the same work. */
  readonly txInApi: LatencySide;
  readonly ratio: number;
  /** Medians of where an API call's time goes, in the order it is spent. */
  readonly phases: { readonly name: string; readonly ms: number }[];
  readonly requests: Record<string, number>;
  readonly roundTrips: number;
  /** The call's reads replayed bare, all at once as the API sends them. */
  readonly bareReads: LatencySide;
  /** Only the reads that neither a cache nor a smaller answer could spare (see `spareable`), replayed bare. */
  readonly bareKeptReads: LatencySide;
  readonly keptReads: Record<string, number>;
  /** Per sample: the API call with its reads phase swapped for the bare replay of the kept reads. */
  readonly withKeptReads: LatencySide;
  /** Per sample: the API call less its reads phase, the least a command that reads nothing could take. */
  readonly withoutReads: LatencySide;
}

const quantile = (xs: readonly number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const side = (xs: readonly number[]): LatencySide => ({
  medianMs: quantile(xs, 0.5),
  p95Ms: quantile(xs, 0.95),
});

/** A request named by what it reads: its operation and the sort-key prefix of its key or key condition. */
/** The number counters claimed with an atomic ADD outside a command's transaction: case numbers, 文号. */
const NUMBER_CLAIMS = ['CASESEQ#', 'DOCSEQ#'] as const;

/** The counter a request claims a number from (an UpdateItem ADD on `CASESEQ#` or `DOCSEQ#`), if it does. */
function numberClaimOf(q: SdkRequest): string | undefined {
  const key = (q.input as { Key?: { sk?: { S?: string } } }).Key?.sk?.S ?? '';
  return q.command === 'UpdateItem' ? NUMBER_CLAIMS.find((p) => key.startsWith(p)) : undefined;
}

function labelOf(q: SdkRequest): string {
  if (writes(q.command)) return q.command;
  const input = q.input as {
    Key?: { sk?: { S?: string } };
    ExpressionAttributeValues?: Record<string, { S?: string }>;
  };
  const values = input.ExpressionAttributeValues;
  const sk = input.Key?.sk?.S ?? values?.[':p']?.S ?? values?.[':lo']?.S;
  return sk ? `${q.command} ${sk.split('#')[0]}#` : q.command;
}

/**
 * Reads a command could do without, by sort-key prefix: configuration that changes rarely
 * and could be cached in the Lambda instance, and the timeline a command's answer repeats.
 */
export const spareable: Readonly<Record<string, string>> = {
  'CAL#': 'the working-day calendars (city + tenant): cacheable per tenant, they change a few times a year',
  'MATTER#': 'the catalogue matter: cacheable per city, it changes on a catalogue edit or import',
  'MSET#': "the tenant's matter settings: cacheable per tenant, they change on a settings edit",
  'EV#': "the case's earlier events: read only to put the whole timeline in the command's answer",
};
const isSpareable = (label: string) => Object.keys(spareable).some((p) => label.endsWith(` ${p}`));

/** Sends recorded reads again, all at once, against the table they read. */
function replayReads(client: DynamoDBClient, reads: readonly SdkRequest[]) {
  return Promise.all(
    reads.map((q) => {
      if (q.command === 'GetItem') return client.send(new GetItemCommand(q.input as GetItemCommandInput));
      if (q.command === 'Query') return client.send(new QueryCommand(q.input as QueryCommandInput));
      throw new Error(`no replay for ${q.command}`);
    }),
  );
}

/** The captured transaction aimed at the mirror table; a fresh idempotency token is the SDK's. */
function retarget(input: TransactWriteItemsCommandInput, table: string): TransactWriteItemsCommandInput {
  return {
    TransactItems: (input.TransactItems ?? []).map(
      (item) =>
        Object.fromEntries(
          Object.entries(item).map(([op, body]) => [op, { ...body, TableName: table }]),
        ) as TransactWriteItem,
    ),
  };
}

const timed = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const PHASES = [
  'auth, body validation, routing (before the first request)',
  'reads (first request sent → last read answered)',
  'decide, evolve, marshall (last read → transaction sent)',
  'TransactWriteItems',
  'response (transaction answered → body read)',
] as const;

/**
 * Times one command through the API beside the bare transaction it issued, sample by sample
 * (the API call, then its transaction and its reads replayed, in a rotating order), so
 * DynamoDB Local's slowdown as writes accumulate weighs on every side alike. The transaction
 * goes to a mirror table that has received every replayed transaction in the same order: its
 * keys are fresh, and each condition (the day's case-number counter, a new case, the case
 * version) finds there what it found in the API's table. Reads replay against the API's table.
 */
async function timeCommand(
  store: Store,
  mirror: string,
  record: ReturnType<typeof requestRecorder>,
  command: string,
  calls: readonly (() => Promise<{ status: number; body: Record<string, unknown> }>)[],
): Promise<{ latency: CommandLatency; bodies: Record<string, unknown>[] }> {
  const samples = { api: [] as number[], bare: [] as number[], txInApi: [] as number[] };
  const reads = { all: [] as number[], kept: [] as number[] };
  const estimates = { withKeptReads: [] as number[], withoutReads: [] as number[] };
  const phases = PHASES.map(() => [] as number[]);
  const bodies: Record<string, unknown>[] = [];
  let shape: Pick<CommandLatency, 'requests' | 'roundTrips' | 'keptReads'> | undefined;
  for (const [i, fn] of calls.entries()) {
    const r = await record(fn);
    if (r.value.status >= 300)
      throw new Error(`${command}: ${r.value.status} ${JSON.stringify(r.value.body)}`);
    bodies.push(r.value.body);
    const tx = r.requests.filter((q) => q.command === TRANSACTION);
    const readRequests = r.requests.filter((q) => !writes(q.command));
    const kept = readRequests.filter((q) => !isSpareable(labelOf(q)));
    if (tx.length !== 1 || !tx[0]) throw new Error(`${command}: ${tx.length} transactions`);
    const replay = new TransactWriteItemsCommand(
      retarget(tx[0].input as TransactWriteItemsCommandInput, mirror),
    );
    const sides = [
      async () => samples.bare.push(await timed(() => store.client.send(replay))),
      async () => reads.all.push(await timed(() => replayReads(store.client, readRequests))),
      async () => reads.kept.push(await timed(() => replayReads(store.client, kept))),
    ];
    for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]?.();
    if (i < WARMUP) {
      samples.bare.length = reads.all.length = reads.kept.length = 0;
      continue;
    }
    shape ??= {
      requests: countBy(r.requests.map(labelOf)),
      roundTrips: roundTrips(r.requests),
      keptReads: countBy(kept.map(labelOf)),
    };
    const first = r.requests[0]?.start ?? tx[0].start;
    const readsEnd = Math.max(first, ...readRequests.map((q) => q.end));
    const txMs = tx[0].end - tx[0].start;
    [first - r.start, readsEnd - first, tx[0].start - readsEnd, txMs, r.end - tx[0].end].forEach((ms, k) => {
      phases[k]?.push(ms);
    });
    const apiMs = r.end - r.start;
    samples.api.push(apiMs);
    samples.txInApi.push(txMs);
    estimates.withoutReads.push(apiMs - (readsEnd - first));
    estimates.withKeptReads.push(apiMs - (readsEnd - first) + (reads.kept.at(-1) ?? Number.NaN));
  }
  const latency: CommandLatency = {
    command,
    api: side(samples.api),
    bare: side(samples.bare),
    txInApi: side(samples.txInApi),
    ratio: quantile(samples.api, 0.5) / quantile(samples.bare, 0.5),
    phases: PHASES.map((name, k) => ({ name, ms: quantile(phases[k] ?? [], 0.5) })),
    bareReads: side(reads.all),
    bareKeptReads: side(reads.kept),
    requests: shape?.requests ?? {},
    roundTrips: shape?.roundTrips ?? 0,
    keptReads: shape?.keptReads ?? {},
    withKeptReads: side(estimates.withKeptReads),
    withoutReads: side(estimates.withoutReads),
  };
  return { latency, bodies };
}

/** Intakes, then decides of the cases they opened, each beside its bare transaction. */
async function commandLatency(store: Store, samples: number): Promise<CommandLatency[]> {
  const t = await seeded(store);
  const mirror = `${store.tableName}-bare`;
  await ensureTable(store.client, mirror);
  const record = requestRecorder(store.client);
  const n = WARMUP + samples;
  const intakes = await Promise.all(
    Array.from({ length: n }, () => call(t, CLERK, 'POST', CASES, intakeBody())),
  );
  const intake = await timeCommand(store, mirror, record, 'intake', intakes);
  const decides = await Promise.all(
    intake.bodies.map((b) =>
      call(t, APPROVER, 'POST', `${CASES}/${b.caseNo}/decide`, { outcome: 'approve' }),
    ),
  );
  const decide = await timeCommand(store, mirror, record, 'decide', decides);
  return [intake.latency, decide.latency];
}

export interface CaseFigures {
  readonly commands: CommandCost[];
  readonly latency: CommandLatency[];
  readonly samples: number;
  /** One-minute load averages before and after the latency run: the machine is shared. */
  readonly load: readonly [number, number];
}

/** Issue 4's figures, each part in its own fresh DynamoDB Local (see bench/rollout.ts for why). */
export async function measureCases(samples = SAMPLES): Promise<CaseFigures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const commands = await onFreshDynamo(commandCosts);
  const before = loadavg()[0] ?? Number.NaN;
  const latency = await onFreshDynamo((store) => commandLatency(store, samples));
  return { commands, latency, samples, load: [before, loadavg()[0] ?? Number.NaN] };
}

/** Request counts that miss "exactly one transaction per write command, no other writes". */
export const countMisses = (f: CaseFigures) => f.commands.filter((c) => c.missed);

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const ms = (x: number) => `${x.toFixed(2)} ms`;
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ') || '—';

/** What the latency figures say, and what would close the gap, from this run's numbers. */
function reading(f: CaseFigures): string {
  const appMs = (l: CommandLatency) =>
    (l.phases[0]?.ms ?? 0) + (l.phases[2]?.ms ?? 0) + (l.phases[4]?.ms ?? 0);
  const times = (e: LatencySide, l: CommandLatency) => `${(e.medianMs / l.bare.medianMs).toFixed(2)}×`;
  const per = f.latency
    .map(
      (l) =>
        `- ${l.command}: ${l.roundTrips} round trips; reads ${ms(l.phases[1]?.ms ?? Number.NaN)}, transaction ${ms(l.txInApi.medianMs)} (bare ${ms(l.bare.medianMs)}), the app's own code ${ms(appMs(l))}.`,
    )
    .join('\n');
  const decide = f.latency.find((l) => l.command === 'decide');
  const together = decide
    ? `: the decide's ${Object.values(decide.requests).reduce((x, y) => x + y, 0) - 1} reads at once took ${ms(decide.bareReads.medianMs)}, its GetItem alone ${ms(decide.bareKeptReads.medianMs)}`
    : '';
  const kept = f.latency.map((l) => `${l.command} ${times(l.withKeptReads, l)}`).join(', ');
  const noReads = f.latency.map((l) => `${l.command} ${times(l.withoutReads, l)}`).join(', ');
  const stuck = f.latency.filter((l) => l.withoutReads.medianMs > TARGET_LATENCY_RATIO * l.bare.medianMs);
  return `Reading it (load average ${f.load[0].toFixed(1)} before the latency run and ${f.load[1].toFixed(1)} after, on ${cpus().length} CPUs):

${per}

Each command is one round of reads sent together, then its one transaction; the transaction inside the API call
takes about what its bare replay takes, so the gap is the round of reads plus the app's own code. Reads sent
together are not free here${together} (every request costs this one Node thread its SDK work, and DynamoDB Local
its own), so each read a command drops shortens it. What would help, by the reads it saves:

1. Cache each tenant's effective working-day calendar in the Lambda instance (\`CalendarRepository.effectiveFor\`,
   two Queries in every case command).
2. For intake, cache the catalogue matter and the tenant's matter settings (\`CaseReference.matter\`, a GetItem and
   a Query), with a short time to live.
3. For the actions, stop reading the earlier events (\`repo.events\` in \`CaseService.run\`) only to answer with the
   whole timeline: answer with this command's events and leave the timeline to \`GET …/cases/{caseNo}\` (an API change).

With all three, intake would read only the authority period and the day's case-number counter, an action only its
case: estimated at ${kept} of the bare transaction. With no reads at all: ${noReads}.${
    stuck.length > 0
      ? ` So on this emulator ${stuck.map((l) => l.command).join(' and ')} cannot reach ${TARGET_LATENCY_RATIO}× by dropping reads alone: the app's own code and the transaction inside the call already take more than ${TARGET_LATENCY_RATIO}× a transaction that DynamoDB Local answers in a few milliseconds.`
      : ''
  }`;
}

/** The RESULTS.md section for issue 4. */
export function casesReport(f: CaseFigures): string {
  const rows = f.commands
    .map(
      (c) =>
        `| ${c.command} | ${c.status} | ${c.transactions} | ${c.transactItems || '—'} | ${list(c.reads)} | ${list(c.plainWrites)} | ${c.roundTrips} | ${c.missed ? `**missed**: ${c.missed}` : 'met'} |`,
    )
    .join('\n');
  const misses = countMisses(f);
  const lat = f.latency
    .map(
      (l) =>
        `| ${l.command} | ${ms(l.api.medianMs)} | ${ms(l.api.p95Ms)} | ${ms(l.bare.medianMs)} | ${ms(l.bare.p95Ms)} | ${ms(l.txInApi.medianMs)} | ${l.ratio.toFixed(2)}× | ${verdict(l.ratio <= TARGET_LATENCY_RATIO)} |`,
    )
    .join('\n');
  const estimate = (l: CommandLatency, e: LatencySide) =>
    `${ms(e.medianMs)} = ${(e.medianMs / l.bare.medianMs).toFixed(2)}× the bare transaction`;
  const row = (name: string, cell: (l: CommandLatency) => string) =>
    `| ${name} | ${f.latency.map(cell).join(' | ')} |`;
  const breakdown = [
    ...PHASES.map((name, k) => row(name, (l) => ms(l.phases[k]?.ms ?? Number.NaN))),
    row('**whole API call**', (l) => `**${ms(l.api.medianMs)}**`),
    row('DynamoDB requests', (l) => list(l.requests)),
    row('round trips (requests one after another)', (l) => String(l.roundTrips)),
    row('the same reads replayed bare, all at once', (l) => ms(l.bareReads.medianMs)),
    row('reads left without the spareable ones', (l) => list(l.keptReads)),
    row('those reads replayed bare, all at once', (l) => ms(l.bareKeptReads.medianMs)),
    row('API call with only those reads (estimate: each call less its reads, plus that replay)', (l) =>
      estimate(l, l.withKeptReads),
    ),
    row('API call with no reads at all (each call less its reads)', (l) => estimate(l, l.withoutReads)),
  ].join('\n');
  return `
## Case commands: DynamoDB requests and latency (issue 4)

### Requests per command

Each command once through the API (\`app.request\`, a dev-issuer bearer token) over DynamoDB Local, on the
tenant the case tests seed (test/support/cases.ts \`seedCases\`); a middleware on the app's DynamoDB client
counts every request the call sends. Reads are named by the sort-key prefix they read. Round trips count
requests sent one after another: reads that go out together are one.

| command | status | TransactWriteItems | items in it | reads | writes outside it | round trips | target |
|---|---:|---:|---:|---|---|---:|---|
${rows}

- Target: exactly one transaction per write command and no other write — ${verdict(misses.length === 0)}${misses.length ? ` (${misses.map((m) => m.command).join(', ')})` : ''}.
- The last row is not a target row: an \`Idempotency-Key\` adds a GetItem of the stored answer before the
  command, and the answer's Put inside its one transaction.
- Not misses, by design: intake claims its case number (\`CASESEQ#\`), and a command that gives a paper
  (acceptance, decision, result) its document number (文号, \`DOCSEQ#\`), each with one atomic UpdateItem ADD
  before the transaction, so a number is never given twice; a command that then fails leaves a gap. The
  seal's SM2 key already exists: it is made once, on the seal's first use.

### Latency through the API vs the bare transaction

${f.samples} intakes, then ${f.samples} decides of the cases they opened (after ${WARMUP} of each to warm up), through the
API in one process over a fresh DynamoDB Local. After each call its captured TransactWriteItems input is replayed
as is with the SDK client against a mirror table that has received every replay in the same order, so its keys are
fresh and each condition (the day's case-number counter, a new case, the case version) holds there as it held in the
API's table; the call's reads are replayed too, against the API's table. API and bare samples alternate (the
replays in a rotating order), so the emulator's slowdown as writes accumulate weighs on every side alike.

| command | API median | API p95 | bare median | bare p95 | transaction inside the API call (median) | ratio of medians | target ≤ ${TARGET_LATENCY_RATIO}× |
|---|---:|---:|---:|---:|---:|---:|---|
${lat}

Where an API call's time goes (medians of each phase, from the timestamps the middleware took; the phases'
medians need not add up to the call's):

| | ${f.latency.map((l) => l.command).join(' | ')} |
|---|${f.latency.map(() => '---:').join('|')}|
${breakdown}

Spareable reads, by sort-key prefix:
${Object.entries(spareable)
  .map(([prefix, why]) => `- \`${prefix}\`: ${why}.`)
  .join('\n')}

${reading(f)}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureCases();
  console.log(casesReport(figures));
  if (countMisses(figures).length > 0) {
    console.error('missed: a case command did not write exactly one transaction and nothing else');
    process.exitCode = 1;
  }
}
