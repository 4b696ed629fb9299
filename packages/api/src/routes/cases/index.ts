import type { RouteSpec } from '../../route';
import { publicAccessLogRoute } from './access-log';
import { publicRoutes } from './public';
import { staffCaseRoutes } from './staff';

/** Cases and the public pages: the cases Lambda's routes (supervision and rectifications are the files Lambda's). */
export const caseRouteList: readonly RouteSpec[] = [
  ...staffCaseRoutes,
  ...publicRoutes,
  publicAccessLogRoute,
];
