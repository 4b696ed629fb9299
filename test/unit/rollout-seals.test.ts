import { describe, expect, it } from 'vitest';
import {
  type Body,
  blockedRefusal,
  previewOf,
  previewTenant,
  type RolloutInput,
  type Seal,
  sealOwnerRefusal,
  sealRefOf,
  type TenantSnapshot,
} from '../../packages/domain/src';

/**
 * R14 in the rollout preview: the seal a rollout names belongs to the implementing body in
 * every mode (the receiver on a transfer, each stationed department when stationed), and a
 * seal may be named where its body sits (`<tenant>/<id>`).
 */
const NOW = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-10T00:00:00.000Z';
const DISTRICT = 'nanjing.jiangning';
const SUB = 'nanjing.jiangning.dongshan';
const CIVIL = `${DISTRICT}/civil-affairs`;
const HOUSING = `${SUB}/housing`;

const seal = (tenant: string, id: string, body: string): Seal => ({
  tenant,
  id,
  body,
  name: `${id}章`,
  electronic: true,
  validFrom: '2020-01-01T00:00:00.000Z',
});
const body = (tenant: string, code: string, kind: Body['kind']): Body =>
  ({ tenant, code, name: code, kind }) as Body;

const SEALS = [seal(SUB, 'centre-seal', `${SUB}/centre`), seal(SUB, 'housing-seal', HOUSING)];
const snapshot: TenantSnapshot = {
  tenant: SUB,
  exists: true,
  bodies: new Map([
    ['centre', body(SUB, 'centre', 'service-centre')],
    ['housing', body(SUB, 'housing', 'department')],
  ]),
  seals: new Map(SEALS.map((s) => [s.id, s])),
  staff: [
    { tenant: SUB, id: 'c', name: 'c', roles: ['window-clerk'] },
    { tenant: SUB, id: 'a', name: 'a', roles: ['approver'], body: `${SUB}/centre` },
    { tenant: SUB, id: 'h', name: 'h', roles: ['approver'], body: HOUSING },
  ] as TenantSnapshot['staff'],
  // Everyone trained on both matters long before: readiness of people is tested in rollout-readiness.
  trainings: ['c', 'a', 'h'].map((staff) => ({
    tenant: SUB,
    staff,
    id: 't',
    matters: ['m1', 'm2'],
    kind: 'training' as const,
    completedAt: '2020-01-01',
    recordedAt: '2020-01-01T00:00:00.000Z',
    recordedBy: 'admin',
  })),
  periods: [],
  openCases: {},
};
const ctx = (sealsByRef?: ReadonlyMap<string, Seal>) => ({
  now: NOW,
  catalogue: new Set(['m1', 'm2']),
  fromBodies: new Map([
    [CIVIL, body(DISTRICT, 'civil-affairs', 'department')],
    [HOUSING, body(SUB, 'housing', 'department')],
  ]),
  scheduled: [],
  ...(sealsByRef ? { sealsByRef } : {}),
});
const rollout = (over: Partial<RolloutInput>): RolloutInput => ({
  id: 'r',
  name: 'r',
  matters: ['m1'],
  tenants: [SUB],
  mode: 'stationed',
  effectiveAt: LATER,
  from: HOUSING,
  to: 'centre',
  seal: 'housing-seal',
  ...over,
});
const blockers = (r: RolloutInput, sealsByRef?: ReadonlyMap<string, Seal>) =>
  previewTenant(r, snapshot, ctx(sealsByRef)).blockers;

describe('the seal belongs to the implementing body, in every mode (R14)', () => {
  it('blocks a stationed rollout naming the hall seal, per department and matter, naming the field', () => {
    const found = blockers(rollout({ seal: 'centre-seal', matters: ['m1', 'm2'] }));
    expect(found).toEqual([
      expect.objectContaining({ code: 'seal-wrong-body', matter: 'm1', field: 'seal' }),
    ]);
    expect(found[0]?.messageEn).toContain(HOUSING);
    expect(blockers(rollout({}))).toEqual([]);
  });

  it('blocks a stationed rollout of two departments under one seal for the department it is not', () => {
    const r = rollout({ matters: ['m1', 'm2'], from: { m1: HOUSING, m2: CIVIL } });
    const district = seal(DISTRICT, 'civil-seal', CIVIL);
    expect(blockers({ ...r, seal: 'housing-seal' })).toEqual([
      expect.objectContaining({ code: 'seal-wrong-body', matter: 'm2' }),
    ]);
    expect(
      blockers({ ...r, seal: `${DISTRICT}/civil-seal` }, new Map([[`${DISTRICT}/civil-seal`, district]])),
    ).toEqual([expect.objectContaining({ code: 'seal-wrong-body', matter: 'm1' })]);
  });

  it('still blocks a transfer naming another body’s seal', () => {
    expect(blockers(rollout({ mode: 'transfer', seal: 'housing-seal' })).map((b) => b.code)).toEqual([
      'seal-wrong-body',
    ]);
    expect(blockers(rollout({ mode: 'transfer', seal: 'centre-seal' }))).toEqual([]);
  });

  it('finds a district department’s seal named `<tenant>/<id>`, and says where a missing one was looked for', () => {
    const district = seal(DISTRICT, 'civil-seal', CIVIL);
    const r = rollout({ from: CIVIL, seal: `${DISTRICT}/civil-seal` });
    expect(blockers(r, new Map([[`${DISTRICT}/civil-seal`, district]]))).toEqual([]);
    const missing = blockers(r);
    expect(missing).toEqual([expect.objectContaining({ code: 'seal-missing', field: 'seal' })]);
    expect(missing[0]?.messageEn).toBe(`no seal 'civil-seal' in tenant '${DISTRICT}'`);
    expect(blockers(rollout({ from: CIVIL, seal: 'civil-seal' }))[0]?.messageEn).toContain(SUB);
  });

  it('names the seal field in the schedule refusal', () => {
    const preview = previewOf([previewTenant(rollout({ seal: 'centre-seal' }), snapshot, ctx())]);
    const e = blockedRefusal(preview);
    expect(e?.type).toBe('rollout-blocked');
    expect(e?.errors).toEqual([expect.objectContaining({ path: 'seal' })]);
  });
});

describe('seal references', () => {
  it('reads a bare id in the given tenant and `<tenant>/<id>` where it says', () => {
    expect(sealRefOf('civil-seal', SUB)).toEqual({ tenant: SUB, id: 'civil-seal' });
    expect(sealRefOf(`${DISTRICT}/civil-seal`, SUB)).toEqual({ tenant: DISTRICT, id: 'civil-seal' });
  });

  it('refuses a seal of another body as a validation error on the field', () => {
    const e = sealOwnerRefusal(seal(SUB, 'centre-seal', `${SUB}/centre`), CIVIL, 'items.0.seal');
    expect([e?.type, e?.field]).toEqual(['validation', 'items.0.seal']);
    expect(sealOwnerRefusal(seal(DISTRICT, 'civil-seal', CIVIL), CIVIL)).toBeUndefined();
  });
});
