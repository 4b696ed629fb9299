import type { ConsoleSecurityEvent } from './security-event';

/**
 * What the console needs from its host. It is a client of the API: every read and
 * every change goes through `api.request`, so the API's rules, validation and
 * problem+json errors apply to the console exactly as to any other client.
 */
export interface ApiLike {
  /** A hono app's `request` (in-process) or a fetch against the API's URL (see `httpApi`). */
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A user the local sign-in page lists; the claims are the ones the dev issuer signs. */
export interface DemoUser {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly city?: string;
  readonly tenant?: string;
  readonly body?: string;
}

/** Local sign-in: a page listing the demo users; choosing one mints a token for it. */
export interface DemoSignIn {
  readonly kind: 'demo';
  readonly users: readonly DemoUser[];
  /** A token for the user, signed by the local dev issuer; undefined for an unknown sub. */
  token(sub: string): Promise<string | undefined>;
}

/** AWS sign-in: the Cognito hosted UI, authorization-code flow with PKCE. */
export interface CognitoSignIn {
  readonly kind: 'cognito';
  /** The hosted UI domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  readonly clientId: string;
  /** Only for an app client with a secret; a public client (the default) has none. */
  readonly clientSecret?: string;
  /**
   * The console's public URL, ending in `/console` (the CDK context `onewindow:consoleUrl`): the
   * app client's callback is `<consoleUrl>/auth/callback` and its sign-out URL `<consoleUrl>/`.
   */
  readonly consoleUrl: string;
  /** Scopes asked for; default `openid profile email`. */
  readonly scopes?: readonly string[];
  /** The token endpoint is called with this fetch (tests pass a fake). */
  readonly fetch?: typeof fetch;
}

export type SignInConfig = DemoSignIn | CognitoSignIn;

export interface ConsoleOptions {
  readonly api: ApiLike;
  readonly signIn: SignInConfig;
  /** Secure cookies: `auto` (the default) sets Secure when the request came over https. */
  readonly secureCookies?: boolean | 'auto';
  /** The clock, for tests; the API has its own. */
  readonly now?: () => Date;
  /**
   * The key the API functions share with the console (domain/client-relay.ts): with it the
   * console names each visitor's address to the API, so the public rate limits count
   * applicants, not the console's own address.
   */
  readonly relayKey?: string | Uint8Array;
  /**
   * Where presigned uploads go (the bucket's origin): allowed in every page's connect-src and
   * form-action, so the case page uploads with a progress bar. Without it, uploads take the no-script path.
   */
  readonly uploadOrigins?: readonly string[];
  /** Told of errors the console cannot show more of than an apology (the host logs them). */
  readonly onError?: (error: unknown) => void;
  /** Told of failed sign-ins and refused forms; the console Lambda logs them as security events. */
  readonly onSecurityEvent?: (event: ConsoleSecurityEvent) => void;
}

/** An API reached over HTTP, for a console deployed apart from the API. */
export const httpApi = (baseUrl: string, fetcher: typeof fetch = fetch): ApiLike => ({
  request: (path, init) => fetcher(new URL(path, baseUrl), init),
});

/**
 * Cognito sign-in configured from the environment (documented in the package README);
 * undefined when the variables are not all set.
 */
export function cognitoFromEnv(env: Record<string, string | undefined>): CognitoSignIn | undefined {
  const domain = env.CONSOLE_COGNITO_DOMAIN;
  const clientId = env.CONSOLE_COGNITO_CLIENT_ID;
  const consoleUrl = env.CONSOLE_URL;
  if (!domain || !clientId || !consoleUrl) return undefined;
  return {
    kind: 'cognito',
    domain: domain.replace(/\/+$/, ''),
    clientId,
    consoleUrl: consoleUrl.replace(/\/+$/, ''),
    ...(env.CONSOLE_COGNITO_CLIENT_SECRET ? { clientSecret: env.CONSOLE_COGNITO_CLIENT_SECRET } : {}),
  };
}
