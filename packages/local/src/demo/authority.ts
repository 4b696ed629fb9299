import type { AppEnv } from '@onewindow/api';
import { catalogueCsv } from '@onewindow/api/catalogue-io';
import type { AppServices } from '@onewindow/app';
import type { Hono } from 'hono';
import { anshanExtraBodies, type DemoRolloutPlan, demoCatalogues, demoRolloutPlans } from './catalogue';
import { demoUscc, withDemoBasicCodes } from './codes';
import { demoInitialHolders } from './initial-holders';

type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

const DAY = 24 * 3600_000;
const shift = (instant: string, ms: number) => new Date(Date.parse(instant) + ms);

export interface AuthorityDemoDeps {
  /** The app as it would answer at `now` (default: the real clock). */
  readonly appAt: (now?: Date) => Hono<AppEnv>;
  readonly services: AppServices;
  readonly token: string;
  /** Told when a city's catalogue, authority history and rollouts are loaded. */
  readonly onCity?: (city: string) => Promise<void> | void;
}

/**
 * Loads the four seed scenarios' catalogues and replays their rollouts in order, each
 * through the real API with the clock set a day before it takes effect, then applied
 * as the clock worker applies it. That builds the authority history the seeds
 * describe (2019–2024) without any shortcut past the rules: moves stay forward-dated.
 * A rollout that already exists is skipped, so a restart loads nothing twice.
 */
