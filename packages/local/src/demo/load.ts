import type { AppEnv } from '@onewindow/api';
import type { AppServices } from '@onewindow/app';
import type { Hono } from 'hono';
import type { DevIssuer } from '../issuer';
import { seedAuthorityDemo } from './authority';
import { CASE_DEMO_CITY, seedCaseDemo } from './cases';
import { seedDemo } from './seed';

export interface DemoLoadDeps {
  /** The app as it answered at an instant (the present without one). */
  readonly appAt: (now?: Date) => Hono<AppEnv>;
  readonly services: AppServices;
  readonly issuer: Pick<DevIssuer, 'issue'>;
  /** Told as each part is in. */
  readonly step: (name: string) => void;
}

/** The whole demo, through the API: tenancy first, then every city's catalogue and rollouts, and Nanjing's cases. */
export async function seedAll(deps: DemoLoadDeps): Promise<void> {
  const { appAt, issuer, step } = deps;
  const token = await issuer.issue({ sub: 'demo-loader', roles: ['platform-admin'] }, 3600);
  await seedDemo(appAt(), token);
  step('demo: cities, tenants, bodies, staff');
  // The demo's cases are Nanjing's: they start once Nanjing's authority is loaded, beside the
  // other cities' catalogues.
  let cases: Promise<unknown> = Promise.resolve();
  await seedAuthorityDemo({
    appAt,
    services: deps.services,
    token,
    onCity: (city) => {
      if (city !== CASE_DEMO_CITY) return;
      cases = seedCaseDemo({ appAt, issue: (claims) => issuer.issue(claims, 3600) });
      // Awaited below; until then a failure must not count as unhandled.
      cases.catch(() => undefined);
    },
  });
  step('demo: catalogues and rollouts');
  await cases;
  step('demo: cases');
}
