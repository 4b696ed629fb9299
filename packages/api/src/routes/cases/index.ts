import type { RouteSpec } from '../../route';
import { publicKeysRoute } from './public';
import { staffCaseRoutes } from './staff';

/** The cases Lambda's routes: the staff's case commands and the signing keys (the public case pages, supervision and rectifications are the files Lambda's). */
export const caseRouteList: readonly RouteSpec[] = [...staffCaseRoutes, publicKeysRoute];