export async function seedAuthorityDemo(
  deps: AuthorityDemoDeps,
): Promise<{ matters: number; rollouts: number }> {
  const callAt =
    (now?: Date): Call =>
    (method, path, body) =>
      Promise.resolve(
        deps.appAt(now).request(path, {
          method,
          headers: { authorization: `Bearer ${deps.token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
  const call = callAt();
  const expectOk = async (res: Response, what: string, allowConflict = false) => {
    if (res.ok || (allowConflict && res.status === 409)) return;
    throw new Error(`demo data: ${what} answered ${res.status}: ${await res.text()}`);
  };

  // Each city loads on its own: its catalogue, then what its rollouts need, then its rollouts
  // in order. Cities do not wait on each other, so a city's cases may start (`onCity`) while
  // another's catalogue is still loading.
  let matters = 0;
  let rollouts = 0;
  let scheduling: Promise<void> = Promise.resolve();
  const prepared = new Map<string, Promise<void>>();
  const cities = Object.keys(demoCatalogues);
  await Promise.all(
    cities.map(async (city) => {
      const definitions = withDemoBasicCodes(city, demoCatalogues[city] ?? []);
      matters += definitions.length;
      // Through the catalogue import a city administrator uses: the whole list is checked, then
      // saved 40 matters to a transaction (520 matters one PUT at a time were 1,560 requests).
      await expectOk(
        await deps.appAt().request(`/v1/cities/${city}/catalogue:import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${deps.token}`, 'content-type': 'text/csv; charset=utf-8' },
          body: catalogueCsv(definitions),
        }),
        `catalogue of ${city}`,
      );
      if (city === 'anshan')
        await Promise.all(
          anshanExtraBodies.map(async (body) => {
            const uscc = demoUscc('anshan.gaoxin', body);
            await expectOk(
              await call('POST', '/v1/tenants/anshan.gaoxin/bodies', { ...body, uscc }),
              `body ${body.code}`,
              true,
            );
          }),
        );
      await Promise.all(
        demoInitialHolders
          .filter((h) => h.tenant.split('.')[0] === city)
          .map(async ({ tenant, ...holders }) => {
            await expectOk(
              await call('PUT', `/v1/tenants/${tenant}/initial-holders`, holders),
              `initial holders of ${tenant}`,
            );
          }),
      );
      for (const [first, ...rest] of concurrentRuns(demoRolloutPlans.filter((p) => p.city === city))) {
        if (first && (await replay(first))) rollouts++;
        // Anshan's thirteen returns take effect together on matters none shares: four at a time.
        let next = 0;
        const worker = async () => {
          for (let plan = rest[next++]; plan; plan = rest[next++]) if (await replay(plan)) rollouts++;
        };
        await Promise.all(Array.from({ length: 4 }, worker));
      }
      await deps.onCity?.(city);
    }),
  );
  return { matters, rollouts };

  async function replay(plan: DemoRolloutPlan): Promise<boolean> {
    if ((await call('GET', `/v1/cities/${plan.city}/rollouts/${plan.id}`)).ok) return false;
    await prepareTenants(call, plan, expectOk, prepared);
    const before = callAt(shift(plan.effectiveAt, -DAY));
    const { city, ...input } = plan;
    await expectOk(await before('POST', `/v1/cities/${city}/rollouts`, input), `rollout ${plan.id}`);
    // A city's schedule is one item, changed under a version check: its rollouts are scheduled
    // one after another (two at once would answer one of them 409), and applied at once.
    const scheduled = scheduling.then(async () =>
      expectOk(
        await before('POST', `/v1/cities/${city}/rollouts/${plan.id}/schedule`),
        `scheduling ${plan.id}`,
      ),
    );
    scheduling = scheduled.catch(() => undefined);
    await scheduled;
    if (
      plan.id ===
      demoRolloutPlans.find((p) => p.city === 'anshan' && p.from === 'anshan.gaoxin/approval-bureau')?.id
    ) {
      await voidAnshanSeal(before, plan.effectiveAt, expectOk);
    }
    const applied = await deps.services.rollouts.apply(city, plan.id, {
      now: shift(plan.effectiveAt, 1000).toISOString(),
      budgetMs: 600_000,
    });
    if (!applied.done) throw new Error(`demo data: rollout ${plan.id} did not finish`);
    return true;
  }
}

/**
 * The city's plans in order, as runs of plans that take effect at the same instant on matters
 * no other plan of the run names: a run's first plan goes alone (it may void a seal the others
 * rely on not being used), the rest of it may go at once.
 */
export function concurrentRuns(plans: readonly DemoRolloutPlan[]): DemoRolloutPlan[][] {
  const runs: DemoRolloutPlan[][] = [];
  for (const plan of plans) {
    const run = runs.at(-1);
    const disjoint = run?.every(
      (p) => p.effectiveAt === plan.effectiveAt && !p.matters.some((m) => plan.matters.includes(m)),
    );
    if (run && disjoint) run.push(plan);
    else runs.push([plan]);
  }
  return runs;
}

/** What R11 asks of each target tenant: the receiving body's seal, an approver in it, a window clerk, both trained. */
async function prepareTenants(
  call: Call,
  plan: DemoRolloutPlan,
  expectOk: (res: Response, what: string, allowConflict?: boolean) => Promise<void>,
  prepared: Map<string, Promise<void>>,
): Promise<void> {
  // A post or seal already asked for in this load is awaited, not asked for again (Anshan's
  // fourteen plans share one tenant); one that exists from an earlier start answers 409 and stays.
  const once = (key: string, what: string, path: string, body: object) => {
    let done = prepared.get(key);
    if (!done) {
      done = call('POST', path, body).then((res) => expectOk(res, what, true));
      prepared.set(key, done);
    }
    return done;
  };
  // R11, people: each of the two posts trained on the plan's matters a week before the move, one
  // record a post per plan, asked for once the post exists (in the same Promise.all as the posts).
  const trained = (staff: string, post: Promise<void>, tenant: string) =>
    post.then(() =>
      once(
        `${tenant}/training/${staff}/${plan.id}`,
        `training of ${tenant}/${staff}`,
        `/v1/tenants/${tenant}/staff/${staff}/trainings`,
        {
          id: plan.id,
          matters: plan.matters,
          kind: 'training',
          completedAt: shift(plan.effectiveAt, -7 * DAY)
            .toISOString()
            .slice(0, 10),
          by: '原实施部门',
        },
      ),
    );
  await Promise.all(
    plan.tenants.flatMap((tenant) => {
      const base = `/v1/tenants/${tenant}`;
      const approver = once(
        `${tenant}/staff/${plan.to}-approver`,
        `approver in ${tenant}/${plan.to}`,
        `${base}/staff`,
        {
          id: `${plan.to}-approver`,
          name: '审批人员',
          roles: ['approver'],
          body: plan.to,
        },
      );
      const clerk = once(`${tenant}/staff/window-clerk-1`, `clerk in ${tenant}`, `${base}/staff`, {
        id: 'window-clerk-1',
        name: '综合窗口',
        roles: ['window-clerk'],
      });
      return [
        once(`${tenant}/seal/${plan.seal}`, `seal ${tenant}/${plan.seal}`, `${base}/seals`, {
          id: plan.seal,
          body: plan.to,
          name: '行政审批专用章',
          validFrom: shift(plan.effectiveAt, -30 * DAY).toISOString(),
          electronic: true,
        }),
        trained(`${plan.to}-approver`, approver, tenant),
        trained('window-clerk-1', clerk, tenant),
      ];
    }),
  );
}

/**
 * Seed 002: the zone's old approval seal is void from the handover at once; results of
 * applications accepted before it take the district approval bureau's seal instead.
 */
async function voidAnshanSeal(
  before: Call,
  effectiveAt: string,
  expectOk: (res: Response, what: string, allowConflict?: boolean) => Promise<void>,
): Promise<void> {
  const base = '/v1/tenants/anshan.gaoxin/seals';
  await expectOk(
    await before('POST', base, {
      id: 'district-approval-seal',
      body: 'approval-bureau',
      name: '区行政审批局印章',
      validFrom: shift(effectiveAt, -7 * DAY).toISOString(),
      electronic: true,
    }),
    'Anshan district approval seal',
    true,
  );
  await expectOk(
    await before('POST', `${base}/approval-bureau-seal/void`, {
      at: effectiveAt,
      successor: 'district-approval-seal',
    }),
    'voiding the zone approval seal',
  );
}
