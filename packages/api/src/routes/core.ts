import type { RouteSpec } from '../route';
import { calendarRoutes } from './calendar';
import { catalogueRoutes } from './catalogue';
import { evaluationRoutes } from './evaluation';
import { matterRoutes } from './matters';
import { sealRoutes } from './seals';
import { tenancyRoutes } from './tenancy';
import { windowOfficeRoutes } from './window-office';

/**
 * What the api Lambda mounts: tenancy, catalogue, seals, matters, calendar. The rollouts and handover
 * agreements (`rolloutRoutes`) are the files Lambda's: a city's rare planning work, whose decider and
 * printable agreement would take ~25 KB of this bundle's budget.
 */
export const coreRoutes: readonly RouteSpec[] = [
  ...tenancyRoutes,
  ...catalogueRoutes,
  ...sealRoutes,
  ...matterRoutes,
  ...calendarRoutes,
  ...evaluationRoutes,
  ...windowOfficeRoutes,
];
