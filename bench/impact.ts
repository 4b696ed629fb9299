import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { AuthorityPeriod } from '../packages/domain/src';
import { type Store, writePeriods } from '../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../test/support/app';
import { DONGSHAN, rolloutBody } from '../test/support/authority';
import { CIVIL, intakeBody, seedCases } from '../test/support/cases';
import { onFreshDynamo } from './rollout';

/**
 * Issue 12: what the rollout impact preview costs in DynamoDB requests, counted at the SDK,
 * for one and for ten target tenants, and again after the one tenant's history grew twentyfold:
 * the preview reads month counters, so its requests follow the tenants, never the cases.
 */
const CITY_ADMIN = { sub: 'bench-admin', roles: ['city-admin'], city: 'nanjing' };
const MATTERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const MONTHS = ['2026-03', '2026-04', '2026-05'];
const TODAY = '2026-06-15T10:00:00+08:00';
const CALLS = 11;
export const load = () => loadavg()[0] ?? Number.NaN;
export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export interface ImpactRow {
  readonly tenants: number;
  /** Cases in the replayed months, in all the target tenants. */
  readonly cases: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly total: number;
  readonly p50Ms: number;
  readonly load: number;
}

export interface ImpactFigures {
  readonly rows: readonly ImpactRow[];
  /** Items in one intake's transaction, and how many of them are counters. */
  readonly intakeItems: number;
  readonly intakeCounters: number;
}

/** Counts every request the app's client sends, by operation, and keeps the transactions. */
export function countRequests(store: Store) {
  let counts: Record<string, number> = {};
  const transactions: TransactWriteItemsCommandInput[] = [];
  type Next = (args: { input: unknown }) => Promise<unknown>;
  store.client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      if (name === 'TransactWriteItems') transactions.push(args.input as TransactWriteItemsCommandInput);
      return next(args);
    }) as never,
    { step: 'initialize', name: 'countImpactRequests' },
  );
  return {
    reset: () => {
      counts = {};
      transactions.length = 0;
    },
    counts: () => counts,
    transactions,
  };
}

async function ok(t: TestApp, as: object, method: string, path: string, body?: unknown) {
  const res = await t.call(as as never, method, path, body);
  if (res.status >= 300 && res.status !== 409)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A sub-district like Dongshan: its centre, the centre's seal and approver, a window clerk, m1…m6 held by civil affairs. */
export async function subdistrict(t: TestApp, id: string): Promise<void> {
  await ok(t, PLATFORM, 'POST', '/v1/cities/nanjing/tenants', {
    id,
    name: id,
    kind: 'subdistrict',
    parent: 'nanjing.jiangning',
  });
  const base = `/v1/tenants/${id}`;
  await ok(t, PLATFORM, 'POST', `${base}/bodies`, {
    code: 'convenience-centre',
    name: '便民服务中心',
    kind: 'service-centre',
  });
  await ok(t, PLATFORM, 'POST', `${base}/seals`, {
    id: 'centre-seal',
    body: 'convenience-centre',
    name: '行政审批专用章',
    validFrom: '2020-01-01T00:00:00+08:00',
    electronic: true,
  });
  await ok(t, PLATFORM, 'POST', `${base}/staff`, {
    id: 'approver-a',
    name: '审批',
    roles: ['approver'],
    body: 'convenience-centre',
  });
  await ok(t, PLATFORM, 'POST', `${base}/staff`, { id: 'clerk-a', name: '窗口', roles: ['window-clerk'] });
}

export const held = (tenant: string): AuthorityPeriod[] =>
  MATTERS.map((matter) => ({
    tenant,
    matter,
    from: '2020-01-01T00:00:00.000Z',
    body: CIVIL,
    mode: 'transfer',
    seal: 'civil-seal',
    supervisingBody: CIVIL,
  }));

/** `perMonth` intakes in each replayed month, spread over the moving matters. */
async function history(t: TestApp, tenant: string, perMonth: number): Promise<number> {
  const clerk = { sub: 'clerk-a', roles: ['window-clerk'], tenant };
  const jobs: (() => Promise<unknown>)[] = [];
  for (const month of MONTHS)
    for (let i = 0; i < perMonth; i++)
      jobs.push(async () => {
        const day = String(2 + (i % 20)).padStart(2, '0');
        const res = await t.app.request(`/v1/tenants/${tenant}/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await t.token(clerk)}`, 'content-type': 'application/json' },
          body: JSON.stringify(intakeBody({ matter: MATTERS[i % MATTERS.length] })),
        });
        if (res.status !== 201)
          throw new Error(`intake on ${month}-${day}: ${res.status} ${await res.text()}`);
      });
  // The clock is the app's: one month at a time, its intakes eight in flight.
  for (const [m, month] of MONTHS.entries()) {
    t.setNow(`${month}-10T10:00:00+08:00`);
    const batch = jobs.slice(m * perMonth, (m + 1) * perMonth);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batch.length) await batch[next++]?.();
      }),
    );
  }
  t.setNow(undefined);
  return MONTHS.length * perMonth;
}

