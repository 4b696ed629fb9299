import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/** Every console cookie lives under /console: the API never sees them, and they never authenticate it. */
export const COOKIE_PATH = '/console';
export const SESSION_COOKIE = 'ow_session';
export const CSRF_COOKIE = 'ow_csrf';
export const LANG_COOKIE = 'ow_lang';
export const OAUTH_COOKIE = 'ow_oauth';
export const CSRF_FIELD = '_csrf';

/** What the console shows of the signed-in user; the API verifies the token itself on every call. */
export interface Claims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly city?: string;
  readonly tenant?: string;
  readonly body?: string;
  readonly name?: string;
  readonly exp?: number;
}

export interface Session {
  readonly token: string;
  readonly claims: Claims;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads a JWT's payload without checking its signature. That is safe here because the
 * console only uses it to choose what to show: every read and change sends the token
 * to the API, which verifies it, so a forged cookie shows a menu and nothing more.
 */
export function decodeClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const sub = str(raw.sub);
  if (!sub) return undefined;
  // Cognito puts a comma-separated `custom:roles` through the pre-token trigger as `roles`; accept both shapes.
  const roles = Array.isArray(raw.roles)
    ? raw.roles.filter((r): r is string => typeof r === 'string')
    : (str(raw.roles)?.split(',') ?? []);
  const pick = (k: string) => (str(raw[k]) ? { [k]: str(raw[k]) } : {});
  return {
    sub,
    roles,
    ...pick('city'),
    ...pick('tenant'),
    ...pick('body'),
    ...(str(raw.name)
      ? { name: str(raw.name) }
      : str(raw['cognito:username'])
        ? { name: str(raw['cognito:username']) }
        : {}),
    ...(typeof raw.exp === 'number' ? { exp: raw.exp } : {}),
  };
}

export function isSecure(c: Context, setting: boolean | 'auto'): boolean {
  if (setting !== 'auto') return setting;
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

const base = (secure: boolean): CookieOptions => ({
  path: COOKIE_PATH,
  httpOnly: true,
  sameSite: 'Lax',
  secure,
});

/** The session cookie carries the API token itself, so nothing is stored server-side. */
export function readSession(c: Context, nowSeconds: number): Session | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  const claims = decodeClaims(token);
  if (!claims || (claims.exp !== undefined && claims.exp <= nowSeconds)) return undefined;
  return { token, claims };
}

export function startSession(c: Context, token: string, secure: boolean, nowSeconds: number): void {
  const exp = decodeClaims(token)?.exp;
  // A session cookie lasts as long as its token, so the browser drops it when the API would refuse it;
  // never beyond a day, whatever a token claims.
  const maxAge = exp ? Math.min(Math.max(0, exp - nowSeconds), 86_400) : 3600;
  setCookie(c, SESSION_COOKIE, token, { ...base(secure), maxAge });
  // A fresh CSRF secret per sign-in: a token seen before signing in is worth nothing after.
  setCookie(c, CSRF_COOKIE, randomSecret(), { ...base(secure) });
}

export function endSession(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, base(secure));
  deleteCookie(c, CSRF_COOKIE, base(secure));
}

export const randomSecret = () => randomBytes(32).toString('base64url');

/** The browser's CSRF secret (a random cookie), created on the first visit. */
export function csrfSecret(c: Context, secure: boolean): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const fresh = randomSecret();
  setCookie(c, CSRF_COOKIE, fresh, base(secure));
  return fresh;
}

/**
 * The hidden-field token: an HMAC of the session token keyed by the browser's CSRF
 * secret. A cross-site form cannot send it (it cannot read the page), and even a
 * cookie planted by a sibling subdomain does not help, because the token also depends
 * on the session token, which the attacker never sees.
 */
export function csrfToken(secret: string, sessionToken: string | undefined): string {
  return createHmac('sha256', secret)
    .update(`onewindow-console|${sessionToken ?? 'anonymous'}`)
    .digest('base64url');
}

/** Whether a form sent this request's token (`csrfToken`), compared in constant time. */
export function csrfValid(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const want = createHash('sha256').update(expected).digest();
  const got = createHash('sha256').update(sent).digest();
  return timingSafeEqual(want, got);
}
