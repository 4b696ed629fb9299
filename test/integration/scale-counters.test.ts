import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthorityPeriod } from '../../packages/domain/src';
import { CatalogueRepository, writePeriods } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import {
  APPROVER,
  act,
  CASES,
  CENTRE,
  CIVIL,
  CLERK,
  INSPECTOR,
  intake,
  intakeBody,
  seedCases,
} from '../support/cases';
import { clockAt } from '../support/clock';

/**
 * Issue 10 (findings 1, 2, 4): counters a tenant's parallel commands share, and the board
 * they feed. DynamoDB Local runs transactions one at a time, so it never answers
 * TransactionConflict; real DynamoDB cancels a transaction that touches an item another
 * transaction holds. The client here does the same (see `realConflicts`), so a counter item
 * every command touches shows up as failed commands, as it would in production.
 */
let t: TestApp;
const conflicts = { count: 0 };
const BOARD = `/v1/tenants/${DONGSHAN}/supervision/board`;
const MONDAY = '2026-03-02T10:00:00+08:00';
/** A body that takes m6 over from the centre on Tuesday: a case received Monday changes body on acceptance. */
const NEW_BODY = `${DONGSHAN}/market-window`;

/** Cancels a transaction that touches an item an unfinished transaction holds, as DynamoDB does. */
function realConflicts(app: TestApp) {
  const held = new Set<string>();
  type Next = (args: { input: unknown }) => Promise<unknown>;
  app.store.client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = (args.input as { TransactItems: Record<string, { Key?: object; Item?: object }>[] })
        .TransactItems;
      const keys = items.map((item) => {
        const op = Object.values(item)[0];
        const k = (op?.Key ?? op?.Item) as { pk?: { S?: string }; sk?: { S?: string } };
        return `${k.pk?.S}|${k.sk?.S}`;
      });
      if (keys.some((k) => held.has(k))) {
        conflicts.count += 1;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled (emulated TransactionConflict)',
          $metadata: {},
          CancellationReasons: keys.map((k) => ({ Code: held.has(k) ? 'TransactionConflict' : 'None' })),
        });
      }
      for (const k of keys) held.add(k);
      try {
        return await next(args);
      } finally {
        for (const k of keys) held.delete(k);
      }
    }) as never,
    { step: 'initialize', name: 'realConflicts' },
  );
}

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const centre: AuthorityPeriod = {
    tenant: DONGSHAN,
    matter: 'm6',
    from: '2026-03-03T00:00:00.000Z',
    body: NEW_BODY,
    mode: 'transfer',
    seal: 'centre-seal',
    supervisingBody: CIVIL,
    originBody: CIVIL,
  };
  await writePeriods(t.store, [centre]);
  realConflicts(t);
});

