import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  BatchWriteItemCommand,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type CaseClock, type CaseState, type ClockColour, formatCaseNo } from '../packages/domain/src';
import type { DevClaims } from '../packages/local/src/issuer';
import type { Store, StoredCase } from '../packages/store/src';
import { shardOf } from '../packages/store/src/cases/counters';
import { caseKeys } from '../packages/store/src/cases/keys';
import { caseItem } from '../packages/store/src/cases/projection';
import { type TestApp, testApp } from '../test/support/app';
import { DONGSHAN } from '../test/support/authority';
import { CASES, CENTRE, CLERK, INSPECTOR, intakeBody, seedCases } from '../test/support/cases';
import { onFreshDynamo } from './rollout';

/**
 * Issue 10, findings 1, 2 and 4: intake throughput with parallel windows against the bare
 * transaction, and the board and the lists at 1,000 vs 50,000 cases in one tenant. Every
 * measurement runs in its own fresh DynamoDB Local (it slows as it accumulates writes).
 */
export const TARGET_INTAKE_RATIO = 0.8;
export const TARGET_READ_RATIO = 1.3;
const IN_FLIGHT = [1, 4, 16] as const;
/** `SCALE_QUICK=1` checks the harness in a minute: fewer intakes, smaller tenants. */
const QUICK = process.env.SCALE_QUICK === '1';
const INTAKES = QUICK ? 48 : 160;
const ROUNDS = QUICK ? 1 : 3;
const WARMUP = QUICK ? 8 : 24;
const SIZES = QUICK ? ([200, 2_000] as const) : ([1_000, 50_000] as const);
const READS = 30;

const load = () => loadavg()[0] ?? Number.NaN;
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Runs `jobs` with `inFlight` at a time; answers the wall time in ms. */
async function drive(jobs: readonly (() => Promise<unknown>)[], inFlight: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < jobs.length) await jobs[next++]?.();
    }),
  );
  return performance.now() - t0;
}

async function request(t: TestApp, as: DevClaims, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${await t.token(as)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

/** Records every TransactWriteItems input the app's client sends, and counts its requests by operation. */
function captureTransactions(store: Store) {
  const captured: TransactWriteItemsCommandInput[] = [];
  const counts: Record<string, number> = {};
  type Next = (args: { input: unknown }) => Promise<unknown>;
  store.client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      if (name === 'TransactWriteItems') captured.push(args.input as TransactWriteItemsCommandInput);
      return next(args);
    }) as never,
    { step: 'initialize', name: 'captureTransactions' },
  );
  return { captured, counts };
}

export interface IntakeThroughput {
  readonly inFlight: number;
  readonly apiPerSecond: number;
  readonly barePerSecond: number;
  readonly ratio: number;
  readonly loadApi: number;
  readonly loadBare: number;
  /** DynamoDB requests per intake through the API, by operation. */
  readonly requests: Record<string, number>;
}

/** Two fresh emulators alive at once, one per side, so both sides see the same machine. */
async function onTwoFreshDynamos<T>(fn: (a: Store, b: Store) => Promise<T>): Promise<T> {
  return onFreshDynamo((a) => onFreshDynamo((b) => fn(a, b)));
}

/** Intakes (and their replays) per alternation: long enough to time, short enough to follow the load. */
const CHUNK = QUICK ? 16 : 32;

/**
 * At each level, over two fresh emulators alive together: INTAKES intakes through the API,
 * `inFlight` at a time, in chunks; after each chunk, the very transactions it sent replayed
 * bare with the SDK at the same level on the other emulator (their keys are all new there,
 * so each one succeeds). The sides alternate chunk by chunk, so a burst of load from
 * elsewhere on the shared machine falls on both.
 */
