import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_LIMITS } from '../../packages/app/src';
import { relayClient, verificationCodeOf } from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { APPROVER, act, CLERK, intake, seedCases } from '../support/cases';
import { expectContract } from '../support/response-contract';

/**
 * Public guessing is not free (issue 11, finding 6): the public case routes are limited per
 * client and per case (429 problem+json with Retry-After), the counts are shared by every
 * instance (kept in the table), and repeated wrong query codes lock the case's lookup, the
 * right code included, until the lock ends.
 */
let t: TestApp;
/** A second instance over the same table, as another Lambda instance. */
let other: TestApp;
let caseNo: string;
let code: string;

beforeAll(async () => {
  t = await testApp();
  other = await testApp({ store: t.store });
  await seedCases(t);
  ({ caseNo, queryCode: code } = await intake(t));
});

/** A public request from `ip`, as API Gateway hands it to the Lambda (the source address is the event's, not a header's). */
async function pub(app: TestApp, ip: string, path: string, init: RequestInit = {}) {
  const res = await app.app.request(path, init, { event: { requestContext: { http: { sourceIp: ip } } } });
  const text = await res.text();
  const body = text.startsWith('{') ? JSON.parse(text) : text;
  const answer = { status: res.status, body, headers: res.headers };
  if (/json/.test(res.headers.get('content-type') ?? '')) expectContract(init.method ?? 'GET', path, answer);
  return answer;
}

/** Fixes both instances' clock inside one minute window, so a test never straddles two. */
function at(instant: string) {
  t.setNow(instant);
  other.setNow(instant);
}

function expectTooMany(res: Awaited<ReturnType<typeof pub>>, atLeast = 1, atMost = 60) {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe('/problems/too-many-requests');
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(atLeast);
  expect(retry).toBeLessThanOrEqual(atMost);
  expect(res.body.retryAfter).toBe(retry);
}

