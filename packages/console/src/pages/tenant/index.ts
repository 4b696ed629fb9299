import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { absenceRoutes } from './absences';
import { archiveRoutes } from './archive';
import { bodyRoutes } from './bodies';
import { calendarRoutes } from './calendar';
import { handoverRoutes } from './handovers';
import { matterRoutes } from './matters';
import { sealRoutes } from './seals';
import { staffRoutes } from './staff';
import { trainingRoutes } from './trainings';
import { windowAuthRoutes } from './window-auth';

/** Tenant administrators' pages (city administrators reach them from the tenant list). */
export function tenantRoutes() {
  const app = new Hono<ConsoleEnv>();
  for (const r of [
    bodyRoutes,
    staffRoutes,
    sealRoutes,
    calendarRoutes,
    matterRoutes,
    handoverRoutes,
    windowAuthRoutes,
    absenceRoutes,
    trainingRoutes,
    archiveRoutes,
  ])
    app.route('/', r());
  app.get('/console/tenants/:tenant', (c) =>
    c.redirect(`/console/tenants/${c.req.param('tenant')}/bodies`, 302),
  );
  return app;
}