async function intakeThroughput(inFlight: number): Promise<IntakeThroughput> {
  return onTwoFreshDynamos(async (apiStore, bareStore) => {
    const t = await testApp({ store: apiStore });
    await seedCases(t);
    const { captured, counts } = captureTransactions(apiStore);
    const intake = () => request(t, CLERK, 'POST', CASES, intakeBody());
    const replay = (inputs: readonly TransactWriteItemsCommandInput[]) =>
      inputs.map((input) => {
        const retargeted = {
          TransactItems: (input.TransactItems ?? []).map((item) =>
            Object.fromEntries(
              Object.entries(item).map(([op, body]) => [op, { ...body, TableName: bareStore.tableName }]),
            ),
          ),
        } as TransactWriteItemsCommandInput;
        return () => bareStore.client.send(new TransactWriteItemsCommand(retargeted));
      });
    await drive(
      Array.from({ length: WARMUP }, () => intake),
      inFlight,
    );
    await drive(replay(captured.splice(0)), inFlight);
    for (const k of Object.keys(counts)) delete counts[k];
    let apiMs = 0;
    let bareMs = 0;
    const loads: number[] = [];
    for (let done = 0; done < INTAKES; done += CHUNK) {
      loads.push(load());
      apiMs += await drive(
        Array.from({ length: Math.min(CHUNK, INTAKES - done) }, () => intake),
        inFlight,
      );
      bareMs += await drive(replay(captured.splice(0)), inFlight);
    }
    const requests = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / INTAKES]));
    const apiPerSecond = INTAKES / (apiMs / 1000);
    const barePerSecond = INTAKES / (bareMs / 1000);
    const loadBoth = median(loads);
    return {
      inFlight,
      apiPerSecond,
      barePerSecond,
      ratio: apiPerSecond / barePerSecond,
      loadApi: loadBoth,
      loadBare: loadBoth,
      requests,
    };
  });
}

/** 30 % closed; of the open ones 60 % green, 25 % yellow, 15 % red; three bodies. */
const BODIES = [CENTRE, `${DONGSHAN}/market-window`, `${DONGSHAN}/housing-window`];
const colourOf = (i: number): ClockColour => (i % 20 < 12 ? 'green' : i % 20 < 17 ? 'yellow' : 'red');

/**
 * `size` cases cloned from one real intake's projection, each through `caseItem` (the
 * item a command writes, with its index keys), written by BatchWriteItem; and the board
 * counters those cases add up to, as their commands would have left them.
 */
async function seedMany(t: TestApp, size: number): Promise<void> {
  const first = await request(t, CLERK, 'POST', CASES, intakeBody());
  const stored = await t.store.get<StoredCase>(caseKeys.case(DONGSHAN, first.body.caseNo));
  if (!stored) throw new Error('no template case');
  const { state: template } = stored;
  // Only the clock's own attributes: the stored item also carries its keys.
  const clock: CaseClock = {
    clock: stored.clock,
    paused: stored.paused,
    provisional: stored.provisional,
    ...(stored.statutoryDueDate ? { statutoryDueDate: stored.statutoryDueDate } : {}),
  };
  const board = new Map<number, Record<string, number>>();
  const requests: WriteRequest[] = [];
  for (let i = 1; i <= size; i++) {
    const date = `2026-0${1 + (i % 9)}-1${i % 10}`;
    const caseNo = formatCaseNo(DONGSHAN, date, 10_000 + i);
    const closed = i % 10 < 3;
    const colour = colourOf(i);
    const body = BODIES[i % BODIES.length] ?? CENTRE;
    const state: CaseState = {
      ...template,
      caseNo,
      body,
      ...(closed ? { status: 'issued', closedAt: `${date}T16:00:00+08:00` } : {}),
    };
    const c: CaseClock = { ...clock, clock: colour, dueDate: date };
    requests.push({
      PutRequest: {
        Item: marshall(caseItem(state, c, undefined, undefined), { removeUndefinedValues: true }),
      },
    });
    if (closed) continue;
    const shard = board.get(shardOf(caseNo)) ?? {};
    for (const name of [colour, `${body}|${colour}`]) shard[name] = (shard[name] ?? 0) + 1;
    board.set(shardOf(caseNo), shard);
  }
  for (const [shard, values] of board) {
    requests.push({
      PutRequest: { Item: marshall({ ...caseKeys.board(DONGSHAN, shard), entity: 'board', ...values }) },
    });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < requests.length) {
        let batch = requests.slice(next, next + 25);
        next += 25;
        while (batch.length > 0) {
          const out = await t.store.client.send(
            new BatchWriteItemCommand({ RequestItems: { [t.store.tableName]: batch } }),
          );
          batch = out.UnprocessedItems?.[t.store.tableName] ?? [];
        }
      }
    }),
  );
}

