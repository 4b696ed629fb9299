import { describe, expect, it } from 'vitest';
import {
  type AccessDecision,
  type CaseBodies,
  caseBodiesOf,
  decideAccess,
  type Principal,
  type Role,
  reachesCase,
  reachesCaseAsBody,
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

describe('reachesCaseAsBody: a district body reaches only the sub-district cases that name it', () => {
  const SUB = 'nanjing.jiangning.dongshan';
  const A = 'nanjing.jiangning/civil-affairs';
  const B = 'nanjing.jiangning/market';
  const CENTRE = `${SUB}/convenience-centre`;
  const approverA = p(['approver'], { tenant: 'nanjing.jiangning', body: A });
  const supervisorA = p(['supervisor'], { tenant: 'nanjing.jiangning', body: A });
  const c = (extra: Partial<CaseBodies> = {}): CaseBodies => ({ tenant: SUB, ...extra });
  const cases: [string, Principal, CaseBodies, boolean][] = [
    ['approver of the bound body', approverA, c({ body: A, supervisingBody: B }), true],
    ['supervisor of the bound body', supervisorA, c({ body: A }), true],
    ['supervisor of the supervising body', supervisorA, c({ body: CENTRE, supervisingBody: A }), true],
    ['approver of the supervising body', approverA, c({ body: CENTRE, supervisingBody: A }), true],
    ['the origin body guiding it (R6 guided)', approverA, c({ body: CENTRE, guidedBy: A }), true],
    ['a body of a running joint step', approverA, c({ body: CENTRE, stepBodies: [CENTRE, A] }), true],
    ['a case bound to another district body', approverA, c({ body: B, supervisingBody: B }), false],
    [
      'a case of the centre supervised by another body',
      supervisorA,
      c({ body: CENTRE, supervisingBody: B }),
      false,
    ],
    ['a case naming no body yet', approverA, c(), false],
    ['a case of another district', approverA, c({ tenant: 'nanjing.gulou.x', body: A }), false],
    [
      'a case of its own tenant (judged by reachesTenant, not here)',
      approverA,
      c({ tenant: 'nanjing.jiangning', body: A }),
      false,
    ],
    [
      'a district inspector whose body is named',
      p(['inspector'], { tenant: 'nanjing.jiangning', body: A }),
      c({ body: A }),
      false,
    ],
    [
      'a token whose body is in another tenant',
      p(['approver'], { tenant: 'nanjing.jiangning', body: `${SUB}/x` }),
      c({ body: `${SUB}/x` }),
      false,
    ],
    [
      'a body whose code only starts like the named one',
      approverA,
      c({ body: `${A}-2`, supervisingBody: `${A}-2` }),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, principal, bodies, expected) => {
    expect(reachesCaseAsBody(principal, bodies)).toBe(expected);
  });

  it('keeps the reach of the case tenant’s own staff, the city and the platform', () => {
    const other = c({ body: B, supervisingBody: B });
    expect(reachesCase(p(['window-clerk'], { tenant: SUB }), other)).toBe(true);
    expect(reachesCase(p(['approver'], { tenant: SUB, body: CENTRE }), other)).toBe(true);
    expect(reachesCase(p(['city-admin'], { city: 'nanjing' }), other)).toBe(true);
    expect(reachesCase(p(['platform-admin']), other)).toBe(true);
    expect(reachesCase(approverA, other)).toBe(false);
    expect(reachesCase(p(['tenant-admin'], { tenant: 'nanjing.jiangning' }), c({ body: A }))).toBe(false);
  });

  it('reads the bodies from a case: bound, supervising, guiding, and running steps only', () => {
    const bodies = caseBodiesOf({
      tenant: SUB,
      body: CENTRE,
      binding: { supervisingBody: B, guidedBy: A },
      steps: [
        { bodies: ['done/x'], finishedAt: '2026-01-01T00:00:00Z' },
        { bodies: [CENTRE, A] },
        { bodies: [A] },
      ],
    });
    expect(bodies).toEqual({
      tenant: SUB,
      body: CENTRE,
      supervisingBody: B,
      guidedBy: A,
      stepBodies: [CENTRE, A],
    });
  });
});
