import type { Hono } from 'hono';
import { problemsPage } from './docs';
import type { AppEnv } from './env';
import { PROBLEM_TYPES, type ProblemType, problem, problemResponse } from './problem';

/**
 * `GET /problems` and `/problems/{type}`: the pages documenting each RFC 9457 problem type.
 * The gateway sends them to the api function; the cases function leaves them out, so its bundle
 * carries neither the pages nor the HTML helper (~2.7 KB).
 */
export function mountProblemPages(app: Hono<AppEnv>): void {
  app.get('/problems', (c) => c.html(problemsPage()));
  app.get('/problems/:type', (c) => {
    const type = c.req.param('type');
    if (!(type in PROBLEM_TYPES)) return problemResponse(c, problem('not-found'));
    return c.html(problemsPage(type as ProblemType));
  });
}
