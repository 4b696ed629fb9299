import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
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
  it('answers 413 problem+json, not 500, and writes nothing', async () => {
    const before = await t.call(CLERK, 'GET', `${CASES}/${caseNo}`);
    // The stored answer of an Idempotency-Key repeats the whole case view: here over 400 KB.
    const res = await t.call(
      SUPERVISOR,
      'POST',
      FINDINGS,
      { caseNo, text: longText(1000), severity: 'info' },
      { 'Idempotency-Key': 'case-size-over-limit' },
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toContain('payload-too-large');
    expect(res.body.detail ?? res.body.title).toBeTruthy();
    const after = await t.call(CLERK, 'GET', `${CASES}/${caseNo}`);
    expect(after.body.version).toBe(before.body.version);
  });
});
