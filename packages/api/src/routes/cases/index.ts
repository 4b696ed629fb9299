import type { RouteSpec } from '../../route';
import { publicAccessLogRoute } from './access-log';
import { publicRoutes } from './public';
import { staffCaseRoutes } from './staff';
import { supervisionRoutes } from './supervision';

/** Cases, supervision, rectifications and the public pages: the cases Lambda's routes. */
export const caseRouteList: readonly RouteSpec[] = [
  ...staffCaseRoutes,
  ...supervisionRoutes,
  ...publicRoutes,
  publicAccessLogRoute,
];
