import { describe, expect, it } from 'vitest';
import {
  agreementChecklist,
  type Body,
  checkTraining,
  previewTenant,
  type RolloutInput,
  type Seal,
  type Staff,
  type TenantSnapshot,
  type Training,
  trainedFor,
} from '../../packages/domain/src';

/**
 * R11, people (seed 001 §五, seed 004): a receiving tenant takes a matter only with an approver
 * of the implementing body and a window clerk trained on it by the effective date.
 */
const SUB = 'nanjing.jiangning.dongshan';
const CENTRE = `${SUB}/centre`;
const NOW = '2026-03-01T00:00:00.000Z';
// 2026-03-10 08:00 in Beijing: the effective date is 2026-03-10.
const EFFECTIVE = '2026-03-10T00:00:00.000Z';

const staff: Staff[] = [
  { tenant: SUB, id: 'clerk', name: '张丽', roles: ['window-clerk'] },
  { tenant: SUB, id: 'approver', name: '陈刚', roles: ['approver'], body: CENTRE },
];
const training = (who: string, matters: string[], completedAt: string): Training => ({
  tenant: SUB,
  staff: who,
  id: `${who}-${completedAt}`,
  matters,
  kind: 'shadowing',
  completedAt,
  recordedAt: '2026-03-10T09:00:00.000Z',
  recordedBy: 'admin',
});
const seal: Seal = {
  tenant: SUB,
  id: 'centre-seal',
  body: CENTRE,
  name: '行政审批专用章',
  electronic: true,
  validFrom: '2020-01-01T00:00:00.000Z',
};
const snapshot = (trainings: Training[]): TenantSnapshot => ({
  tenant: SUB,
  exists: true,
  bodies: new Map([
    ['centre', { tenant: SUB, code: 'centre', name: '便民服务中心', kind: 'service-centre' } as Body],
  ]),
  seals: new Map([[seal.id, seal]]),
  staff,
  trainings,
  periods: [],
  openCases: {},
});
const rollout: RolloutInput = {
  id: 'r',
  name: 'r',
  matters: ['m1', 'm2'],
  tenants: [SUB],
  mode: 'transfer',
  effectiveAt: EFFECTIVE,
  from: 'nanjing.jiangning/civil-affairs',
  to: 'centre',
  seal: 'centre-seal',
};
const ctx = {
  now: NOW,
  catalogue: new Set(['m1', 'm2']),
  fromBodies: new Map([
    [
      'nanjing.jiangning/civil-affairs',
      { tenant: 'nanjing.jiangning', code: 'civil-affairs', name: '民政局', kind: 'department' } as Body,
    ],
  ]),
  scheduled: [],
};
const blockersOf = (trainings: Training[]) => previewTenant(rollout, snapshot(trainings), ctx).blockers;

describe('readiness of people in the rollout preview (R11)', () => {
  it('passes a tenant whose approver and clerk are trained on every moving matter', () => {
    expect(
      blockersOf([
        training('clerk', ['m1', 'm2'], '2026-02-01'),
        training('approver', ['m1'], '2026-02-01'),
        training('approver', ['m2'], '2026-03-10'),
      ]),
    ).toEqual([]);
  });

  it('blocks a matter with no trained approver in the receiving body, naming the matter', () => {
    const blockers = blockersOf([
      training('clerk', ['m1', 'm2'], '2026-02-01'),
      training('approver', ['m1'], '2026-02-01'),
    ]);
    expect(blockers).toEqual([
      {
        code: 'untrained-approver',
        message: `“${CENTRE}”没有经过培训的审批人员办理事项“m2”`,
        messageEn: `no approver in '${CENTRE}' trained for m2 by the effective date`,
        matters: ['m2'],
      },
    ]);
  });

  it('lists every matter a window clerk is untrained on in one blocker', () => {
    const blockers = blockersOf([training('approver', ['m1', 'm2'], '2026-02-01')]);
    expect(blockers.map((b) => [b.code, b.matters])).toEqual([['untrained-window-clerk', ['m1', 'm2']]]);
    expect(blockers[0]?.message).toBe('没有经过培训的窗口受理人员办理事项“m1”、“m2”');
  });

  it('does not count a training completed after the effective date (Beijing)', () => {
    expect(trainedFor([training('clerk', ['m1'], '2026-03-10')], 'clerk', 'm1', EFFECTIVE)).toBe(true);
    expect(trainedFor([training('clerk', ['m1'], '2026-03-11')], 'clerk', 'm1', EFFECTIVE)).toBe(false);
    // 2026-03-09T16:00Z is midnight in Beijing on the 10th: training on the 10th counts.
    expect(trainedFor([training('clerk', ['m1'], '2026-03-10')], 'clerk', 'm1', '2026-03-09T16:00:00Z')).toBe(
      true,
    );
    const blockers = blockersOf([
      training('clerk', ['m1', 'm2'], '2026-03-11'),
      training('approver', ['m1', 'm2'], '2026-02-01'),
    ]);
    expect(blockers.map((b) => b.code)).toEqual(['untrained-window-clerk']);
  });

  it('leaves a role with nobody at all to the no-approver blocker, not a second one', () => {
    const preview = previewTenant(
      rollout,
      { ...snapshot([training('clerk', ['m1', 'm2'], '2026-02-01')]), staff: [staff[0] as Staff] },
      ctx,
    );
    expect(preview.blockers.map((b) => b.code)).toEqual(['no-approver']);
  });

  it('refuses a training record dated after the day it is recorded', () => {
    expect(() => checkTraining(training('clerk', ['m1'], '2026-03-11'))).toThrow(/completedAt/);
    expect(() => checkTraining(training('clerk', ['m1'], '2026-03-10'))).not.toThrow();
  });
});

describe('the handover checklist', () => {
  it('lists the four items in order, with confirmations and what the training records show', () => {
    const list = agreementChecklist(
      [{ item: 'certificates', confirmedBy: 'admin', confirmedAt: NOW, note: '500 本' }],
      [{ role: 'approver', body: CENTRE, matters: ['m2'] }],
    );
    expect(list.map((x) => [x.item, x.name, x.confirmedBy])).toEqual([
      ['rules', '操作规程', undefined],
      ['certificates', '空白证书/证照储备', 'admin'],
      ['accounts', '平台账号与权限（权限下沉）', undefined],
      ['training', '人员培训', undefined],
    ]);
    expect(list[1]?.note).toBe('500 本');
    expect(list[3]?.derived).toEqual({
      ready: false,
      gaps: [{ role: 'approver', body: CENTRE, matters: ['m2'] }],
    });
  });
});
