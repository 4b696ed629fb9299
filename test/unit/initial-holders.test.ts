import { describe, expect, it } from 'vitest';
import { type AuthorityPeriod, DomainError, initialPeriods } from '../../packages/domain/src';

const T = 'nanjing.jiangning.dongshan';
const SINCE = '2020-01-01T00:00:00+08:00';
const civil = { matter: 'm1', body: 'nanjing.jiangning/civil-affairs', seal: 'civil-seal' };
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
  }
  throw new Error('not refused');
};

describe('initialPeriods (R13)', () => {
  it('opens a period from the tenant’s start, the body supervising itself, no rollout', () => {
    expect(initialPeriods(T, SINCE, [civil], [])).toEqual([
      {
        tenant: T,
        matter: 'm1',
        from: '2019-12-31T16:00:00.000Z',
        body: 'nanjing.jiangning/civil-affairs',
        mode: 'transfer',
        seal: 'civil-seal',
        supervisingBody: 'nanjing.jiangning/civil-affairs',
      },
    ]);
  });

  it('takes a body of the tenant or a tenant above it, never a sibling’s or another city’s', () => {
    expect(initialPeriods(T, SINCE, [{ ...civil, body: `${T}/centre` }], [])).toHaveLength(1);
    for (const body of [
      'nanjing.jiangning.moling/centre',
      'xian.yanliang/civil-affairs',
      'nanjing.jiang/x',
    ]) {
      expect(refusal(() => initialPeriods(T, SINCE, [{ ...civil, body }], [])).field).toBe('items.0.body');
    }
  });

  it('keeps a stationed holder’s window, and asks for one', () => {
    const [p] = initialPeriods(T, SINCE, [{ ...civil, mode: 'stationed', windowBody: `${T}/centre` }], []);
    expect(p).toMatchObject({ mode: 'stationed', windowBody: `${T}/centre` });
    expect(refusal(() => initialPeriods(T, SINCE, [{ ...civil, mode: 'stationed' }], [])).field).toBe(
      'items.0.windowBody',
    );
  });

  it('leaves out a holder already recorded as it is, refuses a different one, and lets a later period stand', () => {
    const [recorded] = initialPeriods(T, SINCE, [civil], []) as [AuthorityPeriod];
    expect(initialPeriods(T, SINCE, [civil], [recorded])).toEqual([]);
    const other = refusal(() => initialPeriods(T, SINCE, [{ ...civil, seal: 'other-seal' }], [recorded]));
    expect([other.type, other.field]).toEqual(['conflict', 'items.0.matter']);
    const rollout: AuthorityPeriod = {
      ...recorded,
      from: '2020-08-01T00:00:00.000Z',
      body: `${T}/centre`,
      rollout: 'r1',
    };
    expect(initialPeriods(T, SINCE, [civil], [rollout])).toEqual([recorded]);
    expect(refusal(() => initialPeriods(T, SINCE, [civil, civil], [])).field).toBe('items.1.matter');
  });
});
