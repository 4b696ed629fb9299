import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { cityAssessmentRoutes } from './assessment';
import { catalogueRoutes } from './catalogue';
import { cityListRoutes } from './cities';
import { evaluationRoutes } from './evaluation';
import { matterFormRoutes } from './matter-form';
import { cityRectificationRoutes } from './rectifications';
import { rolloutFormRoutes } from './rollout-form';
import { rolloutRoutes } from './rollouts';
import { tenantListRoutes } from './tenants';

/** Platform and city administrators' pages. */
export function cityRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.route('/', cityListRoutes());
  app.route('/', tenantListRoutes());
  app.route('/', evaluationRoutes());
  app.route('/', cityRectificationRoutes());
  app.route('/', cityAssessmentRoutes());
  // Before the catalogue pages, whose `/catalogue/:code` would otherwise take `new`.
  app.route('/', matterFormRoutes());
  app.route('/', catalogueRoutes());
  // Before the rollout pages, whose `/rollouts/:id` would otherwise take `new`.
  app.route('/', rolloutFormRoutes());
  app.route('/', rolloutRoutes());
  return app;
}