/** The board as a count of every open case would give it, paging the open list to its end. */
async function countedBoard() {
  const counts = { green: 0, yellow: 0, red: 0 };
  const perBody = new Map<string, { green: number; yellow: number; red: number }>();
  let cursor: string | undefined;
  do {
    const page = await t.call(
      INSPECTOR,
      'GET',
      `${CASES}?open=true&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    for (const c of page.body.items as { clock: 'green' | 'yellow' | 'red'; body?: string }[]) {
      counts[c.clock] += 1;
      const row = perBody.get(c.body ?? '—') ?? { green: 0, yellow: 0, red: 0 };
      row[c.clock] += 1;
      perBody.set(c.body ?? '—', row);
    }
    cursor = page.body.cursor;
  } while (cursor);
  const bodies = [...perBody.entries()]
    .map(([body, c]) => ({ body, ...c, overdue: c.red }))
    .sort((a, b) => b.overdue - a.overdue || a.body.localeCompare(b.body));
  return { counts, bodies };
}

/** Runs the real clock handler as if it were `at`. */
const tickAt = clockAt(() => t);

describe('counters under parallel commands of one tenant', () => {
  it('lets 30 intakes at once and then 30 decides at once all succeed; none fails on a counter', async () => {
    t.setNow(MONDAY);
    conflicts.count = 0;
    const intakes = await Promise.all(
      Array.from({ length: 30 }, () => t.call(CLERK, 'POST', CASES, intakeBody())),
    );
    expect(intakes.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = intakes.map((r) => String(r.body.caseNo));
    expect(new Set(numbers).size).toBe(30);
    // Thirty at once over ten shards must have met on some: they were retried, not refused.
    expect(conflicts.count).toBeGreaterThan(0);
    const decides = await Promise.all(
      numbers.map((caseNo) => act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })),
    );
    const refused = decides.find((r) => r.status !== 200);
    expect(
      decides.map((r) => r.status),
      JSON.stringify(refused?.body),
    ).toEqual(Array(30).fill(200));
    const board = await t.call(INSPECTOR, 'GET', BOARD);
    expect(board.body).toMatchObject(await countedBoard());
    const months = board.body.months as { month: string; received: number; accepted: number }[];
    expect(months.find((m) => m.month === '2026-03')).toMatchObject({ received: 30, accepted: 30 });
    t.setNow(undefined);
  });
});

describe('the board from counters', () => {
  it('equals a count of the open cases after intake, acceptance, a body change, colour changes and closings', async () => {
    t.setNow(MONDAY);
    const open = async () => (await new CatalogueRepository(t.store).openCases(DONGSHAN)).m6 ?? 0;
    const openBefore = await open();
    const accepted = await Promise.all(Array.from({ length: 6 }, () => intake(t, { matter: 'm6' })));
    const deferred = await Promise.all(
      Array.from({ length: 3 }, () => intake(t, { matter: 'm6', defer: true })),
    );
    const correcting = await intake(t, { matter: 'm6', materials: [{ code: 'copy', provided: true }] });
    expect(correcting.status).toBe('needs-correction');
    expect(await open()).toBe(openBefore + 6);
    expect((await t.call(INSPECTOR, 'GET', BOARD)).body).toMatchObject(await countedBoard());

    // Tuesday: m6 is the new body's now, so what is accepted today moves to it.
    t.setNow('2026-03-03T10:00:00+08:00');
    for (const c of deferred.slice(0, 2))
      expect((await act(t, CLERK, c.caseNo, 'accept', {})).status).toBe(200);
    const supplemented = await act(t, CLERK, correcting.caseNo, 'supplement', {
      materials: [{ code: 'form', provided: true }],
    });
    expect(supplemented.body.body).toBe(NEW_BODY);
    const withdrawn = await act(t, CLERK, accepted[0]?.caseNo ?? '', 'withdraw', { reason: '申请人撤回' });
    expect(withdrawn.status).toBe(200);
    const approved = await act(t, APPROVER, accepted[1]?.caseNo ?? '', 'decide', { outcome: 'approve' });
    expect(approved.status).toBe(200);
    const issued = await act(t, CLERK, accepted[1]?.caseNo ?? '', 'issue', { delivery: 'window' });
    expect(issued.status).toBe(200);
    const board = (await t.call(INSPECTOR, 'GET', BOARD)).body;
    expect(board).toMatchObject(await countedBoard());
    expect(board.bodies.map((b: { body: string }) => b.body)).toEqual(
      expect.arrayContaining([CENTRE, NEW_BODY]),
    );
    expect(await open()).toBe(openBefore + 6 + 3 - 2);

    // The clock colours the open cases as their deadlines near and pass.
    t.setNow(undefined);
    await tickAt('2026-03-10T09:00:00+08:00');
    const later = (await t.call(INSPECTOR, 'GET', BOARD)).body;
    expect(later.counts.yellow + later.counts.red).toBeGreaterThan(0);
    expect(later).toMatchObject(await countedBoard());
    await tickAt('2026-03-20T09:00:00+08:00');
    const late = (await t.call(INSPECTOR, 'GET', BOARD)).body;
    expect(late.counts.red).toBeGreaterThan(0);
    expect(late).toMatchObject(await countedBoard());
    // Red first: the board's own short list starts with the overdue cases.
    expect(late.cases.length).toBeLessThanOrEqual(20);
    expect(late.cases[0]?.clock).toBe('red');
  });
});
