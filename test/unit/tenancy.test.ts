import { describe, expect, it } from 'vitest';
import {
  checkStaff,
  DomainError,
  parseBodyRef,
  placeTenant,
  type Staff,
  type Tenant,
} from '../../packages/domain/src';

const jiangning: Tenant = { id: 'nanjing.jiangning', city: 'nanjing', name: '江宁区', kind: 'district' };
const dongshan: Tenant = {
  id: 'nanjing.jiangning.dongshan',
  city: 'nanjing',
  name: '东山街道',
  kind: 'subdistrict',
  parent: 'nanjing.jiangning',
};

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  return undefined;
};

describe('placeTenant', () => {
  it('places a district directly under its city', () => {
    expect(
      placeTenant({ id: 'nanjing.jiangning', name: '江宁区', kind: 'district' }, 'nanjing', undefined),
    ).toEqual(jiangning);
  });

  it('places a sub-district under its district', () => {
    const { city: _c, ...input } = dongshan;
    expect(placeTenant(input, 'nanjing', jiangning)).toEqual(dongshan);
  });

  it.each([
    [
      'an id outside the city',
      { id: 'xian.yanliang', name: 'x', kind: 'district' as const },
      undefined,
      'id',
    ],
    [
      'a sub-district without parent',
      { id: 'nanjing.a', name: 'x', kind: 'subdistrict' as const },
      undefined,
      'parent',
    ],
    [
      'a district with a parent',
      { id: 'nanjing.a', name: 'x', kind: 'district' as const, parent: 'nanjing.jiangning' },
      jiangning,
      'parent',
    ],
    [
      'a town whose parent is a sub-district',
      { id: 'nanjing.jiangning.dongshan.x', name: 'x', kind: 'town' as const, parent: dongshan.id },
      dongshan,
      'parent',
    ],
    [
      'a sub-district whose id is not under its parent',
      { id: 'nanjing.other.x', name: 'x', kind: 'subdistrict' as const, parent: jiangning.id },
      jiangning,
      'id',
    ],
    ['a nested id for a district', { id: 'nanjing.a.b', name: 'x', kind: 'zone' as const }, undefined, 'id'],
    [
      'a parent that does not exist',
      { id: 'nanjing.jiangning.x', name: 'x', kind: 'subdistrict' as const, parent: jiangning.id },
      undefined,
      'parent',
    ],
  ])('rejects %s, naming the field', (_what, input, parent, field) => {
    expect(fieldOf(() => placeTenant(input, 'nanjing', parent))).toBe(field);
  });
});

describe('checkStaff', () => {
  const clerkA: Staff = { tenant: 't.a', id: 'a', name: 'A', roles: ['window-clerk'] };
  const approverA: Staff = { tenant: 't.a', id: 'p', name: 'P', roles: ['approver'], body: 't.a/centre' };

  it('accepts a clerk with no body and no backup', () => {
    expect(() => checkStaff(clerkA, undefined, false)).not.toThrow();
  });

  it('requires approvers and supervisors to name an existing body', () => {
    expect(fieldOf(() => checkStaff({ ...approverA, body: undefined } as Staff, undefined, false))).toBe(
      'body',
    );
    expect(fieldOf(() => checkStaff(approverA, undefined, false))).toBe('body');
    expect(() => checkStaff(approverA, undefined, true)).not.toThrow();
  });

  it('accepts a B role that holds every role of its A role', () => {
    const b: Staff = { ...clerkA, id: 'b', roles: ['window-clerk', 'inspector'], backupFor: 'a' };
    expect(() => checkStaff(b, clerkA, false)).not.toThrow();
  });

  it.each([
    ['itself', { ...clerkA, backupFor: 'a' }, clerkA],
    ['a missing post', { ...clerkA, id: 'b', backupFor: 'zz' }, undefined],
    ['a post with roles it lacks', { ...clerkA, id: 'b', backupFor: 'p' }, approverA],
    [
      'a post in another body',
      { ...approverA, id: 'q', body: 't.a/other', backupFor: 'p' } as Staff,
      approverA,
    ],
  ])('rejects a B role for %s', (_what, staff, backedUp) => {
    expect(fieldOf(() => checkStaff(staff as Staff, backedUp, true))).toBe('backupFor');
  });
});

describe('parseBodyRef', () => {
  it('splits a reference into tenant and code', () => {
    expect(parseBodyRef('nanjing.jiangning/civil-affairs')).toEqual({
      tenant: 'nanjing.jiangning',
      code: 'civil-affairs',
    });
  });
  it.each(['civil-affairs', 'nanjing/x', 'Nanjing.j/x', 'nanjing.j/x/y', 'nanjing.j/'])(
    'rejects %s',
    (ref) => {
      expect(fieldOf(() => parseBodyRef(ref, 'from'))).toBe('from');
    },
  );
});
