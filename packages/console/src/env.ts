import type { Context } from 'hono';
import type { ConsoleApi } from './api';
import type { Lang, Messages } from './i18n';
import type { ConsoleOptions } from './options';
import type { Session } from './session';

export type ConsoleEnv = {
  Variables: {
    lang: Lang;
    t: Messages;
    session: Session | undefined;
    /** The CSRF token every form of this page carries. */
    csrf: string;
    /** The API as the signed-in user (or anonymously). */
    api: ConsoleApi;
    options: ConsoleOptions;
    secure: boolean;
    /** The bucket's origin when this answer holds a presigned upload form (its form-action). */
    uploadOrigin?: string;
  };
};

export type Ctx = Context<ConsoleEnv>;

/** The signed-in session; the console's guard has already sent anyone without one to sign in. */
export function sessionOf(c: Ctx) {
  const s = c.get('session');
  if (!s) throw new Error('no session: route is missing the sign-in guard');
  return s;
}
