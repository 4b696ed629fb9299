import { isRole, type Principal, type Role } from '@onewindow/domain';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
// The functions themselves, not `hono/jwt`: its `Jwt` object would bring `sign` into every bundle.
import { decode, verifyWithJwks } from 'hono/utils/jwt/jwt';

export interface JwksSource {
  keys(): Promise<HonoJsonWebKey[]>;
  /** Present when the keys can be fetched again (a rotated key appears). */
  refresh?(): Promise<void>;
}

/** Keys held in memory: the local dev issuer hands its public keys over this way. */
export const staticJwks = (keys: HonoJsonWebKey[]): JwksSource => ({ keys: async () => keys });

/** How often an unknown `kid` may send us to the JWKS URL again: a forged kid must not make every request fetch. */
const REFRESH_INTERVAL_MS = 60_000;

/**
 * Keys fetched from a JWKS URL (Cognito's) and kept for ten minutes, so a warm Lambda
 * does not fetch them on every request. A token signed with a key we have not seen
 * triggers a refetch (Cognito rotates keys without notice), at most once a minute; requests
 * arriving while a fetch is under way wait for that one fetch.
 */
export function remoteJwks(url: string, ttlMs = 10 * 60_000, now: () => number = Date.now): JwksSource {
  let cached: { at: number; keys: HonoJsonWebKey[] } | undefined;
  let inflight: Promise<void> | undefined;
  const load = () => {
    inflight ??= (async () => {
      try {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`JWKS fetch failed: ${res.status}`);
        const body = (await res.json()) as { keys?: HonoJsonWebKey[] };
        cached = { at: now(), keys: body.keys ?? [] };
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };
  return {
    async keys() {
      if (!cached || now() - cached.at > ttlMs) await load();
      return cached?.keys ?? [];
    },
    async refresh() {
      if (cached && now() - cached.at < REFRESH_INTERVAL_MS) return;
      await load();
    },
  };
}

export interface VerifierOptions {
  readonly jwks: JwksSource;
  readonly issuer: string;
  /** The app client id: Cognito puts it in `aud` of ID tokens and `client_id` of access tokens. */
  readonly audience: string;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/** The longest a token may live: Cognito's ID and access tokens last at most a day. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/**
 * What the signature check leaves to us: a token must expire (`exp`), and live no longer
 * than a day from when it was issued (or from now, when it says not); `nbf` and an `iat`
 * in the future are refused by the signature check itself.
 */
function checkLifetime(payload: Record<string, unknown>, nowSeconds: number): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new TokenError('token has no expiry');
  const issued = typeof iat === 'number' ? iat : nowSeconds;
  if (exp - issued > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenError('token lives longer than a day');
}

/**
 * The one verification path (DESIGN.md decision 6): signature against the JWKS,
 * issuer, not-before, issued-at, a required expiry within a day, audience; then the
 * claims of API.md become a Principal.
 */
export function createVerifier(options: VerifierOptions) {
  const verified = new Map<string, VerifiedToken>();
  const keysFor = async (token: string): Promise<HonoJsonWebKey[]> => {
    const keys = await options.jwks.keys();
    const { kid } = decode(token).header;
    if (options.jwks.refresh && !keys.some((k) => k.kid === kid)) {
      await options.jwks.refresh();
      return options.jwks.keys();
    }
    return keys;
  };
  return async (token: string): Promise<Principal> => {
    const now = Math.floor(Date.now() / 1000);
    const seen = verified.get(token);
    if (seen && now < seen.exp && now >= seen.nbf && now < seen.until) return seen.principal;
    let payload: Record<string, unknown>;
    try {
      payload = await verifyWithJwks(token, {
        keys: await keysFor(token),
        verification: { iss: options.issuer },
        allowedAlgorithms: ['RS256'],
      });
    } catch {
      throw new TokenError('invalid token');
    }
    if (payload.aud !== options.audience && payload.client_id !== options.audience) {
      throw new TokenError('wrong audience');
    }
    checkLifetime(payload, now);
    const principal = principalOf(payload);
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, {
      principal,
      exp: payload.exp as number,
      nbf: typeof payload.nbf === 'number' ? payload.nbf : 0,
      until: now + VERIFIED_SECONDS,
    });
    return principal;
  };
}

/**
 * A token this instance verified: the same bytes are believed again, without the RS256 check
 * (a third of a millisecond, the largest part of the pipeline's own time), while the token is
 * within its own nbf/exp and for at most VERIFIED_SECONDS, so a key withdrawn from the JWKS
 * stops being honoured within minutes. Every request of a signed-in clerk carries one token.
 */
interface VerifiedToken {
  readonly principal: Principal;
  readonly exp: number;
  readonly nbf: number;
  readonly until: number;
}
const VERIFIED_SECONDS = 300;
/** Tokens remembered per instance; past that the memory starts again. */
const VERIFIED_MAX = 1_000;

export type Verifier = ReturnType<typeof createVerifier>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function principalOf(claims: Record<string, unknown>): Principal {
  const sub = str(claims.sub);
  if (!sub) throw new TokenError('token has no subject');
  const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter(
    (r): r is Role => typeof r === 'string' && isRole(r),
  );
  const city = str(claims.city);
  const tenant = str(claims.tenant);
  const body = str(claims.body);
  return { sub, roles, ...(city ? { city } : {}), ...(tenant ? { tenant } : {}), ...(body ? { body } : {}) };
}
