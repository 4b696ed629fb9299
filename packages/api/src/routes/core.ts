import type { RouteSpec } from '../route';
import { calendarRoutes } from './calendar';
import { catalogueRoutes } from './catalogue';
import { evaluationRoutes } from './evaluation';
import { matterRoutes } from './matters';
import { rolloutRoutes } from './rollouts';
import { sealRoutes } from './seals';
import { tenancyRoutes } from './tenancy';
import { windowOfficeRoutes } from './window-office';

/** What the api Lambda mounts: tenancy, catalogue, seals, matters, rollouts, calendar. */
export const coreRoutes: readonly RouteSpec[] = [
  ...tenancyRoutes,
  ...catalogueRoutes,
  ...sealRoutes,
  ...matterRoutes,
  ...rolloutRoutes,
  ...calendarRoutes,
  ...evaluationRoutes,
  ...windowOfficeRoutes,
];
