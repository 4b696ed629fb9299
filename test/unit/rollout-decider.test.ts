import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedRolloutActions,
  applyStage,
  DomainError,
  decideRollout,
  foldRollout,
  ROLLOUT_STATUSES,
  type Rollout,
  type RolloutCommand,
  type RolloutInput,
  type RolloutPreview,
  type RolloutStatus,
  runRollout,
  type TenantPreview,
} from '../../packages/domain/src';

const NOW = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-10T00:00:00.000Z';
const ADMIN = { now: NOW, actor: 'nj-admin' };
const CLOCK = { now: LATER, actor: 'clock' };

const INPUT: RolloutInput = {
  id: 'batch-1',
  name: '第一批',
  matters: ['m1', 'm2', 'm3'],
  tenants: ['nanjing.a', 'nanjing.b'],
  mode: 'transfer',
  effectiveAt: LATER,
  from: 'nanjing.jiangning/civil-affairs',
  to: 'centre',
  seal: 'centre-seal',
};

const READY: RolloutPreview = {
  ready: true,
  tenants: [{ tenant: 'nanjing.a', blockers: [], changes: 3, pendingCasesStaying: 0 }],
};
const blockedTenant: TenantPreview = {
  tenant: 'nanjing.b',
  blockers: [{ code: 'seal-missing', message: '缺少印章', messageEn: 'no seal' }],
  changes: 0,
  pendingCasesStaying: 0,
};
const NOT_READY: RolloutPreview = { ready: false, tenants: [...READY.tenants, blockedTenant] };

const run = (state: Rollout | undefined, command: RolloutCommand, ctx = ADMIN) =>
  runRollout(state, command, ctx).state;
const draft = () => run(undefined, { type: 'create', city: 'nanjing', input: INPUT });
const scheduled = () => run(draft(), { type: 'schedule', preview: READY });
const applying = () => run(scheduled(), { type: 'start-applying' }, CLOCK);
const inStatus = (status: RolloutStatus): Rollout => ({ ...draft(), status });

/** The DomainError `fn` throws, for its type, words and extras to be checked. */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('create', () => {
  it('drafts the rollout with its targets counted and who created it', () => {
    const events = decideRollout(undefined, { type: 'create', city: 'nanjing', input: INPUT }, ADMIN);
    expect(events.map((e) => [e.type, e.at, e.actor])).toEqual([['created', NOW, 'nj-admin']]);
    expect(foldRollout(undefined, events)).toEqual({
      ...INPUT,
      city: 'nanjing',
      status: 'draft',
      createdAt: NOW,
      createdBy: 'nj-admin',
      progress: { done: 0, total: 6 },
    });
  });

  it('normalises the instants to UTC', () => {
    const r = run(undefined, {
      type: 'create',
      city: 'nanjing',
      input: { ...INPUT, effectiveAt: '2026-03-10T08:00:00+08:00' },
    });
    expect(r.effectiveAt).toBe(LATER);
  });

  it('refuses an instant that is not in the future: moves are forward-dated', () => {
    for (const effectiveAt of [NOW, '2020-01-01T00:00:00.000Z']) {
      const e = refusal(() =>
        run(undefined, { type: 'create', city: 'nanjing', input: { ...INPUT, effectiveAt } }),
      );
      expect([e.type, e.field, e.zh, e.en]).toEqual([
        'validation',
        'effectiveAt',
        '生效时间应晚于当前时间：划转只能向后生效',
        'moves are forward-dated: effectiveAt must be in the future',
      ]);
    }
  });

  it('refuses the shape rules of a rollout, naming the field', () => {
    const e = refusal(() =>
      run(undefined, { type: 'create', city: 'nanjing', input: { ...INPUT, tenants: ['xian.a'] } }),
    );
    expect([e.type, e.field]).toEqual(['validation', 'tenants.0']);
  });

  it('refuses an id that is taken', () => {
    const e = refusal(() => run(draft(), { type: 'create', city: 'nanjing', input: INPUT }));
    expect([e.type, e.field, e.zh, e.en]).toEqual([
      'conflict',
      'id',
      '批次“batch-1”已存在',
      "rollout 'batch-1' exists",
    ]);
  });
});

describe('schedule', () => {
  it('schedules a draft whose preview is ready', () => {
    const r = scheduled();
    expect(r).toMatchObject({ status: 'scheduled', scheduledAt: NOW });
  });

  it('refuses a draft with blockers, naming only the tenants that have them (R11)', () => {
    const e = refusal(() => run(draft(), { type: 'schedule', preview: NOT_READY }));
    expect([e.type, e.zh, e.en]).toEqual([
      'rollout-blocked',
      '1 个租户存在阻断项',
      '1 tenant(s) have blockers',
    ]);
    expect(e.extensions).toEqual({ tenants: [blockedTenant] });
  });

  it.each(ROLLOUT_STATUSES.filter((s) => s !== 'draft'))(
    'refuses a rollout that is %s, ready or not',
    (status) => {
      for (const preview of [READY, NOT_READY]) {
        const e = refusal(() => run(inStatus(status), { type: 'schedule', preview }));
        expect([e.type, e.zh, e.en]).toEqual([
          'invalid-state',
          `批次状态为“${status}”，只能排期草稿`,
          `only a draft can be scheduled; this one is ${status}`,
        ]);
      }
    },
  );
});

