import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { APPROVER, act, CIVIL, CLERK, intake, pushedToInbox, SUPERVISOR, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';
import { pollStream } from '../support/stream';

/**
 * 审管联动 receipts (R10, R20): every decision is pushed to its supervising body's inbox when it is
 * made, and counted as waiting to be signed for (待签收推送) until a supervisor of that body signs
 * (签收); one left unsigned past the city's limit raises a card.
 */
let t: TestApp;
let stop: (() => Promise<void>) | undefined;
const DISTRICT = 'nanjing.jiangning';
const DISTRICT_ADMIN = { sub: 'district-admin', roles: ['tenant-admin'], tenant: DISTRICT };
const RECEIPTS = `/v1/tenants/${DISTRICT}/supervision/receipts`;
const INBOX = `/v1/tenants/${DISTRICT}/supervision/inbox?body=${encodeURIComponent(CIVIL)}`;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const staff = await t.call(PLATFORM, 'POST', `/v1/tenants/${DISTRICT}/staff`, {
    id: SUPERVISOR.sub,
    name: '赵伟',
    roles: ['supervisor'],
    body: 'civil-affairs',
  });
  expect(staff.status).toBe(201);
  stop = await pollStream(
    t,
    createStreamHandler(async () => [], t.store),
  );
});
afterAll(async () => stop?.());

const workbench = async () => (await t.call(DISTRICT_ADMIN, 'GET', `/v1/tenants/${DISTRICT}/workbench`)).body;

/** Waits until `holds` answers true (the stream worker pushes within a second), or ten seconds. */
async function until(holds: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await holds()); i++) await new Promise((r) => setTimeout(r, 100));
}

