import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

/** Window clerks, approvers, supervisors and inspectors: the case pages. */
export function caseRoutes() {
  return new Hono<ConsoleEnv>();
}
