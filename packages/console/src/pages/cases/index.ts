import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { assessmentRoutes } from './assessment';
import { boardRoutes } from './board';
import { cardRoutes } from './cards';
import { casePageRoutes } from './case-page';
import { documentRoutes } from './documents';
import { feeRoutes } from './fees';
import { intakeRoutes } from './intake';
import { listRoutes } from './lists';
import { materialRoutes } from './materials';
import { rectificationRoutes } from './rectifications';
import { searchRoutes } from './search';
import { supervisionRoutes } from './supervision';

/** Window clerks, approvers, supervisors and inspectors: the case pages. */
export function caseRoutes() {
  const app = new Hono<ConsoleEnv>();
  // Documents before the case page's action route, which would take `receipt` and `result` as actions.
  for (const r of [
    intakeRoutes,
    listRoutes,
    searchRoutes,
    documentRoutes,
    materialRoutes,
    casePageRoutes,
    supervisionRoutes,
    boardRoutes,
    assessmentRoutes,
    cardRoutes,
    feeRoutes,
    rectificationRoutes,
  ]) {
    app.route('/', r());
  }
  return app;
}