async function issued(): Promise<string> {
  const c = await intake(t);
  expect((await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  expect((await act(t, CLERK, c.caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
  return c.caseNo;
}

describe('supervision receipts (签收)', () => {
  it('counts each pushed result until its supervising body signs for it, once', async () => {
    const before = (await workbench()).pushesToSign as number;
    const [a, b] = [await issued(), await issued()];
    await until(async () => (await workbench()).pushesToSign >= before + 2);
    const pushed = await workbench();
    expect(pushed.pushesToSign).toBe(before + 2);
    expect(pushed.pushesToSignByBody[CIVIL]).toBe(before + 2);

    const signed = await t.call(SUPERVISOR, 'POST', RECEIPTS, { caseNo: a });
    expect(signed.status).toBe(200);
    // The receipt names the signer as the staff register has them.
    expect(signed.body).toMatchObject({ caseNo: a, signedBy: SUPERVISOR.sub, signedByName: '赵伟' });
    expect(signed.body.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Signing again answers the same receipt and counts nothing twice.
    const again = await t.call(SUPERVISOR, 'POST', RECEIPTS, { caseNo: a });
    expect(again.status).toBe(200);
    expect(again.body.signedAt).toBe(signed.body.signedAt);
    expect((await workbench()).pushesToSign).toBe(before + 1);

    const inbox = (await t.call(SUPERVISOR, 'GET', INBOX)).body.items as {
      caseNo: string;
      signedAt?: string;
    }[];
    expect(inbox.find((i) => i.caseNo === a)?.signedAt).toBe(signed.body.signedAt);
    expect(inbox.find((i) => i.caseNo === b)?.signedAt).toBeUndefined();
  });

  it('counts a replayed push once', async () => {
    const caseNo = await issued();
    const inInbox = async () =>
      ((await t.call(SUPERVISOR, 'GET', INBOX)).body.items as { caseNo: string }[]).some(
        (x) => x.caseNo === caseNo,
      );
    await until(inInbox);
    const before = (await workbench()).pushesToSign;
    // The stream's record replayed: the same push twice, the same result attached twice.
    await pushedToInbox(t, 'nanjing.jiangning.dongshan', caseNo);
    await pushedToInbox(t, 'nanjing.jiangning.dongshan', caseNo);
    expect((await workbench()).pushesToSign).toBe(before);
  });

  it("answers 404 for a case not pushed to the signer's body, and 400 naming caseNo when it is missing", async () => {
    const caseNo = await issued();
    const centreSupervisor = {
      ...SUPERVISOR,
      sub: 'centre-supervisor',
      tenant: 'nanjing.jiangning.dongshan',
      body: APPROVER.body,
    };
    expect(
      (
        await t.call(
          centreSupervisor,
          'POST',
          `/v1/tenants/nanjing.jiangning.dongshan/supervision/receipts`,
          { caseNo },
        )
      ).status,
    ).toBe(404);
    expect((await t.call(SUPERVISOR, 'POST', RECEIPTS, { caseNo: 'no-such-case' })).status).toBe(404);
    const missing = await t.call(SUPERVISOR, 'POST', RECEIPTS, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('caseNo');
  });
});

describe("R20: pushed at the decision, signed for within the city's limit", () => {
  const tickAt = clockAt(() => t);
  const inboxItem = async (caseNo: string) =>
    ((await t.call(SUPERVISOR, 'GET', INBOX)).body.items as { caseNo: string; issuedAt?: string }[]).find(
      (x) => x.caseNo === caseNo,
    );

  it('pushes a decision at once, attaches the result when issued, and carries an unsigned push to a red card', async () => {
    // Decided Monday 9 March 2026: one working day to sign, to Tuesday 10 March.
    t.setNow('2026-03-09T10:00:00+08:00');
    const late = await intake(t);
    const signed = await intake(t);
    for (const c of [late, signed])
      expect((await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
    t.setNow(undefined);
    await until(
      async () =>
        (await inboxItem(late.caseNo)) !== undefined && (await inboxItem(signed.caseNo)) !== undefined,
    );
    // In the inbox before issuance: the decision, no seal yet; the approving body by the name the
    // deciding tenant has for it (the supervisor cannot read that tenant's register).
    const centre = (
      await t.call(PLATFORM, 'GET', '/v1/tenants/nanjing.jiangning.dongshan/bodies')
    ).body.items.find((b: { code: string }) => b.code === 'convenience-centre');
    expect(await inboxItem(late.caseNo)).toMatchObject({
      outcome: 'approve',
      decidedAt: '2026-03-09T02:00:00.000Z',
      approvingBodyName: centre.name,
    });
    expect((await inboxItem(late.caseNo))?.issuedAt).toBeUndefined();
    expect((await t.call(SUPERVISOR, 'POST', RECEIPTS, { caseNo: signed.caseNo })).status).toBe(200);

    const cards = async () =>
      ((await t.call(PLATFORM, 'GET', `/v1/tenants/${DISTRICT}/cards`)).body.items as { id: string }[]).map(
        (c) => c.id,
      );
    await tickAt('2026-03-10T23:00:00+08:00');
    expect(await cards()).not.toContain(`${late.caseNo}~receipt~red`);
    await tickAt('2026-03-11T00:05:00+08:00');
    expect(await cards()).toContain(`${late.caseNo}~receipt~red`);
    expect(await cards()).not.toContain(`${signed.caseNo}~receipt~red`);
    const card = (
      await t.call(
        PLATFORM,
        'GET',
        `/v1/tenants/${DISTRICT}/cards/${encodeURIComponent(`${late.caseNo}~receipt~red`)}`,
      )
    ).body;
    expect(card).toMatchObject({
      limit: 'receipt',
      colour: 'red',
      body: CIVIL,
      since: '2026-03-11',
      proof: { allowed: 1, deadline: '2026-03-10', startEvent: { type: 'decided' } },
    });

    // Issued later: the result and its seal join the pushed decision.
    expect((await act(t, CLERK, late.caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
    await until(async () => (await inboxItem(late.caseNo))?.issuedAt !== undefined);
    const attached = (await inboxItem(late.caseNo)) as unknown as {
      seal: { tenant: string; id: string };
      sealName: string;
    };
    const seals = (await t.call(PLATFORM, 'GET', `/v1/tenants/${attached.seal.tenant}/seals`)).body.items;
    expect(attached.sealName).toBe(seals.find((x: { id: string }) => x.id === attached.seal.id)?.name);
    expect(attached.sealName).toBeTruthy();
  });
});
