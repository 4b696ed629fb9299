import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import { caseKeys, licenceKeys, type OutboundEvent } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter } from '../support/authority';
import {
  ADMIN,
  APPROVER,
  act,
  applicant,
  CASES,
  CIVIL,
  CLERK,
  HEAD,
  INSPECTOR,
  intake,
  intakeBody,
  ORG_ID,
  PERSON_ID,
  SUPERVISOR,
  seedCases,
} from '../support/cases';

/** Integrity and money: one transaction per command, numbering under concurrency, idempotency, the hash chain, R10, fees, ratings. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
});

const decidedAndIssued = async (caseNo: string) => {
  expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  const issued = await act(t, CLERK, caseNo, 'issue', { delivery: 'window' });
  expect(issued.status).toBe(200);
  return issued.body;
};

describe('case numbers and retries', () => {
  it('gives 20 concurrent intakes 20 distinct consecutive numbers', async () => {
    const all = await Promise.all(
      Array.from({ length: 20 }, () => t.call(CLERK, 'POST', CASES, intakeBody())),
    );
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(201));
    const seqs = all.map((r) => Number(String(r.body.caseNo).slice(-4))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(19);
  });

  it('answers a retried intake with the same Idempotency-Key with the first case, and makes no second one', async () => {
    const headers = { 'idempotency-key': 'intake-retry-0001' };
    const first = await t.call(CLERK, 'POST', CASES, intakeBody(), headers);
    const again = await t.call(CLERK, 'POST', CASES, intakeBody(), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.caseNo).toBe(first.body.caseNo);
    const next = await intake(t);
    expect(Number(next.caseNo.slice(-4))).toBe(Number(first.body.caseNo.slice(-4)) + 1);
  });

  it('answers one Idempotency-Key sent at once with different applications: one case, every other 422', async () => {
    const headers = { 'idempotency-key': 'intake-race-0001' };
    const names = ['王一', '王二', '王三', '王四', '王五'];
    const all = await Promise.all(
      names.map((name) =>
        t.call(CLERK, 'POST', CASES, intakeBody({ applicant: { ...applicant, name } }), headers),
      ),
    );
    const won = all.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(all.filter((r) => r.status === 422).map((r) => r.body.type)).toEqual(
      Array(names.length - 1).fill('/problems/idempotency-key-reused'),
    );
    // The same application again is the winner's retry, and answers the winner's case.
    const winner = names[all.findIndex((r) => r.status === 201)];
    const retry = await t.call(
      CLERK,
      'POST',
      CASES,
      intakeBody({ applicant: { ...applicant, name: winner } }),
      headers,
    );
    expect(retry.body.caseNo).toBe(won[0]?.body.caseNo);
    expect(retry.body.applicant.name).toBe(winner);
  });

  it('lets exactly one of two approvers deciding at once win; the other gets 409', async () => {
    const c = await intake(t);
    const both = await Promise.all([
      act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' }),
      act(t, { ...APPROVER, sub: 'approver-b' }, c.caseNo, 'decide', {
        outcome: 'deny',
        reasons: '不符合条件',
      }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const read = await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`);
    expect(read.body.events.filter((e: { type: string }) => e.type === 'decided')).toHaveLength(1);
  });

  it('refuses a stale If-Match with 409 and takes the current one', async () => {
    const c = await intake(t);
    const stale = await act(t, HEAD, c.caseNo, 'extend', { days: 1, reason: '核查' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    const fresh = await act(
      t,
      HEAD,
      c.caseNo,
      'extend',
      { days: 1, reason: '核查' },
      { 'if-match': `"${c.version}"` },
    );
    expect(fresh.status).toBe(200);
  });
});

describe('bad input names the field', () => {
  it.each([
    [
      {
        applicant: {
          kind: 'person',
          name: '李明',
          idNumber: `${PERSON_ID.slice(0, 17)}${PERSON_ID.endsWith('1') ? '2' : '1'}`,
        },
      },
      'applicant.idNumber',
    ],
    [{ applicant: { kind: 'person', name: '李明', idNumber: '320115199002301234' } }, 'applicant.idNumber'],
    [{ applicant: { kind: 'org', name: '某公司', idNumber: '91320115MA1N2B3C4X' } }, 'applicant.idNumber'],
    [{ matter: 'nope' }, 'matter'],
    [{ materials: [{ code: 'ghost', provided: true }] }, 'materials.0.code'],
    [{ item: '99' }, 'item'],
    [{ surprise: 1 }, 'surprise'],
  ])('%j → 400 on %s', async (extra, path) => {
    const res = await t.call(CLERK, 'POST', CASES, intakeBody(extra));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('takes an organisation with a valid unified social credit code, masked in lists', async () => {
    const c = await intake(t, { applicant: { kind: 'org', name: '江宁某科技有限公司', idNumber: ORG_ID } });
    const list = await t.call(CLERK, 'GET', `${CASES}?status=accepted`);
    const row = list.body.items.find((i: { caseNo: string }) => i.caseNo === c.caseNo);
    expect(row?.applicant.idNumber ?? '').not.toContain(ORG_ID.slice(4, 14));
  });
});

describe('the hash chain', () => {
  it('names the first broken link when an event is altered in the table', async () => {
    const c = await intake(t);
    await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' });
    const ok = await t.call(INSPECTOR, 'GET', `${CASES}/${c.caseNo}/integrity`);
    expect(ok.body).toMatchObject({ intact: true, events: 3 });
    const key = caseKeys.event(DONGSHAN, c.caseNo, 2);
    const stored = await t.store.get<{ event: Record<string, unknown> }>(key);
    await t.store.client.send(
      new PutItemCommand({
        TableName: t.store.tableName,
        Item: marshall(
          { ...stored, event: { ...stored?.event, acceptedAt: '2020-01-01T00:00:00.000Z' } },
          { removeUndefinedValues: true },
        ),
      }),
    );
    const broken = await t.call(INSPECTOR, 'GET', `${CASES}/${c.caseNo}/integrity`);
    expect(broken.body).toMatchObject({ intact: false, firstBroken: 2, reason: 'hash' });
  });
});

describe('R10: results pushed to the supervising body and findings back', () => {
  it('puts an issued result in the district department’s inbox and takes its finding back to the case', async () => {
    const c = await intake(t);
    await decidedAndIssued(c.caseNo);
    // Feed the real stream handler the records DynamoDB Streams would carry.
    const events = await t.store.queryPrefix(caseKeys.event(DONGSHAN, c.caseNo, 0).pk, 'EV#');
    const published: OutboundEvent[] = [];
    const handler = createStreamHandler(async (batch) => {
      published.push(...batch);
      return [];
    }, t.store);
    await handler({
      Records: events.map((item, i) => ({
        eventID: `e${i}`,
        eventName: 'INSERT',
        dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }), SequenceNumber: String(i) },
      })),
    });
    // The handler filed the licence; its item, on the stream in turn, is the `e-licence.issued` event.
    const result = (await t.services.cases.find(DONGSHAN, c.caseNo))?.state.result;
    const licence = result ? await t.services.licences.ofResult(result) : undefined;
    expect(licence?.status).toBe('valid');
    const filed = await t.store.get(licenceKeys.licence(DONGSHAN, licence?.id ?? ''));
    await handler({
      Records: [
        {
          eventID: 'licence',
          eventName: 'INSERT',
          dynamodb: { NewImage: marshall(filed, { removeUndefinedValues: true }), SequenceNumber: 'L' },
        },
      ],
    });
    expect(published.find((e) => e.detailType === 'e-licence.issued')?.detail.licenceId).toBe(licence?.id);
    const inbox = await t.call(SUPERVISOR, 'GET', '/v1/tenants/nanjing.jiangning/supervision/inbox');
    expect(inbox.status).toBe(200);
    const pushed = inbox.body.items.find((i: { caseNo: string }) => i.caseNo === c.caseNo);
    expect(pushed).toMatchObject({
      caseTenant: DONGSHAN,
      outcome: 'approve',
      approvingBody: `${DONGSHAN}/convenience-centre`,
    });

    const finding = await t.call(SUPERVISOR, 'POST', '/v1/tenants/nanjing.jiangning/supervision/findings', {
      caseNo: c.caseNo,
      text: '事后抽查：现场与申报一致',
      severity: 'info',
    });
    expect(finding.status).toBe(200);
    const read = await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`);
    expect(read.body.findings).toEqual([
      expect.objectContaining({ body: CIVIL, text: '事后抽查：现场与申报一致' }),
    ]);
  });
});

describe('fees and ratings', () => {
  it('collects the fee with a receipt before issuing, and reports it per collecting department', async () => {
    await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m3/settings`, {
      fees: [{ code: 'gb', name: '工本费', amount: 15.5 }],
    });
    const c = await intake(t, { matter: 'm3' });
    await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' });
    const unpaid = await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' });
    expect(unpaid.status).toBe(409);
    const paid = await act(t, CLERK, c.caseNo, 'pay', {});
    expect(paid.body.payment).toMatchObject({ receiptNo: `${c.caseNo}-R`, amount: 15.5 });
    expect((await act(t, CLERK, c.caseNo, 'pay', {})).status).toBe(409);
    expect((await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
    const report = await t.call(
      ADMIN,
      'GET',
      `/v1/tenants/${DONGSHAN}/fees/report?from=2020-01-01&to=2099-12-31`,
    );
    expect(report.body.departments).toEqual([
      expect.objectContaining({ body: `${DONGSHAN}/convenience-centre`, count: 1, total: 15.5 }),
    ]);
  });

  it('opens a rectification due in 5 working days on a rating of 2, which the tenant closes with a response', async () => {
    const c = await intake(t);
    await decidedAndIssued(c.caseNo);
    const rate = (level: number) =>
      t.call(undefined, 'POST', `/v1/public/cases/${c.caseNo}/rating`, {
        code: c.queryCode,
        level,
        comment: '窗口排队太久',
      });
    expect((await rate(2)).status).toBe(200);
    expect((await rate(2)).status).toBe(200); // a retry is not a second rating
    expect((await rate(5)).status).toBe(409);
    const list = await t.call(INSPECTOR, 'GET', `/v1/tenants/${DONGSHAN}/rectifications`);
    const task = list.body.items.find((i: { caseNo: string }) => i.caseNo === c.caseNo);
    expect(task).toMatchObject({ level: 2, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(task.closedAt).toBeUndefined();
    const closed = await t.call(ADMIN, 'POST', `/v1/tenants/${DONGSHAN}/rectifications/${c.caseNo}/close`, {
      response: '已增开窗口，并电话致歉',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toBeDefined();
  });

  it('takes a rating of a refused case and of one rejected at intake, with its reasons, objects and channel (R18)', async () => {
    const refused = await intake(t);
    await act(t, APPROVER, refused.caseNo, 'decide', { outcome: 'deny', reasons: '不符合法定条件' });
    const rejected = await intake(t, { materials: [] });
    await act(t, CLERK, rejected.caseNo, 'reject', { reason: '不属于本机关受理范围' });
    for (const c of [refused, rejected]) {
      const progress = await t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}?code=${c.queryCode}`);
      expect(progress.body.canRate).toBe(true);
      const rated = await t.call(undefined, 'POST', `/v1/public/cases/${c.caseNo}/rating`, {
        code: c.queryCode,
        level: 1,
        reasons: ['guide-accuracy', 'attitude'],
        objects: ['window'],
      });
      expect(rated.status).toBe(200);
      expect(rated.body.canRate).toBe(false);
      const view = await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/cases/${c.caseNo}`);
      // The public route records the web portal unless the client names its channel.
      expect(view.body.rating).toMatchObject({
        level: 1,
        reasons: ['guide-accuracy', 'attitude'],
        objects: ['window'],
        channel: 'web',
      });
      const list = await t.call(INSPECTOR, 'GET', `/v1/tenants/${DONGSHAN}/rectifications`);
      expect(list.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    }
    const bad = await t.call(undefined, 'POST', `/v1/public/cases/${refused.caseNo}/rating`, {
      code: refused.queryCode,
      level: 1,
      reasons: ['queue'],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reasons');
    // A city that gives 差评 fifteen working days: ratings from then on get them.
    const CITY_ADMIN = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' } as const;
    const defaults = { rectificationDays: 5, defaultRatingDays: 7, defaultRatingLevel: 3, receiptDays: 1 };
    expect((await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/evaluation')).body).toEqual(defaults);
    const tooLong = await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', {
      ...defaults,
      rectificationDays: 31,
    });
    expect([tooLong.status, JSON.stringify(tooLong.body).includes('rectificationDays')]).toEqual([400, true]);
    const set = await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', {
      ...defaults,
      rectificationDays: 15,
    });
    expect(set.body).toEqual({ ...defaults, rectificationDays: 15 });
    try {
      const later = await intake(t);
      await decidedAndIssued(later.caseNo);
      const rated = await t.call(undefined, 'POST', `/v1/public/cases/${later.caseNo}/rating`, {
        code: later.queryCode,
        level: 2,
      });
      expect(rated.status).toBe(200);
      // Fifteen working days on Dongshan's calendar from the day of the rating, as its calendar counts them.
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const due = await t.call(
        ADMIN,
        'GET',
        `/v1/tenants/${DONGSHAN}/calendar/working-days?from=${today}&days=15`,
      );
      const list = await t.call(INSPECTOR, 'GET', `/v1/tenants/${DONGSHAN}/rectifications`);
      const task = list.body.items.find((i: { caseNo: string }) => i.caseNo === later.caseNo);
      expect(task.dueDate).toBe(due.body.date);
    } finally {
      await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', defaults);
    }
    // Still open at the window: nothing to rate yet.
    const open = await intake(t);
    const early = await t.call(undefined, 'POST', `/v1/public/cases/${open.caseNo}/rating`, {
      code: open.queryCode,
      level: 5,
    });
    expect(early.status).toBe(409);
  });
});

describe('on-the-spot matters at the window', () => {
  it('lets an authorised window officer accept, decide and issue in one sitting; others may not decide', async () => {
    await t.call(
      PLATFORM,
      'PUT',
      '/v1/cities/nanjing/catalogue/spot',
      matter('spot', { onTheSpot: true, promisedDays: 0, statutoryDays: 0 }),
    );
    await (await import('../../packages/store/src')).writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'spot',
        from: '2020-01-01T00:00:00.000Z',
        body: `${DONGSHAN}/convenience-centre`,
        mode: 'transfer',
        seal: 'centre-seal',
        supervisingBody: CIVIL,
      },
    ]);
    const c = await intake(t, { matter: 'spot' });
    expect((await act(t, CLERK, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    // R16: the centre's head grants the chief representative a written authorisation for the matter.
    const auth = await t.call(HEAD, 'POST', `/v1/tenants/${DONGSHAN}/window-authorisations`, {
      staff: 'clerk-a',
      body: `${DONGSHAN}/convenience-centre`,
      matters: ['spot'],
      from: '2020-01-01T00:00:00+08:00',
      until: '2099-01-01T00:00:00+08:00',
      docNo: '东便授〔2020〕1号',
    });
    expect(auth.status, JSON.stringify(auth.body)).toBe(201);
    const decided = await act(t, CLERK, c.caseNo, 'decide', { outcome: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      by: 'clerk-a',
      authorisation: { id: auth.body.id, docNo: '东便授〔2020〕1号' },
    });
    expect((await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
  });
});
