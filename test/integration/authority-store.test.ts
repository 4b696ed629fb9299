import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthorityPeriod, authorityAt } from '../../packages/domain/src';
import { AuthorityRepository, writePeriods } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const BASE = Date.parse('2019-01-01T00:00:00Z');
const instantArb = fc
  .integer({ min: 0, max: 3000 })
  .map((d) => new Date(BASE + d * 86_400_000).toISOString());

describe('AuthorityRepository.at', () => {
  it('answers what the domain definition answers, for random histories and instants', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(instantArb, { minLength: 1, maxLength: 8 }),
        fc.array(instantArb, { minLength: 5, maxLength: 5 }),
        async (froms, ats) => {
          const tenant = `p.t${run++}`;
          const history: AuthorityPeriod[] = froms.map((from, i) => ({
            tenant,
            matter: 'm',
            from,
            body: `${tenant}/b${i}`,
            mode: 'transfer',
            seal: 's',
            supervisingBody: `${tenant}/d`,
          }));
          // A neighbouring matter whose key sorts right after, to catch a range that reads past its own.
          const neighbour = history.map((p) => ({ ...p, matter: 'm0', body: `${tenant}/neighbour` }));
          await writePeriods(t.store, [...history, ...neighbour]);
          const repo = new AuthorityRepository(t.store);
          for (const at of [...ats, ...froms]) {
            const stored = await repo.at(tenant, 'm', at);
            expect(stored?.body).toBe(authorityAt(history, at)?.body);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('costs exactly one DynamoDB request', async () => {
    const sent: string[] = [];
    const mw =
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      };
    t.store.client.middlewareStack.add(mw as never, { step: 'initialize', name: 'countRequests' });
    try {
      await new AuthorityRepository(t.store).at('p.t0', 'm', new Date().toISOString());
    } finally {
      t.store.client.middlewareStack.remove('countRequests');
    }
    expect(sent).toEqual(['QueryCommand']);
  });
});

describe('AuthorityRepository.ofMatters', () => {
  it('reads the periods of exactly the matters asked, whether a Query each or the whole history', async () => {
    const tenant = 'p.of-matters';
    // Matter codes that prefix one another ("m1", "m10"), to catch a Query that reads past its own.
    const matters = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const periods: AuthorityPeriod[] = matters.flatMap((matter, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        tenant,
        matter,
        from: new Date(BASE + (k * 400 + i) * 86_400_000).toISOString(),
        body: `${tenant}/b${k}`,
        mode: 'transfer' as const,
        seal: 's',
        supervisingBody: `${tenant}/d`,
      })),
    );
    await writePeriods(t.store, periods);
    const repo = new AuthorityRepository(t.store);
    const key = (p: AuthorityPeriod) => `${p.matter}@${p.from}`;
    for (const asked of [['m1'], ['m1', 'm10', 'm3', 'm1'], matters.slice(0, 15), []]) {
      const expected = periods.filter((p) => asked.includes(p.matter)).map(key);
      const read = await repo.ofMatters(tenant, asked);
      expect(read.map(key).sort(), asked.join(',')).toEqual([...expected].sort());
    }
  });
});
