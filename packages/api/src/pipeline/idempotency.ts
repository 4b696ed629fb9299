import { createHash } from 'node:crypto';
import { DomainError } from '@onewindow/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../env';

export interface IdempotencyKey {
  readonly key: string;
  /** What the first request under this key was: method, path and body. */
  readonly fingerprint: string;
}

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The request's `Idempotency-Key` with its fingerprint; undefined for reads and requests without one. */
export async function idempotencyKeyOf(
  c: Context<AppEnv>,
  method: string,
  hasBody: boolean,
): Promise<IdempotencyKey | undefined> {
  const key = c.req.header('idempotency-key');
  if (key === undefined || method === 'get') return undefined;
  if (!KEY.test(key)) {
    throw new DomainError(
      'validation',
      'Idempotency-Key 应为 8–128 个字母、数字或 _.:-',
      'Idempotency-Key must be 8–128 of [A-Za-z0-9_.:-]',
      {
        errors: [
          {
            path: 'Idempotency-Key',
            zh: '应为 8–128 个字母、数字或 _.:-',
            en: 'must be 8–128 of [A-Za-z0-9_.:-]',
          },
        ],
      },
    );
  }
  const fingerprint = createHash('sha256')
    .update(`${method} ${c.req.path}\n${hasBody ? await c.req.text() : ''}`)
    .digest('base64url');
  return { key, fingerprint };
}
