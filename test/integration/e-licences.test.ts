import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import { isLicenceId } from '../../packages/domain/src';
import type { OutboundEvent } from '../../packages/store/src';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter } from '../support/authority';
import {
  APPROVER,
  act,
  CIVIL,
  CIVIL_APPROVER,
  CLERK,
  intake,
  ORG_ID,
  PERSON_ID,
  seedCases,
} from '../support/cases';
import { pollStream, waitFor } from '../support/stream';

/** The e-licence library (电子证照库): filed from the stream on issuance, found by holder, revoked with a reason. */
let t: TestApp;
const published: OutboundEvent[] = [];
let stop: (() => Promise<void>) | undefined;
const LIB = `/v1/tenants/${DONGSHAN}/licences`;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  stop = await pollStream(
    t,
    createStreamHandler(async (events) => {
      published.push(...events);
      return [];
    }, t.store),
  );
});
afterAll(async () => stop?.());

async function issued(extra: object = {}) {
  const c = await intake(t, extra);
  expect((await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  const issue = await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' });
  expect(issue.status).toBe(200);
  return { ...c, result: issue.body.result as { signature: string } };
}

const licenceEvents = (type: string, caseNo: string) =>
  published.filter((e) => e.detailType === type && e.detail.caseNo === caseNo);

describe('e-licence library', () => {
  it('files an issued licence once, lists it by holder masked, revokes it with a reason, and verification says so at once', async () => {
    const c = await issued();
    await waitFor(() => licenceEvents('e-licence.issued', c.caseNo).length > 0);
    const [filed] = licenceEvents('e-licence.issued', c.caseNo);
    const licenceId = String(filed?.detail.licenceId);
    expect(isLicenceId(licenceId)).toBe(true);
    expect(filed?.detail).toMatchObject({ tenant: DONGSHAN, status: 'valid' });
    expect(JSON.stringify(filed?.detail)).not.toContain(PERSON_ID);

    const list = await t.call(CLERK, 'GET', `${LIB}?holder=${PERSON_ID}`);
    expect(list.status).toBe(200);
    const row = list.body.items.find((l: { caseNo: string }) => l.caseNo === c.caseNo);
    expect(row).toMatchObject({ id: licenceId, status: 'valid', holder: { name: '李明' } });
    expect(row.holder.idNumber).toBe(`${PERSON_ID.slice(0, 4)}**********${PERSON_ID.slice(-4)}`);
    expect(row.validity.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A clerk finds licences for reuse; only an approver of the issuing body may change one.
    expect(row.allowedActions).toEqual([]);
    const mine = await t.call(APPROVER, 'GET', `${LIB}/${licenceId}`);
    expect(mine.body.allowedActions).toEqual(['revoke', 'cancel']);

    const before = await t.call(undefined, 'GET', `/v1/public/results/${c.caseNo}/verify`);
    expect(before.body.licence).toEqual({ status: 'valid' });

    expect(
      (await t.call(CLERK, 'POST', `${LIB}/${licenceId}/revoke`, { reason: '以欺骗手段取得' })).status,
    ).toBe(403);
    // The district's approvers do not reach the sub-district's library; another body's approver may not change it.
    expect((await t.call(CIVIL_APPROVER, 'POST', `${LIB}/${licenceId}/revoke`, { reason: 'x' })).status).toBe(
      404,
    );
    const otherBody = { ...APPROVER, sub: 'approver-other', body: `${DONGSHAN}/other-office` };
    expect((await t.call(otherBody, 'POST', `${LIB}/${licenceId}/revoke`, { reason: 'x' })).status).toBe(403);
    const blank = await t.call(APPROVER, 'POST', `${LIB}/${licenceId}/revoke`, { reason: '  ' });
    expect(blank.status).toBe(400);

    const revoked = await t.call(APPROVER, 'POST', `${LIB}/${licenceId}/revoke`, {
      reason: '申请人以欺骗手段取得许可（行政许可法第六十九条）',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: licenceId, status: 'revoked', allowedActions: [] });

    const code = await t.call(undefined, 'GET', `/v1/public/results/${c.caseNo}/verify`);
    expect(code.body.licence).toEqual({ status: 'revoked' });
    const { verificationCodeOf } = await import('../../packages/domain/src');
    const full = await t.call(
      undefined,
      'GET',
      `/v1/public/results/${c.caseNo}/verify?code=${verificationCodeOf(c.result.signature)}`,
    );
    expect(full.body.licence).toMatchObject({
      id: licenceId,
      status: 'revoked',
      reason: '申请人以欺骗手段取得许可（行政许可法第六十九条）',
    });

    const again = await t.call(APPROVER, 'POST', `${LIB}/${licenceId}/cancel`, { reason: '注销' });
    expect(again.status).toBe(409);

    await waitFor(() => licenceEvents('e-licence.revoked', c.caseNo).length > 0);
    expect(licenceEvents('e-licence.revoked', c.caseNo)[0]?.detail).toMatchObject({
      licenceId,
      status: 'revoked',
      statusChange: { reason: '申请人以欺骗手段取得许可（行政许可法第六十九条）', by: APPROVER.sub },
    });
    expect(licenceEvents('e-licence.issued', c.caseNo)).toHaveLength(1);
  });

  it('cancels (注销) with a reason, and a replayed issuance files nothing twice', async () => {
    const c = await issued({
      applicant: { kind: 'org', name: '江宁某科技有限公司', idNumber: ORG_ID },
    });
    await waitFor(() => licenceEvents('e-licence.issued', c.caseNo).length > 0);
    const list = await t.call(CLERK, 'GET', `${LIB}?holder=${ORG_ID.toLowerCase()}`);
    const row = list.body.items.find((l: { caseNo: string }) => l.caseNo === c.caseNo);
    const cancelled = await t.call(
      APPROVER,
      'POST',
      `${LIB}/${row.id}/cancel`,
      { reason: '持证单位依法终止' },
      { 'idempotency-key': 'cancel-licence-0001' },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const replayed = await t.call(
      APPROVER,
      'POST',
      `${LIB}/${row.id}/cancel`,
      { reason: '持证单位依法终止' },
      { 'idempotency-key': 'cancel-licence-0001' },
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');

    // The stream delivers the issuance again: the licence stays cancelled, and no second one appears.
    const { LicenceService } = await import('../../packages/app/src');
    const stored = await t.services.cases.find(DONGSHAN, c.caseNo);
    const result = stored?.state.result;
    if (!result) throw new Error('no result');
    await new LicenceService(t.store, t.services.commands).fileIssued(
      [{ tenant: DONGSHAN, caseNo: c.caseNo, supervisingBody: '', result }],
      new Date().toISOString(),
    );
    const after = await t.call(CLERK, 'GET', `${LIB}?holder=${ORG_ID}`);
    const rows = after.body.items.filter((l: { caseNo: string }) => l.caseNo === c.caseNo);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('cancelled');
    await waitFor(() => licenceEvents('e-licence.cancelled', c.caseNo).length > 0);
    expect(licenceEvents('e-licence.cancelled', c.caseNo)[0]?.detail.licenceId).toBe(row.id);
  });

  it('marks the holder’s valid licence of the matter changed when a change (变更) is issued, naming its successor', async () => {
    const put = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m2', {
      ...matter('m2'),
      items: [
        { code: '01', name: '新办' },
        { code: '02', name: '变更' },
      ],
    });
    expect(put.status).toBeLessThan(300);
    const first = await issued({ matter: 'm2', item: '01' });
    await waitFor(() => licenceEvents('e-licence.issued', first.caseNo).length > 0);
    const second = await issued({ matter: 'm2', item: '02' });
    await waitFor(() => licenceEvents('e-licence.changed', first.caseNo).length > 0);
    const list = await t.call(CLERK, 'GET', `${LIB}?holder=${PERSON_ID}`);
    const old = list.body.items.find((l: { caseNo: string }) => l.caseNo === first.caseNo);
    const renewed = list.body.items.find((l: { caseNo: string }) => l.caseNo === second.caseNo);
    expect(renewed.status).toBe('valid');
    expect(old).toMatchObject({
      status: 'changed',
      statusChange: { reason: '变更', replacedBy: renewed.id },
    });
  });

  it("names the approving body's USCC as the licence's issuer when the registry holds one", async () => {
    // A licensing office registered with its USCC (valid GB 32100 check) that holds matter m7.
    const USCC = '12320115320115026B';
    const OFFICE = `${DONGSHAN}/licensing-office`;
    const setUp = [
      ['PUT', '/v1/cities/nanjing/catalogue/m7', matter('m7')],
      [
        'POST',
        `/v1/tenants/${DONGSHAN}/bodies`,
        { code: 'licensing-office', name: '东山街道许可办', kind: 'service-centre', uscc: USCC },
      ],
      [
        'POST',
        `/v1/tenants/${DONGSHAN}/seals`,
        {
          id: 'licensing-seal',
          body: 'licensing-office',
          name: '行政审批专用章',
          validFrom: '2019-01-01T00:00:00+08:00',
          electronic: true,
        },
      ],
      [
        'POST',
        `/v1/tenants/${DONGSHAN}/staff`,
        { id: 'licensing-approver', name: '审批人', roles: ['approver'], body: 'licensing-office' },
      ],
    ] as const;
    for (const [method, path, body] of setUp)
      expect((await t.call(PLATFORM, method, path, body)).status).toBeLessThan(300);
    await writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'm7',
        from: '2020-01-01T00:00:00.000Z',
        body: OFFICE,
        mode: 'transfer',
        seal: 'licensing-seal',
        supervisingBody: CIVIL,
        originBody: CIVIL,
      },
    ]);
    const c = await intake(t, { matter: 'm7' });
    const approver = { sub: 'licensing-approver', roles: ['approver'], tenant: DONGSHAN, body: OFFICE };
    expect((await act(t, approver, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
    const issue = await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' });
    expect(issue.body.result).toMatchObject({ approvingBody: OFFICE, approvingBodyUscc: USCC });
    await waitFor(() => licenceEvents('e-licence.issued', c.caseNo).length > 0);
    const licenceId = String(licenceEvents('e-licence.issued', c.caseNo)[0]?.detail.licenceId);
    expect(isLicenceId(licenceId)).toBe(true);
    expect(licenceId.split('.')[6]).toBe(USCC);
    // Verification (with the result's code) names the same licence, from the signed result.
    const { verificationCodeOf } = await import('../../packages/domain/src');
    const signature = String((issue.body.result as { signature: string }).signature);
    const verify = await t.call(
      undefined,
      'GET',
      `/v1/public/results/${c.caseNo}/verify?code=${verificationCodeOf(signature)}`,
    );
    expect(verify.body.licence).toMatchObject({ id: licenceId, status: 'valid' });
  });

  it('answers 400 naming holder for a holder that is no ID number or USCC, and 404 outside the tenant', async () => {
    const bad = await t.call(CLERK, 'GET', `${LIB}?holder=123`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('holder');
    const other = await t.call(
      { sub: 'x', roles: ['window-clerk'], tenant: 'nanjing.jiangning' },
      'GET',
      `${LIB}?holder=${PERSON_ID}`,
    );
    expect(other.status).toBe(404);
    expect((await t.call(PLATFORM, 'GET', `${LIB}/1.2.156.3005.2.X`)).status).toBe(404);
  });
});
