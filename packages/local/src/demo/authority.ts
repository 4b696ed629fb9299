import type { AppEnv } from '@onewindow/api';
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

  // Eight at a time: DynamoDB Local takes concurrent writes, and 520 matters one by one slow every start.
  const puts = Object.entries(demoCatalogues).flatMap(([city, list]) =>
    withDemoBasicCodes(city, list).map((m) => ({ city, m })),
  );
  let next = 0;
  const worker = async () => {
    while (next < puts.length) {
      const { city, m } = puts[next++] ?? { city: '', m: undefined };
      if (!m) return;
      const { code, ...definition } = m;
      await expectOk(
        await call('PUT', `/v1/cities/${city}/catalogue/${code}`, definition),
        `matter ${city}/${code}`,
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const matters = puts.length;
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
  // R13: the pre-reform holders, one request a tenant (written in batches), before any move; tenants at once.
  await Promise.all(
    demoInitialHolders.map(async ({ tenant, ...holders }) => {
      await expectOk(
        await call('PUT', `/v1/tenants/${tenant}/initial-holders`, holders),
        `initial holders of ${tenant}`,
      );
    }),
  );

  let rollouts = 0;
  // A city's rollouts replay in order; the cities share nothing, so they replay side by side.
  const cities = [...new Set(demoRolloutPlans.map((p) => p.city))];
  await Promise.all(
    cities.map(async (city) => {
      for (const plan of demoRolloutPlans.filter((p) => p.city === city)) {
        if (await replay(plan)) rollouts++;
      }
    }),
  );
  return { matters, rollouts };

  async function replay(plan: DemoRolloutPlan): Promise<boolean> {
    if ((await call('GET', `/v1/cities/${plan.city}/rollouts/${plan.id}`)).ok) return false;
    await prepareTenants(call, plan, expectOk);
    const before = callAt(shift(plan.effectiveAt, -DAY));
    const { city, ...input } = plan;
    await expectOk(await before('POST', `/v1/cities/${city}/rollouts`, input), `rollout ${plan.id}`);
    await expectOk(
      await before('POST', `/v1/cities/${city}/rollouts/${plan.id}/schedule`),
      `scheduling ${plan.id}`,
    );
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

/** What R11 asks of each target tenant: the receiving body's seal, an approver in it, a window clerk. */
async function prepareTenants(
  call: Call,
  plan: DemoRolloutPlan,
  expectOk: (res: Response, what: string, allowConflict?: boolean) => Promise<void>,
): Promise<void> {
  for (const tenant of plan.tenants) {
    const base = `/v1/tenants/${tenant}`;
    await expectOk(
      await call('POST', `${base}/seals`, {
        id: plan.seal,
        body: plan.to,
        name: '行政审批专用章',
        validFrom: shift(plan.effectiveAt, -30 * DAY).toISOString(),
        electronic: true,
      }),
      `seal ${tenant}/${plan.seal}`,
      true,
    );
    await expectOk(
      await call('POST', `${base}/staff`, {
        id: `${plan.to}-approver`,
        name: '审批人员',
        roles: ['approver'],
        body: plan.to,
      }),
      `approver in ${tenant}/${plan.to}`,
      true,
    );
    await expectOk(
      await call('POST', `${base}/staff`, {
        id: 'window-clerk-1',
        name: '综合窗口',
        roles: ['window-clerk'],
      }),
      `clerk in ${tenant}`,
      true,
    );
  }
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
