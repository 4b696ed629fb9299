import { beforeAll, describe, expect, it } from 'vitest';
import { verificationCodeOf } from '../../packages/domain/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { DONGSHAN, rolloutBody, seedAuthority, trainStaff } from '../support/authority';
import { CIVIL, CIVIL_APPROVER, CLERK, intakeBody } from '../support/cases';

/**
 * R14 through the API: a stationed department (窗口进驻) keeps its authority and its own seal
 * (seed 004), so its results carry its seal, never the hall's, whether it is stationed in its
 * own tenant's hall or, as a district department, at a sub-district centre (seed 001).
 */
let t: TestApp;
const JIANGNING = 'nanjing.jiangning';
const HALL = `${JIANGNING}/hall`;
const JN_CLERK: DevClaims = { sub: 'jn-clerk', roles: ['window-clerk'], tenant: JIANGNING };
const day = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();

async function ok(method: string, path: string, body?: unknown) {
  const res = await t.call(PLATFORM, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const seal = (id: string, body: string, name: string) => ({
  id,
  body,
  name,
  validFrom: '2019-01-01T00:00:00+08:00',
  electronic: true,
});

/** A stationed rollout of `matter` from Jiangning civil affairs to `tenant`'s window body `to`. */
const stationed = (id: string, matter: string, tenant: string, to: string, sealRef: string) =>
  rolloutBody(id, [matter], inDays(1), {
    tenants: [tenant],
    mode: 'stationed',
    from: CIVIL,
    to,
    seal: sealRef,
  });

const codes = (preview: { tenants: { blockers: { code: string }[] }[] }) =>
  preview.tenants.flatMap((x) => x.blockers.map((b) => b.code));

/** Applies a scheduled rollout the day after tomorrow and moves the app's clock there. */
async function applied(id: string): Promise<string> {
  const now = inDays(2);
  await ok('POST', `/v1/cities/nanjing/rollouts/${id}/schedule`);
  await t.services.rollouts.apply('nanjing', id, { now });
  t.setNow(now);
  return now;
}

/** Intake at `clerk`'s window, the department's approval, issuance at the same window. */
async function throughTheWindow(tenant: string, clerk: DevClaims, matter: string) {
  const cases = `/v1/tenants/${tenant}/cases`;
  const taken = await t.call(clerk, 'POST', cases, intakeBody({ matter }));
  expect(taken.status).toBe(201);
  const caseNo: string = taken.body.caseNo;
  const decided = await t.call(CIVIL_APPROVER, 'POST', `${cases}/${caseNo}/decide`, { outcome: 'approve' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const issued = await t.call(clerk, 'POST', `${cases}/${caseNo}/issue`, { delivery: 'window' });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return { caseNo, cases, taken: taken.body, issued: issued.body };
}

beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
  await seedAuthority(t);
  // Jiangning's own hall, where civil affairs is stationed too; each body has its own seal.
  await ok('POST', `/v1/tenants/${JIANGNING}/bodies`, {
    code: 'hall',
    name: '江宁区政务服务中心',
    kind: 'service-centre',
  });
  await ok('POST', `/v1/tenants/${JIANGNING}/seals`, seal('hall-seal', 'hall', '江宁区政务服务中心专用章'));
  await ok(
    'POST',
    `/v1/tenants/${JIANGNING}/seals`,
    seal('civil-seal', 'civil-affairs', '江宁区民政局行政审批专用章'),
  );
  await ok(
    'POST',
    `/v1/tenants/${JIANGNING}/seals`,
    seal('civil-seal-2', 'civil-affairs', '江宁区民政局行政审批专用章（二）'),
  );
  await ok('POST', `/v1/tenants/${JIANGNING}/staff`, {
    id: 'civil-approver',
    name: '周敏',
    roles: ['approver'],
    body: 'civil-affairs',
  });
  await ok('POST', `/v1/tenants/${JIANGNING}/staff`, {
    id: 'jn-clerk',
    name: '孙雪',
    roles: ['window-clerk'],
  });
  // R11, people: Jiangning's approver and clerk trained on the seeded matters.
  await trainStaff(t, JIANGNING, ['civil-approver', 'jn-clerk'], ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
});

describe('stationed in its own tenant: the department seals with its own seal (R14)', () => {
  it('blocks a rollout naming the hall seal, schedules one naming the department seal, and issues under it', async () => {
    await ok(
      'POST',
      '/v1/cities/nanjing/rollouts',
      stationed('hall-sealed', 'm1', JIANGNING, 'hall', 'hall-seal'),
    );
    const preview = await ok('POST', '/v1/cities/nanjing/rollouts/hall-sealed/preview');
    expect(preview.ready).toBe(false);
    expect(preview.tenants[0].blockers).toEqual([
      expect.objectContaining({ code: 'seal-wrong-body', matter: 'm1', field: 'seal' }),
    ]);
    expect(preview.tenants[0].blockers[0].messageEn).toContain(CIVIL);
    const refused = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/rollouts/hall-sealed/schedule');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/rollout-blocked');
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/seal' })]);
    await ok('POST', '/v1/cities/nanjing/rollouts/hall-sealed/cancel');

    await ok(
      'POST',
      '/v1/cities/nanjing/rollouts',
      stationed('own-sealed', 'm1', JIANGNING, 'hall', 'civil-seal'),
    );
    expect(await ok('POST', '/v1/cities/nanjing/rollouts/own-sealed/preview')).toMatchObject({ ready: true });
    await applied('own-sealed');
    try {
      const authority = await t.call(JN_CLERK, 'GET', `/v1/tenants/${JIANGNING}/matters/m1/authority`);
      expect(authority.body).toMatchObject({
        body: CIVIL,
        mode: 'stationed',
        seal: 'civil-seal',
        windowBody: HALL,
      });

      const { caseNo, cases, issued } = await throughTheWindow(JIANGNING, JN_CLERK, 'm1');
      expect(issued.result).toMatchObject({
        approvingBody: CIVIL,
        seal: { id: 'civil-seal', body: CIVIL, tenant: JIANGNING },
      });
      const responsibility = await t.call(JN_CLERK, 'GET', `${cases}/${caseNo}/responsibility`);
      expect(responsibility.body).toMatchObject({ approvingBody: CIVIL, reconsiderationRespondent: CIVIL });
    } finally {
      t.setNow(undefined);
    }
  });
});

describe('a district department stationed at a sub-district centre (seed 001, R14)', () => {
  it('names its own seal in the district; the sub-district window issues under it, and verify and responsibility agree', async () => {
    // A bare id is looked up in the sub-district, which has no such seal; the centre's seal is not the department's.
    await ok(
      'POST',
      '/v1/cities/nanjing/rollouts',
      stationed('bare', 'm2', DONGSHAN, 'convenience-centre', 'civil-seal'),
    );
    const bare = await ok('POST', '/v1/cities/nanjing/rollouts/bare/preview');
    expect(codes(bare)).toEqual(['seal-missing']);
    expect(bare.tenants[0].blockers[0].messageEn).toContain(DONGSHAN);
    await ok('POST', '/v1/cities/nanjing/rollouts/bare/cancel');
    await ok(
      'POST',
      '/v1/cities/nanjing/rollouts',
      stationed('hall', 'm2', DONGSHAN, 'convenience-centre', 'centre-seal'),
    );
    expect(codes(await ok('POST', '/v1/cities/nanjing/rollouts/hall/preview'))).toEqual(['seal-wrong-body']);
    await ok('POST', '/v1/cities/nanjing/rollouts/hall/cancel');

    await ok(
      'POST',
      '/v1/cities/nanjing/rollouts',
      stationed('district-sealed', 'm2', DONGSHAN, 'convenience-centre', `${JIANGNING}/civil-seal`),
    );
    expect(await ok('POST', '/v1/cities/nanjing/rollouts/district-sealed/preview')).toMatchObject({
      ready: true,
    });
    const agreement = await ok('GET', `/v1/cities/nanjing/rollouts/district-sealed/agreements/${DONGSHAN}`);
    expect(agreement.seal).toEqual({
      id: 'civil-seal',
      tenant: JIANGNING,
      name: '江宁区民政局行政审批专用章',
    });
    const now = await applied('district-sealed');
    try {
      const authority = await t.call(CLERK, 'GET', `/v1/tenants/${DONGSHAN}/matters/m2/authority`);
      expect(authority.body).toMatchObject({
        body: CIVIL,
        mode: 'stationed',
        seal: `${JIANGNING}/civil-seal`,
        windowBody: `${DONGSHAN}/convenience-centre`,
      });

      const { caseNo, cases, taken, issued } = await throughTheWindow(DONGSHAN, CLERK, 'm2');
      expect(taken.binding).toMatchObject({
        body: CIVIL,
        seal: `${JIANGNING}/civil-seal`,
        mode: 'stationed',
      });
      expect(issued.result).toMatchObject({
        tenant: DONGSHAN,
        approvingBody: CIVIL,
        seal: { id: 'civil-seal', body: CIVIL, tenant: JIANGNING },
      });

      const code = verificationCodeOf(issued.result.signature);
      const verify = await t.call(undefined, 'GET', `/v1/public/results/${caseNo}/verify?code=${code}`);
      expect(verify.body).toMatchObject({
        valid: true,
        approvingBody: CIVIL,
        seal: { id: 'civil-seal', body: CIVIL, name: '江宁区民政局行政审批专用章', validAtIssue: true },
      });
      const imprint = await t.call(undefined, 'GET', `/v1/public/results/${caseNo}/seal.svg`);
      expect(imprint.status).toBe(200);
      expect(imprint.body).toContain('江宁区民政局');
      const responsibility = await t.call(CLERK, 'GET', `${cases}/${caseNo}/responsibility`);
      expect(responsibility.body).toMatchObject({
        approvingBody: CIVIL,
        reconsiderationRespondent: CIVIL,
        archiveCustodian: CIVIL,
        supervisingBody: CIVIL,
      });
      const printed = await t.call(CLERK, 'GET', `${cases}/${caseNo}/result.html`);
      expect(printed.status).toBe(200);
      expect(printed.body).toContain('江宁区民政局');
      expect(printed.body).toContain('江宁区民政局行政审批专用章');
      expect(printed.body).not.toContain('东山街道便民服务中心');

      // R3 in the district: the department's seal voided with a successor, the next result takes the successor.
      await ok('POST', `/v1/tenants/${JIANGNING}/seals/civil-seal/void`, {
        at: now,
        successor: 'civil-seal-2',
      });
      const next = await throughTheWindow(DONGSHAN, CLERK, 'm2');
      expect(next.issued.result.seal).toEqual({ id: 'civil-seal-2', body: CIVIL, tenant: JIANGNING });
    } finally {
      t.setNow(undefined);
    }
  });

  it('refuses initial holders naming a seal of another body, naming the item’s seal (R14 where periods are written)', async () => {
    const path = `/v1/tenants/${DONGSHAN}/initial-holders`;
    const holder = (seal: string) => ({
      items: [{ matter: 'm4', body: CIVIL, seal }],
    });
    const refused = await t.call(PLATFORM, 'PUT', path, holder('hall-seal'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe('/items/0/seal');
    expect(refused.body.errors[0].detailEn).toContain('R14');
    expect((await t.call(PLATFORM, 'PUT', path, holder('civil-seal-2'))).status).toBe(200);
  });

  it('never issues a bound seal that is not the bound body’s own (R14), even from a period written before the check', async () => {
    const { writePeriods } = await import('../../packages/store/src');
    await writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'm3',
        from: '2020-01-01T00:00:00.000Z',
        body: CIVIL,
        mode: 'stationed',
        // The district hall's seal, kept where the department sits but not the department's.
        seal: 'hall-seal',
        supervisingBody: CIVIL,
        windowBody: `${DONGSHAN}/convenience-centre`,
      },
    ]);
    const cases = `/v1/tenants/${DONGSHAN}/cases`;
    const taken = await t.call(CLERK, 'POST', cases, intakeBody({ matter: 'm3' }));
    await t.call(CIVIL_APPROVER, 'POST', `${cases}/${taken.body.caseNo}/decide`, { outcome: 'approve' });
    const refused = await t.call(CLERK, 'POST', `${cases}/${taken.body.caseNo}/issue`, {
      delivery: 'window',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('R14');
    expect((await t.call(CLERK, 'GET', `${cases}/${taken.body.caseNo}`)).body.status).toBe('approved');
  });
});
