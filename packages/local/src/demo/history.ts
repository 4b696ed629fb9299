import type { AppEnv } from '@onewindow/api';
import { fromBodyOf, residentIdCheck } from '@onewindow/domain';
import type { Hono } from 'hono';
import type { DevClaims } from '../issuer';
import { jiangningMatters, jiangningPlan } from './catalogue';

export interface HistoryDemoDeps {
  readonly appAt: (now?: Date) => Hono<AppEnv>;
  readonly issue: (claims: DevClaims) => Promise<string>;
  readonly now: Date;
}

const DAY = 24 * 3600_000;
/**
 * Left out of the history for the e2e journeys: the matter the case journey gives a local fee
 * (the API keeps a matter's definition for a minute once a case used it), and civil affairs'
 * matters, whose supervisor's inbox the supervision journey reads for its own case.
 */
const E2E_MATTER = '困难残疾人生活补贴和重度残疾人护理补贴给付';
const E2E_SUPERVISOR = 'nanjing.jiangning/civil-affairs';
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛'];

const person = (n: number) => {
  const first = `3201151960${String(1 + (n % 12)).padStart(2, '0')}${String(10 + (n % 18)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  const name = `${SURNAMES.charAt(n % SURNAMES.length)}${GIVEN[n % GIVEN.length]}`;
  return { kind: 'person' as const, name, idNumber: first + residentIdCheck(first) };
};

/** 10:00 in Shanghai on `day` of the month `back` months before `now`'s, moved off a weekend. */
function dayIn(now: Date, back: number, day: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, day, 2));
  const weekday = d.getUTCDay();
  if (weekday === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (weekday === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * A year of window history for the Jiangning first batch (issue 12, the impact preview):
 * in every sub-district, an application in most months of the moving matters, each taken
 * at a window clerk's desk through the real API with the clock set back, decided by the
 * centre's approver and issued, so the month counters the impact preview reads are the
 * ones real handling wrote. The last of each tenant's cases stays open: a pending case that
 * stays with the body that accepted it (R2).
 */
export async function seedCaseHistory(deps: HistoryDemoDeps): Promise<number> {
  const tokens = new Map<string, string>();
  const call = async (as: DevClaims, at: Date, method: string, path: string, body?: unknown) => {
    let token = tokens.get(as.sub + as.tenant);
    if (!token) {
      token = await deps.issue(as);
      tokens.set(as.sub + as.tenant, token);
    }
    const res = await deps.appAt(at).request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok)
      throw new Error(`demo history: ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  // Matters an approver decides without a site visit or a fee: intake, decision, issuance.
  const moving = new Set(jiangningPlan.matters);
  const matters = jiangningMatters.filter(
    (m) =>
      moving.has(m.code) &&
      !m.onTheSpot &&
      m.fees.length === 0 &&
      (m.specialSteps ?? []).length === 0 &&
      m.name !== E2E_MATTER &&
      fromBodyOf(jiangningPlan, m.code) !== E2E_SUPERVISOR,
  );
  const [firstMatter] = matters;
  if (!firstMatter) return 0;
  const admin: DevClaims = { sub: 'demo-history', roles: ['platform-admin'] };

  const jobs: (() => Promise<void>)[] = [];
  let count = 0;
  let n = 0;
  for (const [ti, tenant] of jiangningPlan.tenants.entries()) {
    const { items: staff } = (await call(admin, deps.now, 'GET', `/v1/tenants/${tenant}/staff`)) as {
      items: { id: string; roles: string[]; body?: string }[];
    };
    const clerks = staff.filter((s) => s.roles.includes('window-clerk')).map((s) => s.id);
    const centre = `${tenant}/${jiangningPlan.to}`;
    const approver = staff.find((s) => s.roles.includes('approver') && s.body === centre);
    const [firstClerk] = clerks;
    if (!firstClerk || !approver) continue;
    const cases: { at: Date; matter: (typeof matters)[number]; clerk: string; seed: number }[] = [];
    for (let back = 12; back >= 1; back--) {
      // One application in three months out of four: a small sub-district's window, and a demo start kept short.
      const perMonth = (ti + back) % 4 === 0 ? 0 : 1;
      for (let k = 0; k < perMonth; k++) {
        n += 1;
        cases.push({
          at: dayIn(deps.now, back, 3 + ((k * 9 + ti * 2 + back) % 20)),
          matter: matters[(n * 5 + ti) % matters.length] ?? firstMatter,
          clerk: clerks[n % clerks.length] ?? firstClerk,
          seed: n,
        });
      }
    }
    const last = cases.length - 1;
    for (const [i, c] of cases.entries()) {
      jobs.push(async () => {
        const clerk: DevClaims = { sub: c.clerk, roles: ['window-clerk'], tenant };
        const taken = (await call(clerk, c.at, 'POST', `/v1/tenants/${tenant}/cases`, {
          matter: c.matter.code,
          window: `A0${1 + (c.seed % 3)}`,
          applicant: person(c.seed),
          materials: c.matter.materials.map((m) => ({ code: m.code, provided: true })),
        })) as { caseNo: string };
        count += 1;
        const decideAt = new Date(c.at.getTime() + 2 * DAY);
        const issueAt = new Date(c.at.getTime() + 3 * DAY);
        if (i === last || issueAt >= deps.now) return;
        const base = `/v1/tenants/${tenant}/cases/${taken.caseNo}`;
        const decider: DevClaims = { sub: approver.id, roles: ['approver'], tenant, body: centre };
        await call(decider, decideAt, 'POST', `${base}/decide`, { outcome: 'approve' });
        await call(clerk, issueAt, 'POST', `${base}/issue`, { delivery: 'window' });
      });
    }
  }
  // Eight at a time: DynamoDB Local takes concurrent transactions, and one by one slows every start.
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]?.();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return count;
}