describe('cancel', () => {
  const words = [
    'invalid-state',
    '批次已生效或已撤销，不能撤销',
    'the rollout has taken effect or is already cancelled',
  ];

  it('cancels a draft or a scheduled rollout before its instant', () => {
    for (const r of [draft(), scheduled()]) {
      expect(run(r, { type: 'cancel' })).toMatchObject({ status: 'cancelled', cancelledAt: NOW });
    }
  });

  it('refuses once the instant has come, even if the clock has not applied it yet', () => {
    for (const now of [LATER, '2026-04-01T00:00:00.000Z']) {
      const e = refusal(() => run(scheduled(), { type: 'cancel' }, { now, actor: 'nj-admin' }));
      expect([e.type, e.zh, e.en]).toEqual(words);
    }
  });

  it.each(['applying', 'applied', 'cancelled'] as const)('refuses a rollout that is %s', (status) => {
    const e = refusal(() => run(inStatus(status), { type: 'cancel' }));
    expect([e.type, e.zh, e.en]).toEqual(words);
  });
});

describe('applying', () => {
  it('starts a scheduled rollout at its instant, and carries on one a dead worker left applying', () => {
    expect(decideRollout(scheduled(), { type: 'start-applying' }, CLOCK).map((e) => e.type)).toEqual([
      'applying-started',
    ]);
    expect(applying().status).toBe('applying');
    expect(decideRollout(applying(), { type: 'start-applying' }, CLOCK)).toEqual([]);
  });

  it('refuses to start before the instant', () => {
    const e = refusal(() => run(scheduled(), { type: 'start-applying' }, ADMIN));
    expect(e.type).toBe('invalid-state');
  });

  it.each(['draft', 'applied', 'cancelled'] as const)('refuses to start a rollout that is %s', (status) => {
    const e = refusal(() => run(inStatus(status), { type: 'start-applying' }, CLOCK));
    expect(e.type).toBe('invalid-state');
  });

  it('records progress forward only, up to the number of targets', () => {
    const r = run(applying(), { type: 'record-progress', done: 4 }, CLOCK);
    expect(r.progress).toEqual({ done: 4, total: 6 });
    for (const done of [4, 3, 0, 7, 4.5]) {
      expect(refusal(() => run(r, { type: 'record-progress', done }, CLOCK)).type).toBe('invalid-state');
    }
  });

  it('records progress only while applying', () => {
    for (const r of [scheduled(), inStatus('applied'), inStatus('cancelled')]) {
      expect(refusal(() => run(r, { type: 'record-progress', done: 1 }, CLOCK)).type).toBe('invalid-state');
    }
  });

  it('completes once every target is written', () => {
    const done = run(applying(), { type: 'record-progress', done: 6 }, CLOCK);
    expect(run(done, { type: 'complete' }, CLOCK)).toMatchObject({
      status: 'applied',
      appliedAt: LATER,
      progress: { done: 6, total: 6 },
    });
    const empty = run(run(undefined, { type: 'create', city: 'nanjing', input: { ...INPUT, tenants: [] } }), {
      type: 'schedule',
      preview: { ready: true, tenants: [] },
    });
    expect(run(run(empty, { type: 'start-applying' }, CLOCK), { type: 'complete' }, CLOCK).status).toBe(
      'applied',
    );
  });

  it('refuses to complete with targets left, or a rollout not applying', () => {
    const partly = run(applying(), { type: 'record-progress', done: 5 }, CLOCK);
    expect(refusal(() => run(partly, { type: 'complete' }, CLOCK)).type).toBe('invalid-state');
    expect(refusal(() => run(scheduled(), { type: 'complete' }, CLOCK)).type).toBe('invalid-state');
  });

  it('tells the clock whether there is anything to do', () => {
    expect(applyStage(scheduled(), NOW)).toBe('not-due');
    expect(applyStage(scheduled(), LATER)).toBe('due');
    expect(applyStage(applying(), LATER)).toBe('due');
    for (const status of ['draft', 'applied', 'cancelled'] as const)
      expect(applyStage(inStatus(status), LATER)).toBe('nothing-to-do');
  });
});

it('refuses every command but create when there is no rollout', () => {
  const commands: RolloutCommand[] = [
    { type: 'schedule', preview: READY },
    { type: 'cancel' },
    { type: 'start-applying' },
    { type: 'record-progress', done: 1 },
    { type: 'complete' },
  ];
  for (const command of commands) expect(refusal(() => run(undefined, command)).type).toBe('not-found');
});

describe('allowed actions', () => {
  it('offers preview, schedule and cancel on a draft; cancel alone once scheduled; nothing after the instant', () => {
    expect(allowedRolloutActions(draft(), NOW)).toEqual(['preview', 'schedule', 'cancel']);
    expect(allowedRolloutActions(scheduled(), NOW)).toEqual(['cancel']);
    expect(allowedRolloutActions(scheduled(), LATER)).toEqual([]);
    expect(allowedRolloutActions(draft(), LATER)).toEqual(['preview', 'schedule']);
    for (const status of ['applying', 'applied', 'cancelled'] as const)
      expect(allowedRolloutActions(inStatus(status), NOW)).toEqual([]);
  });

  it('offers exactly what the decider accepts', () => {
    const instant = fc
      .integer({ min: -3, max: 3 })
      .map((d) => new Date(Date.parse(LATER) + d * 86_400_000).toISOString());
    fc.assert(
      fc.property(fc.constantFrom(...ROLLOUT_STATUSES), instant, (status, now) => {
        const r = inStatus(status);
        const ctx = { now, actor: 'nj-admin' };
        const accepts = (command: RolloutCommand) => {
          try {
            decideRollout(r, command, ctx);
            return true;
          } catch (error) {
            if (error instanceof DomainError) return false;
            throw error;
          }
        };
        const allowed = allowedRolloutActions(r, now);
        expect(allowed.includes('cancel')).toBe(accepts({ type: 'cancel' }));
        expect(allowed.includes('schedule')).toBe(accepts({ type: 'schedule', preview: READY }));
        expect(allowed.includes('preview')).toBe(allowed.includes('schedule'));
      }),
    );
  });
});
