import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../packages/api/src/env';
import { isolationOf } from '../../packages/api/src/pipeline/scope';
import { allowsKey, caseKeys, keys } from '../../packages/store/src';

// The context is only used to log a refusal, which these tests do not reach.
const c = {} as Context<AppEnv>;
const staff = { scope: 'tenant', roles: ['window-clerk'] } as const;
const SUB = 'nanjing.jiangning.dongshan';
const DISTRICT = 'nanjing.jiangning';
const reach = (scope: ReturnType<typeof isolationOf>, pk: string, write = false) =>
  allowsKey(scope, pk, write);

describe('the isolation scope the pipeline opens', () => {
  it('gives the platform everything', () => {
    expect(isolationOf(c, staff, { sub: 'p', roles: ['platform-admin'] }, {})).toMatchObject({ all: true });
  });

  it("gives a city admin its city and every tenant under it, and nothing of another city's", () => {
    const s = isolationOf(c, staff, { sub: 'a', roles: ['city-admin'], city: 'nanjing' }, {});
    expect(reach(s, keys.matter('nanjing', 'm').pk, true)).toBe(true);
    expect(reach(s, caseKeys.case(SUB, 'n').pk, true)).toBe(true);
    expect(reach(s, keys.matter('xian', 'm').pk)).toBe(false);
    expect(reach(s, caseKeys.case('xian.yanliang', 'n').pk)).toBe(false);
  });

  it("gives a sub-district clerk its tenant, read of its district's own partition and its city; not its neighbours", () => {
    const s = isolationOf(c, staff, { sub: 'c', roles: ['window-clerk'], tenant: SUB }, { tenant: SUB });
    expect(reach(s, caseKeys.case(SUB, 'n').pk, true)).toBe(true);
    expect(reach(s, keys.seal(DISTRICT, 's').pk)).toBe(true);
    expect(reach(s, keys.seal(DISTRICT, 's').pk, true)).toBe(false);
    expect(reach(s, caseKeys.case(DISTRICT, 'n').pk)).toBe(false);
    expect(reach(s, caseKeys.case('nanjing.jiangning.other', 'n').pk)).toBe(false);
    expect(reach(s, keys.matter('nanjing', 'm').pk)).toBe(true);
  });

  it('lets a district body reach the sub-districts below its tenant, and a district clerk not', () => {
    const body = isolationOf(
      c,
      staff,
      { sub: 'b', roles: ['approver'], tenant: DISTRICT, body: `${DISTRICT}/civil-affairs` },
      { tenant: SUB },
    );
    expect(reach(body, caseKeys.case(SUB, 'n').pk, true)).toBe(true);
    const clerk = isolationOf(c, staff, { sub: 'c', roles: ['window-clerk'], tenant: DISTRICT }, {});
    expect(reach(clerk, caseKeys.case(SUB, 'n').pk)).toBe(false);
  });

  it('scopes a public route to the tenant its path or case number names, and to nothing when unreadable', () => {
    const byCase = isolationOf(
      c,
      'public',
      { sub: 'anonymous', roles: [] },
      { caseNo: `${SUB}-20261202-0001` },
    );
    expect(reach(byCase, caseKeys.case(SUB, `${SUB}-20261202-0001`).pk)).toBe(true);
    expect(reach(byCase, caseKeys.case('xian.yanliang', 'n').pk)).toBe(false);
    const garbage = isolationOf(c, 'public', { sub: 'anonymous', roles: [] }, { caseNo: 'no-such' });
    expect(reach(garbage, caseKeys.case(SUB, 'n').pk)).toBe(false);
    const city = isolationOf(c, 'public', { sub: 'anonymous', roles: [] }, { city: 'nanjing' });
    expect(reach(city, keys.tenant('nanjing', SUB).pk)).toBe(true);
    expect(reach(city, keys.tenant('xian', 'xian.yanliang').pk)).toBe(false);
    expect(reach(city, keys.city('nanjing').pk)).toBe(true);
  });

  it('gives a token without tenant or city nothing but the city list', () => {
    const s = isolationOf(c, staff, { sub: 'x', roles: ['window-clerk'] }, {});
    expect(reach(s, caseKeys.case(SUB, 'n').pk)).toBe(false);
    expect(reach(s, 'P#')).toBe(true);
    expect(reach(s, 'P#', true)).toBe(false);
  });
});
