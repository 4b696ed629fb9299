import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../packages/domain/src';
import { caseKeys } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { APPROVER, act, CASES, CLERK, intake, SUPERVISOR, seedCases } from '../support/cases';

/**
 * Issue 10 (5): a case's timeline lives in its event items, not in its projection or the list
 * indexes, so a long-lived case keeps reading and writing, and a write that would still pass
 * DynamoDB's 400 KB item limit answers a problem, never a 500.
 */
const FINDINGS = '/v1/tenants/nanjing.jiangning/supervision/findings';
const LONG_FINDINGS = 20;
const EVENTS = 500;
/** A finding at the API's longest (4,000 characters), in Chinese: 12,000 bytes of UTF-8. */
const longText = (i: number) =>
  `第${i}条监管意见：${'经事后抽查现场与申报材料不一致需整改'.repeat(250)}`.slice(0, 4000);

let t: TestApp;
let caseNo: string;

/** Bytes DynamoDB counts for an item, near enough: its attribute names and values as marshalled JSON. */
const bytesOf = (item: unknown) => Buffer.byteLength(JSON.stringify(item));

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  caseNo = (await intake(t)).caseNo;
  expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  expect((await act(t, CLERK, caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
  const version = async () => (await t.call(CLERK, 'GET', `${CASES}/${caseNo}`)).body.version as number;
  const n = EVENTS - (await version());
  // The long findings spread through the timeline, the last one last.
  const long = new Set(
    Array.from({ length: LONG_FINDINGS }, (_, k) => Math.floor(((k + 1) * n) / LONG_FINDINGS) - 1),
  );
  for (let i = 0; i < n; i++) {
    const text = long.has(i) ? longText(i) : `抽查记录 ${i}：与申报一致`;
    const res = await t.call(SUPERVISOR, 'POST', FINDINGS, { caseNo, text, severity: 'info' });
    if (res.status !== 200) throw new Error(`finding ${i}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}, 600_000);

describe('a case with 500 events and 20 long findings', () => {
  it('still reads, with its whole timeline and every finding', async () => {
    const read = await t.call(CLERK, 'GET', `${CASES}/${caseNo}`);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(EVENTS);
    expect(read.body.events).toHaveLength(EVENTS);
    expect(read.body.events.map((e: { seq: number }) => e.seq)).toEqual(
      Array.from({ length: EVENTS }, (_, i) => i + 1),
    );
    expect(read.body.findings.filter((f: { text: string }) => f.text.length === 4000)).toHaveLength(
      LONG_FINDINGS,
    );
  });

  it('still writes, and the answer carries the whole timeline', async () => {
    const res = await t.call(SUPERVISOR, 'POST', FINDINGS, {
      caseNo,
      text: longText(999),
      severity: 'concern',
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.events).toHaveLength(EVENTS + 1);
    expect(res.body.findings.at(-1)).toMatchObject({ severity: 'concern', text: longText(999) });
  });

  it('takes a command with an Idempotency-Key too, and replays its whole answer', async () => {
    const headers = { 'idempotency-key': 'big-case-finding-1' };
    const body = { caseNo, text: longText(998), severity: 'info' };
    const first = await t.call(SUPERVISOR, 'POST', FINDINGS, body, headers);
    expect(first.status, JSON.stringify(first.body).slice(0, 300)).toBe(200);
    const again = await t.call(SUPERVISOR, 'POST', FINDINGS, body, headers);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('keeps the projection and its list index entries small', async () => {
    const key = caseKeys.case(DONGSHAN, caseNo);
    const out = await t.store.client.send(
      new GetItemCommand({ TableName: t.store.tableName, Key: marshall(key) }),
    );
    expect(out.Item?.timeline).toBeUndefined();
    expect(bytesOf(out.Item)).toBeLessThan(8 * 1024);
    const queue = await t.store.client.send(
      new QueryCommand({
        TableName: t.store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': out.Item?.gsi1pk?.S }),
      }),
    );
    const entry = queue.Items?.find((i) => i.sk?.S === key.sk);
    expect(entry?.summary).toBeDefined();
    expect(entry?.state).toBeUndefined();
    expect(bytesOf(entry)).toBeLessThan(2 * 1024);
  });

  it('packs an ordinary case’s timeline into its projection, and leaves a long one to its events', async () => {
    const get = async (no: string) =>
      (
        await t.store.client.send(
          new GetItemCommand({ TableName: t.store.tableName, Key: marshall(caseKeys.case(DONGSHAN, no)) }),
        )
      ).Item;
    expect((await get(caseNo))?.timelineGz).toBeUndefined();
    const fresh = await intake(t);
    await act(t, APPROVER, fresh.caseNo, 'decide', { outcome: 'approve' });
    expect((await get(fresh.caseNo))?.timelineGz?.B?.length).toBeGreaterThan(0);
    // The packed timeline reads as the event items do.
    const read = await t.call(CLERK, 'GET', `${CASES}/${fresh.caseNo}`);
    const items = await t.services.cases.events(
      { sub: 'test', roles: ['platform-admin'] },
      DONGSHAN,
      fresh.caseNo,
    );
    expect(read.body.events.map((e: { seq: number }) => e.seq)).toEqual(items.map((e) => e.seq));
  });

  it('answers an open case’s list row from the index alone', async () => {
    const fresh = await intake(t);
    const open = await t.call(APPROVER, 'GET', `${CASES}?open=true`);
    expect(open.status).toBe(200);
    expect(open.body.items).toContainEqual(
      expect.objectContaining({ caseNo: fresh.caseNo, matterName: expect.any(String), status: 'accepted' }),
    );
  });
});

describe('a write past the 400 KB item limit', () => {
  // Nothing a request can send reaches the limit now (the timeline lives in event items, an
  // Idempotency-Key's stored answer is compressed), so the store is handed one directly.
  it('is refused as a problem (413), not a 500, and writes nothing of its command', async () => {
    const big = { pk: 'T#limit-test', sk: 'BIG', entity: 'test', blob: 'x'.repeat(410 * 1024) };
    const small = { pk: 'T#limit-test', sk: 'SMALL', entity: 'test' };
    const error = await t.store
      .commit({
        actor: 'test',
        action: 'test.big',
        scopePk: 'T#limit-test',
        target: 'limit-test',
        at: new Date().toISOString(),
        writes: [{ put: small }, { put: big }],
        response: { status: 200, body: {} },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).type).toBe('payload-too-large');
    expect(await t.store.get({ pk: 'T#limit-test', sk: 'SMALL' })).toBeUndefined();
  });
});