describe('public case routes: rate limits', () => {
  it('one client is limited per minute, across instances, whatever X-Forwarded-For says; others are not', async () => {
    at('2026-12-01T10:00:05Z');
    const max = PUBLIC_LIMITS.perClient.max;
    for (let i = 0; i < max; i++) {
      const app = i % 2 === 0 ? t : other;
      const res = await pub(
        app,
        '198.51.100.7',
        `/v1/public/results/nanjing.jiangning.dongshan-20261201-${9000 + i}/verify`,
        {
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        },
      );
      expect(res.status, `request ${i + 1}`).toBe(404);
    }
    const over = await pub(other, '198.51.100.7', `/v1/public/cases/${caseNo}?code=${code}`, {
      headers: { 'x-forwarded-for': '203.0.113.250' },
    });
    expectTooMany(over, 1, 55);
    expect((await pub(t, '198.51.100.8', `/v1/public/cases/${caseNo}?code=${code}`)).status).toBe(200);
    // The next minute the client is answered again.
    at('2026-12-01T10:01:05Z');
    expect((await pub(t, '198.51.100.7', `/v1/public/cases/${caseNo}?code=${code}`)).status).toBe(200);
  });

  it('an IPv6 client is one client over its /64', async () => {
    at('2026-12-01T11:00:05Z');
    for (let i = 0; i < PUBLIC_LIMITS.perClient.max; i++) {
      await pub(t, `2001:db8:1:2::${(i + 1).toString(16)}`, `/v1/public/results/v6-${i}/verify`);
    }
    expectTooMany(await pub(t, '2001:db8:1:2:ffff::1', `/v1/public/cases/${caseNo}?code=${code}`));
  });

  it('counts the visitors the console names with the relay key, each on its own; a forged relay counts as its sender', async () => {
    const key = randomBytes(32);
    const relaying = await testApp({ store: t.store, relayKey: key });
    const instant = '2026-12-01T11:30:05Z';
    relaying.setNow(instant);
    const CONSOLE = '10.0.0.5';
    const as = (visitor: string, signWith = key) => ({
      headers: { 'x-onewindow-client': relayClient(signWith, visitor, Date.parse(instant)) },
    });
    const max = PUBLIC_LIMITS.perClient.max;
    for (let i = 0; i < max; i++) {
      const res = await pub(
        relaying,
        CONSOLE,
        `/v1/public/results/nanjing.jiangning.dongshan-20261201-${7000 + i}/verify`,
        as('203.0.113.10'),
      );
      expect(res.status, `request ${i + 1}`).toBe(404);
    }
    expectTooMany(
      await pub(
        relaying,
        CONSOLE,
        `/v1/public/results/nanjing.jiangning.dongshan-20261201-7999/verify`,
        as('203.0.113.10'),
      ),
    );
    // Another applicant on the console's pages is not held up by the first.
    expect(
      (
        await pub(
          relaying,
          CONSOLE,
          `/v1/public/results/nanjing.jiangning.dongshan-20261201-7998/verify`,
          as('203.0.113.11'),
        )
      ).status,
    ).toBe(404);
    // A header signed with any other key names nobody: the sender's own address is counted.
    for (let i = 0; i < max; i++) {
      await pub(
        relaying,
        '198.51.100.99',
        `/v1/public/results/forged-${i}/verify`,
        as(`192.0.2.${i}`, randomBytes(32)),
      );
    }
    expectTooMany(await pub(relaying, '198.51.100.99', `/v1/public/results/forged-x/verify`));
  });

  it('one case is limited per minute however many clients ask', async () => {
    at('2026-12-01T12:00:05Z');
    for (let i = 0; i < PUBLIC_LIMITS.perCase.max; i++) {
      const res = await pub(i % 2 ? t : other, `192.0.2.${i + 1}`, `/v1/public/cases/${caseNo}?code=${code}`);
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    expectTooMany(await pub(t, '192.0.2.200', `/v1/public/cases/${caseNo}?code=${code}`), 1, 55);
    expectTooMany(await pub(t, '192.0.2.201', `/v1/public/results/${caseNo}/seal.svg`), 1, 55);
  });

  it('five wrong codes lock the case, the right code too, until the lock ends; other cases are not locked', async () => {
    const { caseNo: mine, queryCode: right } = await intake(t);
    const { caseNo: neighbour, queryCode: theirs } = await intake(t);
    at('2026-12-01T13:00:05Z');
    for (let i = 0; i < PUBLIC_LIMITS.wrongCodes.max; i++) {
      const res = await pub(
        i % 2 ? t : other,
        `192.0.2.${50 + i}`,
        `/v1/public/cases/${mine}?code=WRONG${i}`,
      );
      expect(res.status, `guess ${i + 1}`).toBe(404);
    }
    const locked = await pub(t, '192.0.2.99', `/v1/public/cases/${mine}?code=${right}`);
    expectTooMany(locked, 14 * 60, 15 * 60);
    expect(locked.body.detailEn).toMatch(/wrong codes/);
    // The lock holds on every instance, for rating too.
    expectTooMany(
      await pub(other, '192.0.2.98', `/v1/public/cases/${mine}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: right, level: 5 }),
      }),
      14 * 60,
      15 * 60,
    );
    expect((await pub(t, '192.0.2.97', `/v1/public/cases/${neighbour}?code=${theirs}`)).status).toBe(200);
    at('2026-12-01T13:10:05Z');
    expectTooMany(await pub(other, '192.0.2.96', `/v1/public/cases/${mine}?code=${right}`), 4 * 60, 5 * 60);
    at('2026-12-01T13:15:06Z');
    expect((await pub(other, '192.0.2.95', `/v1/public/cases/${mine}?code=${right}`)).status).toBe(200);
  });

  it('four wrong codes and then the right one are answered', async () => {
    const { caseNo: mine, queryCode: right } = await intake(t);
    at('2026-12-01T14:00:05Z');
    for (let i = 0; i < PUBLIC_LIMITS.wrongCodes.max - 1; i++) {
      expect((await pub(t, '192.0.2.60', `/v1/public/cases/${mine}?code=BAD${i}`)).status).toBe(404);
    }
    expect((await pub(t, '192.0.2.60', `/v1/public/cases/${mine}?code=${right}`)).status).toBe(200);
  });
});

describe('result verification', () => {
  let issuedNo: string;
  let verifyCode: string;
  beforeAll(async () => {
    const { caseNo: no } = await intake(t);
    await act(t, APPROVER, no, 'decide', { outcome: 'approve' });
    const issued = await act(t, CLERK, no, 'issue', { delivery: 'window' });
    expect(issued.status).toBe(200);
    issuedNo = no;
    verifyCode = verificationCodeOf(issued.body.result.signature);
  });

  it('without the code says only whether a genuine result has this number', async () => {
    at('2026-12-01T15:00:05Z');
    const res = await pub(t, '192.0.2.70', `/v1/public/results/${issuedNo}/verify`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      caseNo: issuedNo,
      disclosure: 'summary',
      valid: true,
      signature: { algorithm: 'SM2-with-SM3', status: 'valid' },
    });
  });

  it('with the code printed on the result (any case, with its dash) shows what the result says', async () => {
    at('2026-12-01T15:01:05Z');
    const typed = `${verifyCode.slice(0, 4)}-${verifyCode.slice(4)}`.toLowerCase();
    const res = await pub(t, '192.0.2.71', `/v1/public/results/${issuedNo}/verify?code=${typed}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      disclosure: 'full',
      valid: true,
      matterName: expect.any(String),
      outcome: 'approve',
      seal: { validAtIssue: true },
    });
  });

  it('a wrong code answers 404 and counts toward the lock', async () => {
    at('2026-12-01T15:02:05Z');
    for (let i = 0; i < PUBLIC_LIMITS.wrongCodes.max; i++) {
      const res = await pub(t, `192.0.2.${80 + i}`, `/v1/public/results/${issuedNo}/verify?code=ZZZZ${i}ZZZ`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('matterName');
    }
    expectTooMany(
      await pub(t, '192.0.2.90', `/v1/public/results/${issuedNo}/verify?code=${verifyCode}`),
      14 * 60,
      15 * 60,
    );
  });

  it('the printed result carries the code, and its QR code the verification with it', async () => {
    const page = await t.call(
      CLERK,
      'GET',
      `/v1/tenants/nanjing.jiangning.dongshan/cases/${issuedNo}/result.html`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${verifyCode.slice(0, 4)}-${verifyCode.slice(4)}`);
    expect(page.body).toContain(`/verify?code=${verifyCode}`);
  });
});
