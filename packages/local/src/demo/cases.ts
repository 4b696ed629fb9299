import type { AppEnv } from '@onewindow/api';
import { creditCodeCheck, residentIdCheck } from '@onewindow/domain';
import type { Hono } from 'hono';
import type { DevClaims } from '../issuer';
import { seedCaseHistory } from './history';

const T = 'nanjing.jiangning.dongshan';
/** The city whose catalogue and rollouts the demo cases need, and nothing else. */
export const CASE_DEMO_CITY = 'nanjing';
const CASES = `/v1/tenants/${T}/cases`;
const CLERK: DevClaims = { sub: 'dongshan-clerk', roles: ['window-clerk'], tenant: T };
const APPROVER: DevClaims = {
  sub: 'dongshan-approver',
  roles: ['approver'],
  tenant: T,
  body: `${T}/convenience-centre`,
};
/** 张丽's B (AB角), who covers her window while she is away. */
const CLERK_B: DevClaims = { sub: 'dongshan-clerk-b', roles: ['window-clerk'], tenant: T };
const ADMIN: DevClaims = { sub: 'dongshan-admin', roles: ['tenant-admin'], tenant: T };
const CENTRE = `${T}/convenience-centre`;
const REVIEWER: DevClaims = { sub: 'dongshan-reviewer', roles: ['approver'], tenant: T, body: CENTRE };
/** 农村村民宅基地审批: three levels here, the sign-off the centre head's (R16). */
const HOMESTEAD = '000104001000';
/** The convenience centre's head (负责人), who grants its chief representative's authorisation. */
const HEAD: DevClaims = {
  sub: 'dongshan-head',
  roles: ['approver'],
  tenant: T,
  body: `${T}/convenience-centre`,
};

export interface CaseDemoDeps {
  readonly appAt: (now?: Date) => Hono<AppEnv>;
  readonly issue: (claims: DevClaims) => Promise<string>;
  readonly now?: Date;
}

const DAY = 24 * 3600_000;
const person = (seed: number, name: string) => {
  const first = `3201151985${String(1 + (seed % 12)).padStart(2, '0')}${String(10 + seed).padStart(2, '0')}${String(100 + seed).slice(-3)}`;
  return { kind: 'person' as const, name, idNumber: first + residentIdCheck(first) };
};
const org = (name: string) => {
  const first = '91320115MA1XK8P2Q';
  return { kind: 'org' as const, name, idNumber: first + creditCodeCheck(first) };
};

/**
 * Dongshan's window on a working week: cases in every state the console shows, made
 * through the real API with the clock set back, so their history, due dates and
 * colours are the ones the rules give. Skipped when Dongshan already has cases.
 */
