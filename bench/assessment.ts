import { pathToFileURL } from 'node:url';
import { writePeriods } from '../packages/store/src';
import { type TestApp, testApp } from '../test/support/app';
import { DONGSHAN } from '../test/support/authority';
import { APPROVER, CASES, intakeBody, seedCases } from '../test/support/cases';
import { countRequests, held, load, median, subdistrict } from './impact';
import { onFreshDynamo } from './rollout';

/**
 * Issue 15: what the monthly assessment costs in DynamoDB requests, counted at the SDK, for a
 * tenant's report and the city's ranking of ten tenants, with 40 cases in the month and again
 * with 800: the reports read counters each command kept in its own transaction, never the cases.
 */
const CITY_ADMIN = { sub: 'bench-admin', roles: ['city-admin'], city: 'nanjing' };
const ADMIN = { sub: 'bench-tenant-admin', roles: ['tenant-admin'], tenant: DONGSHAN };
const MONTH = '2026-05';
const CALLS = 11;

export interface AssessmentRow {
  readonly report: string;
  readonly cases: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly total: number;
  readonly p50Ms: number;
  readonly load: number;
}

/** Runs `jobs` eight in flight. */
async function inFlight(jobs: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < jobs.length) await jobs[next++]?.();
    }),
  );
}

/** `n` more cases taken at Dongshan on 4 May over three windows; every other one decided on 6 May. */
async function month(t: TestApp, n: number, from: number): Promise<void> {
  const clerk = { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN };
  const taken: string[] = [];
  t.setNow(`${MONTH}-04T10:00:00+08:00`);
  await inFlight(
    Array.from({ length: n }, (_, k) => async () => {
      const i = from + k;
      const res = await t.call(
        clerk,
        'POST',
        CASES,
        intakeBody({ matter: `m${1 + (i % 6)}`, window: `A0${1 + (i % 3)}` }),
      );
      if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
      if (i % 2 === 0) taken.push(res.body.caseNo);
    }),
  );
  t.setNow(`${MONTH}-06T10:00:00+08:00`);
  await inFlight(
    taken.map((caseNo) => async () => {
      const res = await t.call(APPROVER, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'approve' });
      if (res.status !== 200) throw new Error(`decide: ${res.status} ${JSON.stringify(res.body)}`);
    }),
  );
  t.setNow(`${MONTH}-20T10:00:00+08:00`);
}

export async function measureAssessment(): Promise<AssessmentRow[]> {
  return onFreshDynamo(async (store) => {
    const t = await testApp({ store });
    await seedCases(t);
    const others = Array.from({ length: 9 }, (_, i) => `nanjing.jiangning.s${i + 1}`);
    for (const id of others) await subdistrict(t, id);
    await writePeriods(store, others.flatMap(held));
    const counter = countRequests(store);
    const rows: AssessmentRow[] = [];
    const measure = async (report: string, as: object, path: string, cases: number) => {
      const times: number[] = [];
      const loads: number[] = [];
      let requests: Record<string, number> = {};
      for (let i = 0; i < CALLS; i++) {
        counter.reset();
        loads.push(load());
        const t0 = performance.now();
        const res = await t.call(as as never, 'GET', path);
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        const received =
          'totals' in res.body
            ? res.body.totals.received
            : (res.body.ranking as { received: number }[]).reduce((s, r) => s + r.received, 0);
        if (received !== cases) throw new Error(`${path} counted ${received} cases, ${cases} were taken`);
        requests = { ...counter.counts() };
      }
      const total = Object.values(requests).reduce((s, n) => s + n, 0);
      rows.push({ report, cases, requests, total, p50Ms: median(times), load: median(loads) });
    };
    const tenantReport = `/v1/tenants/${DONGSHAN}/assessment?month=${MONTH}`;
    const cityReport = `/v1/cities/nanjing/assessment?month=${MONTH}`;
    await month(t, 40, 0);
    await measure('tenant', ADMIN, tenantReport, 40);
    await measure('city', CITY_ADMIN, cityReport, 40);
    await month(t, 760, 40);
    await measure('tenant', ADMIN, tenantReport, 800);
    await measure('city', CITY_ADMIN, cityReport, 800);
    t.setNow(undefined);
    return rows;
  });
}

export function assessmentReport(rows: readonly AssessmentRow[]): string {
  const ops = (r: AssessmentRow) =>
    Object.entries(r.requests)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, n]) => `${n} ${op}`)
      .join(', ');
  return `
## The monthly assessment (issue 15)

\`GET /v1/tenants/{tenant}/assessment?month=\` and \`GET /v1/cities/{city}/assessment?month=\` on DynamoDB Local,
counted at the SDK (a middleware on the app's client), with 40 cases in the month at Dongshan (taken through the API,
every other one decided), then 800; the city has 11 tenants (Jiangning and ten sub-districts). p50 of ${CALLS} calls.

| report | cases in the month | DynamoDB requests | p50 | load average |
|---|---:|---|---:|---:|
${rows
  .map(
    (r) =>
      `| ${r.report} | ${r.cases.toLocaleString('en')} | ${r.total} (${ops(r)}) | ${r.p50Ms.toFixed(1)} ms | ${r.load.toFixed(2)} |`,
  )
  .join('\n')}

A tenant's report is one Query of its month's counter shards (32 items) plus the tenant, its bodies, its staff and the
city's matter names (projected); the city's is the city (GetItem), one Query of its tenants and one per tenant.
Twenty times the cases, the same requests.
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(assessmentReport(await measureAssessment()));
}