/** The reads a supervisor or a clerk makes of a busy tenant, through the API. */
const READ_PATHS: Readonly<Record<string, string>> = {
  'e-supervision board': `/v1/tenants/${DONGSHAN}/supervision/board`,
  'open cases, red (drill-down)': `${CASES}?clock=red`,
  'open cases': `${CASES}?open=true`,
  "a body's queue": `${CASES}?body=${encodeURIComponent(CENTRE)}&open=true`,
  "a body's red cases": `${CASES}?body=${encodeURIComponent(CENTRE)}&clock=red`,
  'all cases by number': CASES,
};

export interface ReadAtSize {
  readonly size: number;
  readonly load: number;
  readonly seedMs: number;
  readonly reads: Record<string, { readonly p50Ms: number; readonly bytes: number }>;
}

/**
 * Both sizes seeded, each in its own fresh emulator, both alive; then every read alternates
 * between the two, call by call, so the ratio compares calls made at the same moment.
 */
async function readsAtBoth(sizes: readonly [number, number]): Promise<ReadAtSize[]> {
  return onTwoFreshDynamos(async (storeA, storeB) => {
    const sides = await Promise.all(
      [storeA, storeB].map(async (store, i) => {
        const t = await testApp({ store });
        await seedCases(t);
        const t0 = performance.now();
        await seedMany(t, sizes[i] ?? 0);
        return { t, seedMs: performance.now() - t0, size: sizes[i] ?? 0 };
      }),
    );
    const loads: number[] = [];
    const reads = sides.map(() => ({}) as Record<string, { p50Ms: number; bytes: number }>);
    for (const [name, path] of Object.entries(READ_PATHS)) {
      const ms = sides.map(() => [] as number[]);
      const bytes = sides.map(() => 0);
      for (let i = 0; i < READS + 3; i++) {
        if (i % 10 === 0) loads.push(load());
        // Which side goes first alternates too: a cache warmed by the first call favours neither.
        for (const j of i % 2 === 0 ? [0, 1] : [1, 0]) {
          const side = sides[j];
          if (!side) continue;
          const s = performance.now();
          bytes[j] = (await request(side.t, INSPECTOR, 'GET', path)).bytes;
          if (i >= 3) ms[j]?.push(performance.now() - s);
        }
      }
      sides.forEach((_side, j) => {
        const r = reads[j];
        if (r) r[name] = { p50Ms: median(ms[j] ?? []), bytes: bytes[j] ?? 0 };
      });
    }
    const loadBoth = median(loads);
    return sides.map((side, j) => ({
      size: side.size,
      load: loadBoth,
      seedMs: side.seedMs,
      reads: reads[j] ?? {},
    }));
  });
}

export interface ScaleFigures {
  /** Per level of in-flight intakes, one entry per round. */
  readonly intake: IntakeThroughput[][];
  readonly reads: ReadAtSize[];
}

