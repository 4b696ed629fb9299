import type { RouteSpec } from '../../route';
export const caseRouteList: readonly RouteSpec[] = [];
