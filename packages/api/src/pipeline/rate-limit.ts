import { CLIENT_RELAY_HEADER, DomainError, relayedClient } from '@onewindow/domain';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../env';
import { problemResponse } from '../problem';
import { clientIp } from './security-event';

/**
 * The public routes that name a case: progress and rating by query code, a result's verification
 * and seal, the applicant's online uploads (`…/materials/{code}[/uploads]`, issue 16).
 */
const CASE_PATH = /^\/v1\/public\/(cases|results)\/([^/]+)(?:\/(.+))?$/;
/** The published lists of a tenant (routes/empowerment.ts): counted per client only. */
const LIST_PATH = /^\/v1\/public\/[^/]+\/empowered-matters(\/changes)?$/;

/**
 * The address a request came from, as the platform saw it: API Gateway's `sourceIp` in
 * AWS, the socket's peer locally; or, for a request the console relays, the visitor's address
 * it names in the authenticated relay header (domain/client-relay.ts). Never a plain header: a
 * client can write any X-Forwarded-For. An IPv6 client is counted by its /64, the block one
 * subscriber is given.
 */
export function clientAddress(c: Context, relayKey?: string | Uint8Array, nowMs = Date.now()): string {
  const relay = relayKey ? c.req.header(CLIENT_RELAY_HEADER) : undefined;
  const relayed = relayKey && relay ? relayedClient(relayKey, relay, nowMs) : undefined;
  const ip = relayed ?? clientIp(c);
  if (!ip) return 'unknown';
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip.replace(/^::ffff:/, '');
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * Rate limits of the public case routes (README: Public routes: rate limits and verification):
 * per client and per case, 429 problem+json with Retry-After over either; a wrong query or
 * verification code is counted against the case, and enough of them lock its public lookup.
 * It runs before the route's pipeline, so its counters are the system's own, not the caller's.
 */
export function publicRateLimit(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = CASE_PATH.exec(c.req.path);
    const caseNo = match?.[2] ? safeDecode(match[2]) : undefined;
    const listed = !match && LIST_PATH.test(c.req.path);
    if (!listed && (!match || !caseNo)) return next();
    const limits = deps.services.publicLimits;
    const now = (deps.now?.() ?? new Date()).getTime();
    try {
      const client = clientAddress(c, deps.relayKey, now);
      await (caseNo ? limits.admit(client, caseNo, now) : limits.admitClient(client, now));
    } catch (error) {
      if (error instanceof DomainError && error.type === 'too-many-requests') {
        return problemResponse(c, error, { 'retry-after': String(error.extensions?.retryAfter ?? 60) });
      }
      throw error;
    }
    await next();
    if (!match || !caseNo) return;
    // A code was tried and the answer is 404: the same answer a missing case gets, and a guess.
    const codeTried = match[1] === 'cases' || c.req.query('code') !== undefined;
    if (!codeTried || c.res.status !== 404) return;
    try {
      await limits.wrongCode(caseNo, now);
    } catch (error) {
      // The answer stands; an uncounted guess is the lesser harm than a 503 for it.
      c.get('log')?.warn('wrong-code count failed', { error: error as Error });
    }
  };
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