export async function seedCaseDemo(deps: CaseDemoDeps): Promise<number> {
  const now = deps.now ?? new Date();
  const tokens = new Map<string, string>();
  const call = async (as: DevClaims, at: Date, method: string, path: string, body?: unknown) => {
    let token = tokens.get(as.sub);
    if (!token) {
      token = await deps.issue(as);
      tokens.set(as.sub, token);
    }
    const res = await deps.appAt(at).request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok)
      throw new Error(`demo cases: ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const existing = await call(CLERK, now, 'GET', `${CASES}?limit=1`);
  if (Array.isArray(existing.items) && existing.items.length > 0) return 0;

  const ago = (days: number, hour = 10) => {
    const d = new Date(now.getTime() - days * DAY);
    d.setUTCHours(hour - 8, 0, 0, 0);
    return d;
  };
  let count = 0;
  /** Every material of the matter as the service guide lists it, all provided but `missing`. */
  const materialsOf = async (matter: string, missing: readonly string[] = []) => {
    const guide = (await call(CLERK, now, 'GET', `/v1/public/${T}/guide/${matter}`)) as {
      materials: { code: string }[];
    };
    return guide.materials.map((m) => ({ code: m.code, provided: !missing.includes(m.code) }));
  };
  const take = async (at: Date, body: { matter: string; missing?: string[]; [k: string]: unknown }) => {
    count += 1;
    const { missing, ...rest } = body;
    const materials = await materialsOf(body.matter, missing);
    // The centre's three comprehensive windows (综合窗口) in turn: the monthly assessment counts per window.
    const window = `A0${1 + (count % 3)}`;
    return (await call(CLERK, at, 'POST', CASES, { ...rest, window, materials })) as {
      caseNo: string;
      queryCode: string;
    };
  };
  const act = (as: DevClaims, at: Date, caseNo: string, action: string, body: object = {}) =>
    call(as, at, 'POST', `${CASES}/${caseNo}/${action}`, body);

  // 审管联动 (R20): Jiangning civil affairs names its liaison for the centre's decisions before any is
  // pushed, so each push in the demo names who signs for it.
  const CIVIL_SUPERVISOR: DevClaims = {
    sub: 'jiangning-civil-supervisor',
    roles: ['supervisor'],
    tenant: 'nanjing.jiangning',
    body: 'nanjing.jiangning/civil-affairs',
  };
  await call(CIVIL_SUPERVISOR, now, 'PUT', '/v1/tenants/nanjing.jiangning/supervision/liaisons', {
    supervisingBody: 'nanjing.jiangning/civil-affairs',
    department: `${T}/convenience-centre`,
    staff: 'jiangning-civil-supervisor',
  });
  // Dongshan handles homesteads in three levels (承办 → 审核 → 签发 by the head), set before any is taken.
  await call(ADMIN, now, 'PUT', `/v1/tenants/${T}/matters/${HOMESTEAD}/settings`, {
    approvalLevels: [{ kind: 'undertake' }, { kind: 'review' }, { kind: 'sign', head: true }],
  });
  const opinion = (as: DevClaims, at: Date, caseNo: string, text: string, outcome = 'pass') =>
    act(as, at, caseNo, 'opinion', { opinion: text, outcome });
  // Each story is its own case (the chief representative's needs its authorisation first), so
  // they run side by side with the year of history: one after another they kept the start waiting.
  const stories: Promise<unknown>[] = [
    // Missing a core item: the one-time notice is waiting for the applicant.
    take(ago(1), {
      matter: '040101001000',
      applicant: person(1, '赵敏'),
      missing: ['m02'],
    }),
    // Accepted on a commitment to bring the non-core items within ten days.
    take(ago(2), {
      matter: '200102004000',
      applicant: person(2, '钱进'),
      missing: ['m04', 'm05'],
      commitment: {
        materials: ['m04', 'm05'],
        supplementBy: new Date(now.getTime() + 10 * DAY).toISOString().slice(0, 10),
      },
    }),
    // Fresh, due soon, overdue: the approver's queue in three colours.
    take(ago(0), { matter: '000103001000', applicant: org('东山街道某某宾馆') }),
    // AB角: 张丽 is away (seed.ts); 刘芳, her B, takes an application at her window, on her behalf.
    materialsOf('000103001000').then((materials) => {
      count += 1;
      return call(CLERK_B, ago(0, 9), 'POST', CASES, {
        matter: '000103001000',
        applicant: person(12, '孙悦'),
        window: 'A01',
        materials,
      });
    }),
    take(ago(6), { matter: '200101002000', applicant: person(3, '孙丽') }),
    take(ago(21), { matter: '060102001000', applicant: person(4, '李强') }),
    // A homestead application out on a site inspection: its clock is stopped.
    (async () => {
      const homestead = await take(ago(7), { matter: HOMESTEAD, applicant: person(5, '周建国') });
      await act(APPROVER, ago(5), homestead.caseNo, 'start-step', { kind: 'site-inspection' });
    })(),
    // Three levels: 承办 and 审核 signed, waiting for the head's 签发 in his queue.
    (async () => {
      const c = await take(ago(6), { matter: HOMESTEAD, applicant: person(10, '褚桂兰') });
      await opinion(APPROVER, ago(5), c.caseNo, '材料齐全，申请人符合一户一宅条件，拟同意');
      await opinion(REVIEWER, ago(4), c.caseNo, '经审核，用地符合村庄规划，同意');
    })(),
    // Sent back by the head for a site check, reviewed again, then approved at the sign-off.
    (async () => {
      const c = await take(ago(12), { matter: HOMESTEAD, applicant: person(11, '卫建华') });
      await opinion(APPROVER, ago(11), c.caseNo, '材料齐全，拟同意');
      await opinion(REVIEWER, ago(10), c.caseNo, '审核同意');
      await opinion(HEAD, ago(9), c.caseNo, '四至界址不清，请复核现场后再报', 'return');
      await opinion(REVIEWER, ago(8), c.caseNo, '已复核现场，四至清楚，同意');
      await act(HEAD, ago(7), c.caseNo, 'decide', { outcome: 'approve', opinion: '同意，准予使用宅基地' });
    })(),
    // Approved, waiting at the issuance window.
    (async () => {
      const approved = await take(ago(4), { matter: '060103001000', applicant: person(6, '吴芳') });
      await act(APPROVER, ago(1), approved.caseNo, 'decide', { outcome: 'approve' });
    })(),
    // Issued last week and rated poorly by both applicants (R18): one 差评 the centre answered and
    // must now call back; one it appealed as mistaken, which waits for the city's decision.
    ...(
      [
        [7, '040101003000', '郑和'],
        [8, '090104001000', '王伟'],
      ] as const
    ).map(async ([i, matter, name]) => {
      const c = await take(ago(9), { matter, applicant: person(i, name) });
      await act(APPROVER, ago(8), c.caseNo, 'decide', { outcome: 'approve' });
      await act(CLERK, ago(7), c.caseNo, 'issue', { delivery: 'window' });
      await call(CLERK, ago(6), 'POST', `/v1/public/cases/${c.caseNo}/rating`, {
        code: c.queryCode,
        level: i === 8 ? 2 : 1,
        comment: i === 8 ? '排队时间较长' : '窗口人员态度生硬',
        reasons: [i === 8 ? 'efficiency' : 'attitude'],
        objects: ['window'],
        channel: 'window-device',
      });
      const ledger = `/v1/tenants/${T}/rectifications/${c.caseNo}`;
      if (i === 8)
        await call(ADMIN, ago(5), 'POST', `${ledger}/close`, {
          response: '已在高峰时段增开综合窗口，并致电申请人致歉',
        });
      else
        await call(ADMIN, ago(5), 'POST', `${ledger}/appeal`, {
          ground: 'mistaken',
          statement: '经查监控，评价所述接待人员为相邻不动产窗口人员，非本中心工作人员',
        });
    }),
    // The chief representative decides the elderly-card matter on the spot, under the written
    // authorisation (授权书) the centre's head granted a month ago for a year (R16, seed 004).
    (async () => {
      const from = ago(30);
      await call(HEAD, from, 'POST', `/v1/tenants/${T}/window-authorisations`, {
        staff: CLERK.sub,
        body: `${T}/convenience-centre`,
        matters: ['200101001000'],
        from: from.toISOString(),
        until: new Date(from.getTime() + 365 * DAY).toISOString(),
        docNo: `东便授〔${from.getUTCFullYear()}〕1号`,
      });
      const card = await take(ago(3), { matter: '200101001000', applicant: person(9, '冯秀英') });
      await act(CLERK, ago(3), card.caseNo, 'decide', { outcome: 'approve' });
      await act(CLERK, ago(3), card.caseNo, 'issue', { delivery: 'window' });
    })(),
    // A year of Jiangning window history: what the rollout impact preview replays.
    seedCaseHistory({ appAt: deps.appAt, issue: deps.issue, now }).then((n) => {
      count += n;
    }),
  ];
  // Every story runs to its end before a failure is told: none is left half done behind the error.
  const failed = (await Promise.allSettled(stories)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return count;
}
