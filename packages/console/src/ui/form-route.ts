import type { Hono } from 'hono';
import type { ConsoleEnv, Ctx } from '../env';
import { empty, type FormState, readForm, type Values } from './form';

export interface FormRouteSpec {
  /** The page with its form: empty on GET, with the values and the API's problem after a refusal. */
  readonly render: (c: Ctx, state: FormState, status: number) => Response | Promise<Response>;
  /** The API request the submitted values make. */
  readonly request: (c: Ctx, values: Values) => { method: string; path: string; body?: unknown };
  /** Where to go once the API accepted it (post/redirect/get, so a reload does not resend). */
  readonly done: (c: Ctx, values: Values, data: unknown) => string;
  /** Serve the page on GET at the same path (default true). */
  readonly get?: boolean;
}

/**
 * The console's form pattern: POST sends the form to the API; accepted, the browser is
 * redirected; refused, the same page comes back with the typed values, the API's errors
 * beside their fields, and the API's status.
 */
export function formRoute(app: Hono<ConsoleEnv>, path: string, spec: FormRouteSpec): void {
  if (spec.get !== false) app.get(path, (c) => spec.render(c, empty, 200));
  app.post(path, async (c) => {
    const { values } = await readForm(c);
    const req = spec.request(c, values);
    const r = await c.get('api').send(req.method, req.path, req.body);
    if (r.ok) return c.redirect(spec.done(c, values, r.data), 303);
    return spec.render(c, { values, problem: r.problem }, r.status);
  });
}
