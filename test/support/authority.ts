import type { MatterDefinition } from '../../packages/domain/src';
import { PLATFORM, type TestApp } from './app';

export const matter = (
  code: string,
  extra: Partial<MatterDefinition> = {},
): Omit<MatterDefinition, 'code'> => ({
  name: `事项${code}`,
  type: 'licence',
  items: [{ code: '01', name: '新办' }],
  legalBasis: '《中华人民共和国行政许可法》',
  statutoryDays: 20,
  promisedDays: 5,
  onTheSpot: false,
  materials: [
    { code: 'form', name: '申请表', core: true },
    { code: 'copy', name: '营业执照复印件', core: false },
  ],
  fees: [],
  department: 'civil-affairs',
  ...extra,
});

export const DONGSHAN = 'nanjing.jiangning.dongshan';

async function ok(t: TestApp, method: string, path: string, body: unknown): Promise<void> {
  const res = await t.call(PLATFORM, method, path, body);
  if (res.status >= 300 && res.status !== 409)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * On top of seedTenancy: matters m1…m{count} in Nanjing's catalogue, and Dongshan ready
 * to receive them (its centre's seal, an approver in the centre, a window clerk).
 */
export async function seedAuthority(t: TestApp, count = 6): Promise<void> {
  for (let i = 1; i <= count; i++) await ok(t, 'PUT', `/v1/cities/nanjing/catalogue/m${i}`, matter(`m${i}`));
  await ok(t, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
    id: 'centre-seal',
    body: 'convenience-centre',
    name: '行政审批专用章',
    validFrom: '2020-01-01T00:00:00+08:00',
    electronic: true,
  });
  await ok(t, 'POST', `/v1/tenants/${DONGSHAN}/staff`, {
    id: 'approver-a',
    name: '陈刚',
    roles: ['approver'],
    body: 'convenience-centre',
  });
  await ok(t, 'POST', `/v1/tenants/${DONGSHAN}/staff`, {
    id: 'clerk-a',
    name: '张丽',
    roles: ['window-clerk'],
  });
  // R11, people: both trained on every matter before any rollout takes effect.
  const matters = Array.from({ length: count }, (_, i) => `m${i + 1}`);
  await trainStaff(t, DONGSHAN, ['approver-a', 'clerk-a'], matters);
}

/** Records a completed training of each of `staff` on `matters` (R11 asks for trained approvers and clerks). */
export async function trainStaff(
  t: TestApp,
  tenant: string,
  staff: readonly string[],
  matters: readonly string[],
  completedAt = '2020-01-01',
): Promise<void> {
  for (const id of staff)
    await ok(t, 'POST', `/v1/tenants/${tenant}/staff/${id}/trainings`, {
      matters,
      kind: 'training',
      completedAt,
    });
}

/** A rollout body moving `matters` from Jiangning's civil affairs bureau to Dongshan's centre. */
export const rolloutBody = (id: string, matters: string[], effectiveAt: string, extra: object = {}) => ({
  id,
  name: `批次${id}`,
  matters,
  tenants: [DONGSHAN],
  mode: 'transfer',
  effectiveAt,
  from: 'nanjing.jiangning/civil-affairs',
  to: 'convenience-centre',
  seal: 'centre-seal',
  ...extra,
});