export async function measureScale(): Promise<ScaleFigures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Rounds go through the levels in turn, so a burst of load from elsewhere on the machine
  // falls on one round of each level rather than on one level.
  const rounds: IntakeThroughput[][] = IN_FLIGHT.map(() => []);
  if (process.env.SCALE_PART !== 'reads')
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, n] of IN_FLIGHT.entries()) rounds[i]?.push(await intakeThroughput(n));
  const reads = process.env.SCALE_PART !== 'intake' ? await readsAtBoth(SIZES) : [];
  return { intake: rounds, reads };
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The RESULTS.md section for issue 10's counters, numbering and board. */
export function scaleReport(f: ScaleFigures): string {
  // The round with the median ratio stands for its level; every round's ratio is listed beside it.
  const levels = f.intake.flatMap((rounds) => {
    const sorted = [...rounds].sort((x, y) => x.ratio - y.ratio);
    const mid = sorted[Math.floor(sorted.length / 2)];
    return mid ? [{ mid, all: rounds }] : [];
  });
  const rows = levels
    .map(
      ({ mid: r, all }) =>
        `| ${r.inFlight} | ${r.apiPerSecond.toFixed(0)} (load ${r.loadApi.toFixed(1)}) | ${r.barePerSecond.toFixed(0)} (load ${r.loadBare.toFixed(1)}) | **${r.ratio.toFixed(2)}×** | ${all.map((x) => `${x.ratio.toFixed(2)}× (load ${x.loadApi.toFixed(1)}/${x.loadBare.toFixed(1)})`).join(', ')} |`,
    )
    .join('\n');
  const at16 = levels.find((l) => l.mid.inFlight === 16)?.mid;
  const perIntake = Object.entries(levels[0]?.mid.requests ?? {})
    .map(([name, n]) => `${n.toFixed(2)} ${name}`)
    .join(', ');
  const [small, large] = f.reads;
  const readRows =
    small && large
      ? Object.keys(READ_PATHS)
          .map((name) => {
            const a = small.reads[name];
            const b = large.reads[name];
            if (!a || !b) return '';
            const ratio = b.p50Ms / a.p50Ms;
            return `| ${name} | ${a.p50Ms.toFixed(1)} ms | ${b.p50Ms.toFixed(1)} ms | ${ratio.toFixed(2)}× ${verdict(ratio <= TARGET_READ_RATIO)} | ${a.bytes.toLocaleString('en')} B | ${b.bytes.toLocaleString('en')} B |`;
          })
          .join('\n')
      : '';
  return `
## Scale: case numbers, counters and the board (issue 10, findings 1, 2, 4)

### Intake throughput with parallel windows

${ROUNDS} rounds through the levels in turn; in each, two fresh DynamoDB Locals run together, one per side:
${INTAKES} intakes (after ${WARMUP} to warm up) through the API on one, in chunks of ${CHUNK}, each chunk followed by the
transactions it sent, replayed bare with the SDK at the same level on the other; the times of each side are summed. Case numbers come from
blocks, each one atomic \`UpdateItem ADD\` read with the rest (not in the transaction; numbering.ts), the counters are sharded
ten ways by case number.
One-minute load average beside each figure (the machine is shared).

| in flight | API intakes/s | bare transactions/s | API / bare (median round) | every round (load API/bare) |
|---:|---:|---:|---:|---|
${rows}

DynamoDB requests per intake through the API: ${perIntake || '—'}. The bare side sends only the transaction.

- Target: ≥ ${TARGET_INTAKE_RATIO}× of the bare transaction at 16 in flight — ${at16 ? `${verdict(at16.ratio >= TARGET_INTAKE_RATIO)} (${at16.ratio.toFixed(2)}×)` : 'not measured'}.

### The board and the lists at ${SIZES.map((s) => s.toLocaleString('en')).join(' vs ')} cases

Each size in its own fresh DynamoDB Local, both running together: cases cloned from one real intake's projection (\`caseItem\`, with its index
keys) and written by BatchWriteItem (${small ? `${(small.seedMs / 1000).toFixed(1)} s` : '?'} and ${large ? `${(large.seedMs / 1000).toFixed(1)} s` : '?'}),
30 % closed, the open ones 60 % green, 25 % yellow, 15 % red, over three bodies; the board counters as those cases'
commands leave them. p50 of ${READS} calls through the API (after 3), the calls alternating between the two sizes,
the side that goes first alternating too; median load average ${small?.load.toFixed(1) ?? '?'}.

| read | p50 at ${SIZES[0].toLocaleString('en')} | p50 at ${SIZES[1].toLocaleString('en')} | ratio (target ≤ ${TARGET_READ_RATIO}×) | bytes at ${SIZES[0].toLocaleString('en')} | bytes at ${SIZES[1].toLocaleString('en')} |
|---|---:|---:|---:|---:|---:|
${readRows}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureScale();
  console.log(scaleReport(figures));
}
