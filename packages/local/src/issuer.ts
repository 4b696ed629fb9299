import type { webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AppEnv } from '@onewindow/api';
import { ROLES } from '@onewindow/domain';
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import * as z from 'zod/mini';

export const DEV_ISSUER = 'https://onewindow.local/dev-issuer';
export const DEV_AUDIENCE = 'onewindow-local';

export interface DevIssuer {
  readonly publicKeys: HonoJsonWebKey[];
  issue(claims: DevClaims, ttlSeconds?: number): Promise<string>;
}

export interface DevClaims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly city?: string;
  readonly tenant?: string;
  readonly body?: string;
}

/**
 * The local stand-in for Cognito: an RS256 key pair whose public half the API verifies
 * through the same JWKS path as in AWS. With `keyFile` the pair survives a restart,
 * so a console session does not end when the stack does.
 */
export async function createDevIssuer(keyFile?: string): Promise<DevIssuer> {
  let pair: { privateJwk: webcrypto.JsonWebKey; publicJwk: webcrypto.JsonWebKey };
  if (keyFile && existsSync(keyFile)) {
    pair = JSON.parse(readFileSync(keyFile, 'utf8'));
  } else {
    const keys = (await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as webcrypto.CryptoKeyPair;
    pair = {
      privateJwk: await crypto.subtle.exportKey('jwk', keys.privateKey),
      publicJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
    };
    if (keyFile) writeFileSync(keyFile, JSON.stringify(pair), { mode: 0o600 });
  }
  const kid = `dev-${(pair.publicJwk.n ?? '').slice(0, 12)}`;
  const privateKey = { ...pair.privateJwk, kid, alg: 'RS256' } as HonoJsonWebKey;
  const publicKey = { ...pair.publicJwk, kid, alg: 'RS256', use: 'sig' } as HonoJsonWebKey;
  return {
    publicKeys: [publicKey],
    issue: (claims, ttlSeconds = 12 * 3600) => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        { ...claims, iss: DEV_ISSUER, aud: DEV_AUDIENCE, iat: now, exp: now + ttlSeconds, token_use: 'id' },
        privateKey,
        'RS256',
      );
    },
  };
}

const Claims = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(128)),
  roles: z.array(z.enum(ROLES)),
  city: z.optional(z.string()),
  tenant: z.optional(z.string()),
  body: z.optional(z.string()),
});

/** `POST /dev/token` and `GET /dev/jwks.json`: mounted by the local stack only, never in a Lambda bundle. */
export function devRoutes(
  issuer: DevIssuer,
  parse: <S extends z.ZodMiniType>(s: S, v: unknown) => z.output<S>,
) {
  const dev = new Hono<AppEnv>();
  dev.post('/token', async (c) => {
    const claims = parse(Claims, await c.req.json().catch(() => undefined));
    return c.json({ token: await issuer.issue(claims) });
  });
  dev.get('/jwks.json', (c) => c.json({ keys: issuer.publicKeys }));
  return dev;
}
