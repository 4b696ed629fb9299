import { DomainError, type Principal } from '@onewindow/domain';
import type { Context } from 'hono';
import { TokenError } from '../auth';
import type { AppDeps, AppEnv } from '../env';
import { logSecurityEvent } from './security-event';

export const ANONYMOUS: Principal = { sub: 'anonymous', roles: [] };

const unauthorized = (en: string, cause?: unknown) =>
  new DomainError('unauthorized', '需要有效的登录凭证', en, cause === undefined ? {} : { cause });

/**
 * The caller of a bearer token; a missing or bad token answers 401, never 403 or 404. Each
 * refusal is a security event (`auth-failed`) with the reason, never the token.
 */
export async function authenticate(c: Context<AppEnv>, deps: AppDeps): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!match?.[1]) {
    logSecurityEvent(c, 'auth-failed', { reason: 'no bearer token' });
    throw unauthorized('no bearer token');
  }
  try {
    return await deps.verify(match[1]);
  } catch (error) {
    if (error instanceof TokenError) {
      logSecurityEvent(c, 'auth-failed', { reason: error.message });
      throw unauthorized(error.message, error);
    }
    throw error;
  }
}
