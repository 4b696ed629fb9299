import { describe, expect, it } from 'vitest';
import {
  type AccessDecision,
  decideAccess,
  type Principal,
  type Role,
  type Scope,
} from '../../packages/domain/src';

const p = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({ sub: 'u', roles, ...extra });
const tenant = (t: string): Scope => ({ kind: 'tenant', tenant: t });
const city = (c: string): Scope => ({ kind: 'city', city: c });

describe('decideAccess', () => {
  const cases: [string, Principal, Scope, Role[], AccessDecision][] = [
    ['platform admin anywhere', p(['platform-admin']), tenant('xian.yanliang'), ['platform-admin'], 'allow'],
    [
      'city admin in a tenant of the city',
      p(['city-admin'], { city: 'nanjing' }),
      tenant('nanjing.jiangning.dongshan'),
      ['city-admin'],
      'allow',
    ],
    [
      'city admin in another city',
      p(['city-admin'], { city: 'nanjing' }),
      tenant('xian.yanliang'),
      ['city-admin'],
      'not-found',
    ],
    [
      'city admin of a similarly named city',
      p(['city-admin'], { city: 'nan' }),
      tenant('nanjing.jiangning'),
      ['city-admin'],
      'not-found',
    ],
    [
      'city admin on its city',
      p(['city-admin'], { city: 'nanjing' }),
      city('nanjing'),
      ['city-admin'],
      'allow',
    ],
    [
      'city admin on another city',
      p(['city-admin'], { city: 'nanjing' }),
      city('xian'),
      ['city-admin'],
      'not-found',
    ],
    [
      'clerk in its tenant with the role',
      p(['window-clerk'], { tenant: 'x.a' }),
      tenant('x.a'),
      ['window-clerk'],
      'allow',
    ],
    [
      'clerk in its tenant without the role',
      p(['window-clerk'], { tenant: 'x.a' }),
      tenant('x.a'),
      ['tenant-admin'],
      'forbidden',
    ],
    [
      'district staff in its sub-district',
      p(['tenant-admin'], { tenant: 'x.a' }),
      tenant('x.a.b'),
      ['tenant-admin'],
      'not-found',
    ],
    [
      'sub-district staff in its district',
      p(['tenant-admin'], { tenant: 'x.a.b' }),
      tenant('x.a'),
      ['tenant-admin'],
      'not-found',
    ],
    [
      'staff whose token names a city',
      p(['tenant-admin'], { tenant: 'x.a', city: 'x' }),
      tenant('x.b'),
      ['tenant-admin'],
      'not-found',
    ],
    [
      'tenant staff on a city scope',
      p(['tenant-admin'], { tenant: 'x.a' }),
      city('x'),
      ['tenant-admin'],
      'not-found',
    ],
    [
      'city admin on the platform scope',
      p(['city-admin'], { city: 'x' }),
      { kind: 'platform' },
      ['platform-admin'],
      'forbidden',
    ],
  ];
  it.each(cases)('%s', (_name, principal, scope, roles, expected) => {
    expect(decideAccess(principal, scope, roles)).toBe(expected);
  });
});
