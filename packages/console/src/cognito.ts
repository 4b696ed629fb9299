import { createHash, randomBytes } from 'node:crypto';
import type { CognitoSignIn } from './options';

/** What the console keeps between sending a person to the hosted UI and their return. */
export interface OAuthPending {
  readonly state: string;
  readonly verifier: string;
  readonly next: string;
}

export const callbackUrl = (cfg: CognitoSignIn) => `${cfg.consoleUrl}/auth/callback`;

export function newPending(next: string): OAuthPending {
  return {
    state: randomBytes(16).toString('base64url'),
    verifier: randomBytes(32).toString('base64url'),
    next,
  };
}

/** The hosted UI's authorize URL: authorization code with PKCE (S256), and a state tied to this browser. */
export function authorizeUrl(cfg: CognitoSignIn, pending: OAuthPending): string {
  const challenge = createHash('sha256').update(pending.verifier).digest('base64url');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: callbackUrl(cfg),
    scope: (cfg.scopes ?? ['openid', 'profile', 'email']).join(' '),
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${cfg.domain}/oauth2/authorize?${q}`;
}

/** Where signing out sends the browser: Cognito ends its own session, then returns to the console. */
export function logoutUrl(cfg: CognitoSignIn): string {
  const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: `${cfg.consoleUrl}/` });
  return `${cfg.domain}/logout?${q}`;
}

export class CodeExchangeFailed extends Error {
  override readonly name = 'CodeExchangeFailed';
}

/**
 * Trades the code for tokens at the token endpoint. The console keeps the ID token: it
 * carries the roles and scope claims (the pre-token trigger adds them) and the API's
 * verifier accepts it (its audience is the app client).
 */
export async function exchangeCode(cfg: CognitoSignIn, code: string, verifier: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: cfg.clientId,
    code,
    redirect_uri: callbackUrl(cfg),
    code_verifier: verifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (cfg.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString('base64')}`;
  }
  const res = await (cfg.fetch ?? fetch)(`${cfg.domain}/oauth2/token`, { method: 'POST', headers, body });
  if (!res.ok) throw new CodeExchangeFailed(`token endpoint answered ${res.status}`);
  const json = (await res.json()) as { id_token?: unknown };
  if (typeof json.id_token !== 'string') throw new CodeExchangeFailed('no id_token in the answer');
  return json.id_token;
}

export const encodePending = (p: OAuthPending) => Buffer.from(JSON.stringify(p)).toString('base64url');

export function decodePending(raw: string | undefined): OAuthPending | undefined {
  if (!raw) return undefined;
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<OAuthPending>;
    if (typeof p.state === 'string' && typeof p.verifier === 'string' && typeof p.next === 'string') {
      return { state: p.state, verifier: p.verifier, next: p.next };
    }
  } catch {
    // a cookie we did not write: treated as absent
  }
  return undefined;
}

/** Only a console path is a place to go back to after signing in (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/console(\/|\?|$)/.test(next) || /[\\\r\n]/.test(next)) return '/console';
  return next;
}
