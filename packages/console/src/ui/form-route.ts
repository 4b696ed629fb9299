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
  /**
   * A submit that only shows the page again with the typed values, sending nothing to the
   * API (a preview button: `name="_preview"`).
   */
  readonly preview?: boolean;
}

/** The name of a preview button: a POST carrying it re-renders the form instead of sending it. */
export const PREVIEW_FIELD = '_preview';

/**
 * The console's form pattern: POST sends the form to the API; accepted, the browser is
 * redirected; refused, the same page comes back with the typed values, the API's errors
 * beside their fields, and the API's status.
 */
export function formRoute(app: Hono<ConsoleEnv>, path: string, spec: FormRouteSpec): void {
  if (spec.get !== false) app.get(path, (c) => spec.render(c, empty, 200));
  app.post(path, async (c) => {
    const { values } = await readForm(c);
    if (spec.preview && values[PREVIEW_FIELD] !== undefined) return spec.render(c, { values }, 200);
    const req = spec.request(c, values);
    const r = await c.get('api').send(req.method, req.path, req.body);
    if (r.ok) return c.redirect(spec.done(c, values, r.data), 303);
    return spec.render(c, { values, problem: r.problem }, r.status);
  });
}
