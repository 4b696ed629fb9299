import { webcrypto } from 'node:crypto';
import { sign } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVerifier, remoteJwks, staticJwks, TokenError } from '../../packages/api/src/auth';

const ISS = 'https://issuer.test';
const AUD = 'client-1';
let privateKey: HonoJsonWebKey;
let publicKey: HonoJsonWebKey;

beforeAll(async () => {
  const pair = (await webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as webcrypto.CryptoKeyPair;
  privateKey = {
    ...(await webcrypto.subtle.exportKey('jwk', pair.privateKey)),
    kid: 'k1',
    alg: 'RS256',
  } as HonoJsonWebKey;
  publicKey = {
    ...(await webcrypto.subtle.exportKey('jwk', pair.publicKey)),
    kid: 'k1',
    alg: 'RS256',
  } as HonoJsonWebKey;
});

const now = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown>, key: HonoJsonWebKey = privateKey) =>
  sign({ sub: 'u1', roles: ['window-clerk'], iss: ISS, aud: AUD, ...claims }, key, 'RS256');
const verify = (t: string) =>
  createVerifier({ jwks: staticJwks([publicKey]), issuer: ISS, audience: AUD })(t);

describe('token verification', () => {
  it('accepts a token that expires within a day', async () => {
    expect((await verify(await token({ iat: now(), exp: now() + 3600 }))).sub).toBe('u1');
  });

  it('refuses a token without an expiry: it would never expire', async () => {
    await expect(verify(await token({ iat: now() }))).rejects.toThrow(new TokenError('token has no expiry'));
  });

  it('refuses a token that lives longer than a day, from its iat or, without one, from now', async () => {
    await expect(verify(await token({ iat: now(), exp: now() + 25 * 3600 }))).rejects.toThrow(TokenError);
    await expect(verify(await token({ exp: now() + 25 * 3600 }))).rejects.toThrow(TokenError);
  });

  it('refuses a token not valid yet (nbf) and one issued in the future (iat)', async () => {
    await expect(verify(await token({ nbf: now() + 600, exp: now() + 3600 }))).rejects.toThrow(TokenError);
    await expect(verify(await token({ iat: now() + 600, exp: now() + 3600 }))).rejects.toThrow(TokenError);
  });

  it('refuses an expired token', async () => {
    await expect(verify(await token({ iat: now() - 7200, exp: now() - 60 }))).rejects.toThrow(TokenError);
  });
});

describe('JWKS fetching', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches once for many requests at once, and an unknown kid refetches at most once a minute', async () => {
    let fetches = 0;
    vi.stubGlobal('fetch', async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 20));
      return new Response(JSON.stringify({ keys: [publicKey] }), { status: 200 });
    });
    const verifier = createVerifier({
      jwks: remoteJwks('https://issuer.test/jwks.json'),
      issuer: ISS,
      audience: AUD,
    });
    const good = await token({ iat: now(), exp: now() + 3600 });
    await Promise.all(Array.from({ length: 50 }, () => verifier(good)));
    expect(fetches).toBe(1);
    // A forged kid, 200 times: the keys were fetched under a minute ago, so none of them fetches again.
    const forged = await token({ iat: now(), exp: now() + 3600 }, { ...privateKey, kid: 'forged' });
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => verifier(forged)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(fetches).toBe(1);
  });

  it('refetches for an unknown kid once the last fetch is a minute old (a rotated key appears)', async () => {
    let fetches = 0;
    let clock = 0;
    vi.stubGlobal('fetch', async () => {
      fetches++;
      return new Response(JSON.stringify({ keys: [publicKey] }), { status: 200 });
    });
    const jwks = remoteJwks('https://issuer.test/jwks.json', 10 * 60_000, () => clock);
    await jwks.keys();
    await jwks.refresh?.();
    expect(fetches).toBe(1);
    clock += 61_000;
    await jwks.refresh?.();
    expect(fetches).toBe(2);
  });
});

describe('a token verified once', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const counting = () => {
    let reads = 0;
    const jwks = staticJwks([publicKey]);
    return {
      verify: createVerifier({
        jwks: {
          keys: () => {
            reads++;
            return jwks.keys();
          },
        },
        issuer: ISS,
        audience: AUD,
      }),
      reads: () => reads,
    };
  };

  it('is believed again without another signature check, as the same principal', async () => {
    const v = counting();
    const t = await token({ iat: now(), exp: now() + 3600 });
    const first = await v.verify(t);
    expect(await v.verify(t)).toEqual(first);
    expect(await v.verify(t)).toEqual(first);
    expect(v.reads()).toBe(1);
  });

  it('is refused once it expires, and checked afresh after five minutes', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const v = counting();
    const t = await token({ iat: now(), exp: now() + 600 });
    await v.verify(t);
    vi.setSystemTime(new Date('2026-12-02T10:05:01Z'));
    await v.verify(t);
    expect(v.reads()).toBe(2);
    vi.setSystemTime(new Date('2026-12-02T10:10:01Z'));
    await expect(v.verify(t)).rejects.toThrow(TokenError);
  });

  it('does not make a refused token good: a token not valid yet stays refused each time', async () => {
    const v = counting();
    const t = await token({ nbf: now() + 600, exp: now() + 3600 });
    await expect(v.verify(t)).rejects.toThrow(TokenError);
    await expect(v.verify(t)).rejects.toThrow(TokenError);
    expect(v.reads()).toBe(2);
  });
});