export async function measureImpact(): Promise<ImpactFigures> {
  return onFreshDynamo(async (store) => {
    const t = await testApp({ store });
    await seedCases(t, { body: CIVIL, seal: 'civil-seal', supervisingBody: CIVIL });
    const others = Array.from({ length: 9 }, (_, i) => `nanjing.jiangning.s${i + 1}`);
    for (const id of others) await subdistrict(t, id);
    await writePeriods(store, others.flatMap(held));
    const counter = countRequests(store);

    // One intake's transaction: how many items, how many of them counters.
    t.setNow('2026-03-02T10:00:00+08:00');
    counter.reset();
    await ok(
      t,
      { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN },
      'POST',
      `/v1/tenants/${DONGSHAN}/cases`,
      intakeBody(),
    );
    const items = counter.transactions[0]?.TransactItems ?? [];
    const intakeCounters = items.filter((i) => {
      const sk = i.Update?.Key?.sk?.S ?? '';
      return /^(BOARD|STATS|MMONTH|OPENCASES|ASSESS|WORK)#/.test(sk);
    }).length;
    t.setNow(undefined);

    let cases = 1;
    for (const tenant of [DONGSHAN, ...others]) cases += await history(t, tenant, 4);
    t.setNow(TODAY);
    await ok(
      t,
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('one', MATTERS, '2026-07-01T00:00:00+08:00'),
    );
    await ok(t, CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('ten', MATTERS, '2026-07-01T00:00:00+08:00'),
      tenants: [DONGSHAN, ...others],
    });
    t.setNow(undefined);

    const rows: ImpactRow[] = [];
    const measure = async (id: string, tenants: number, inWindow: number) => {
      t.setNow(TODAY);
      const times: number[] = [];
      const loads: number[] = [];
      let requests: Record<string, number> = {};
      for (let i = 0; i < CALLS; i++) {
        counter.reset();
        loads.push(load());
        const t0 = performance.now();
        const res = await ok(t, CITY_ADMIN, 'POST', `/v1/cities/nanjing/rollouts/${id}/impact?months=3`);
        times.push(performance.now() - t0);
        requests = { ...counter.counts() };
        const counted = (res.body as { monthly: { received: number }[] }).monthly.reduce(
          (s, m) => s + m.received,
          0,
        );
        if (counted !== inWindow)
          throw new Error(`impact of ${id} counted ${counted} cases, ${inWindow} were taken`);
      }
      t.setNow(undefined);
      const total = Object.values(requests).reduce((s, n) => s + n, 0);
      rows.push({ tenants, cases: inWindow, requests, total, p50Ms: median(times), load: median(loads) });
    };
    // The first intake (2 March) is in the window too.
    const dongshanCases = MONTHS.length * 4 + 1;
    await measure('one', 1, dongshanCases);
    await measure('ten', 10, cases);
    // Twenty times Dongshan's history: the same requests.
    cases += await history(t, DONGSHAN, 80);
    await measure('one', 1, dongshanCases + MONTHS.length * 80);
    return { rows, intakeItems: items.length, intakeCounters };
  });
}

/** Requests each further target tenant adds: the ten-tenant rollout against the one-tenant one. */
const perTenant = (f: ImpactFigures) => {
  const [one, ten] = f.rows;
  return one && ten ? ((ten.total - one.total) / (ten.tenants - one.tenants)).toFixed(1) : '?';
};

export function impactReport(f: ImpactFigures): string {
  const ops = (r: ImpactRow) =>
    Object.entries(r.requests)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, n]) => `${n} ${op}`)
      .join(', ');
  return `
## The rollout impact preview (issue 12)

\`POST /v1/cities/{city}/rollouts/{id}/impact?months=3\` on DynamoDB Local, counted at the SDK (a middleware on the
app's client), with 1 and 10 target sub-districts, each holding the 6 moving matters and 4 real intakes a month
through the API; then Dongshan's history twenty times larger. p50 of ${CALLS} calls.

| target tenants | cases in the replayed months | DynamoDB requests | p50 | load average |
|---:|---:|---|---:|---:|
${f.rows
  .map(
    (r) =>
      `| ${r.tenants} | ${r.cases.toLocaleString('en')} | ${r.total} (${ops(r)}) | ${r.p50Ms.toFixed(1)} ms | ${r.load.toFixed(2)} |`,
  )
  .join('\n')}

Each further target tenant costs ${perTenant(f)} requests; the same tenant with twenty times the cases costs the same.
Per rollout: the rollout (GetItem), the city's catalogue (Query) and one GetItem per distinct from-body; per target
tenant six Queries (bodies, seals, staff, authority periods, open-case counters, the month counters of the replayed
months), however many cases the months hold. The counters cost the intake one more item in its own transaction
(${f.intakeItems} items, ${f.intakeCounters} of them counters), and one on each acceptance or issuance command.
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureImpact();
  console.log(impactReport(figures));
}
