import type { CaseOutcome, CaseRow, CaseService, StoredCase } from '@onewindow/app';
import {
  type AccessRecord,
  type CaseState,
  type CaseStatus,
  type MaterialFile,
  maskContact,
  publicAccessOf,
  RATABLE_STATUSES,
  type StoredCaseEvent,
} from '@onewindow/domain';

export const STATUS_NAMES: Record<CaseStatus, { zh: string; en: string }> = {
  received: { zh: '已收件，待受理', en: 'received, acceptance pending' },
  'needs-correction': { zh: '待补正', en: 'awaiting correction' },
  accepted: { zh: '已受理，审查中', en: 'accepted, under review' },
  'accepted-with-deficiency': { zh: '容缺受理，审查中', en: 'accepted with a deficiency, under review' },
  approved: { zh: '准予许可，待出件', en: 'approved, awaiting issuance' },
  denied: { zh: '不予许可，待出件', en: 'denied, awaiting issuance' },
  issued: { zh: '已出件', en: 'issued' },
  rejected: { zh: '不予受理', en: 'rejected at intake' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  terminated: { zh: '已终止', en: 'terminated' },
};

const clockFields = (c: CaseRow) => ({
  clock: c.clock,
  ...(c.dueDate ? { dueDate: c.dueDate } : {}),
  ...(c.statutoryDueDate ? { statutoryDueDate: c.statutoryDueDate } : {}),
  ...(c.acceptBy ? { acceptBy: c.acceptBy } : {}),
  ...(c.issueBy ? { issueBy: c.issueBy } : {}),
  paused: c.paused,
  provisional: c.provisional,
});

/** A row of a list or queue: identity and phone numbers masked (privacy.ts), no materials or events. */
export function caseSummary(c: CaseRow, daysLeft?: ReadonlyMap<string, number>) {
  const s = c.state;
  const left = daysLeft?.get(s.caseNo);
  return {
    caseNo: s.caseNo,
    tenant: s.tenant,
    matter: s.matter,
    matterName: s.matterName,
    ...(s.item ? { item: s.item } : {}),
    applicant: maskContact(s.applicant),
    status: s.status,
    statusName: STATUS_NAMES[s.status],
    ...(s.body ? { body: s.body } : {}),
    ...(s.binding ? { seal: s.binding.seal, supervisingBody: s.binding.supervisingBody } : {}),
    receivedAt: s.receivedAt,
    ...(s.acceptedAt ? { acceptedAt: s.acceptedAt } : {}),
    ...(s.deficiency ? { deficiency: s.deficiency } : {}),
    ...(s.greenChannel ? { greenChannel: s.greenChannel } : {}),
    ...(s.level ? { level: s.level } : {}),
    ...clockFields(c),
    ...(left !== undefined ? { workingDaysLeft: left } : {}),
    version: s.version,
  };
}

const eventView = (e: StoredCaseEvent) => {
  const { prevHash: _prev, ...rest } = e;
  // The applicant's full number stays in the case record; the timeline does not repeat it.
  if (rest.type === 'received')
    return {
      ...rest,
      applicant: maskContact(rest.applicant),
      ...(rest.agent ? { agent: maskContact(rest.agent) } : {}),
    };
  return rest;
};

/** A page of list rows with each open case's working days left, as the list and the search answer it. */
export async function summaryPage(
  cases: CaseService,
  tenant: string,
  page: { readonly items: readonly CaseRow[]; readonly cursor?: string },
  now: string,
) {
  const left = await cases.daysLeft(tenant, page.items, now);
  return {
    status: 200 as const,
    body: {
      items: page.items.map((row) => caseSummary(row, left)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
}

/** Each material's files with their records' scan verdict and verification, when the read has them (issue 16). */
const materialsView = (s: CaseState, records: readonly MaterialFile[] = []) =>
  records.length === 0
    ? s.materials
    : s.materials.map((m) =>
        m.files
          ? {
              ...m,
              files: m.files.map((f) => {
                const r = records.find((x) => x.code === f.code && x.id === f.id);
                return r ? { ...f, scan: r.scan, ...(r.verified ? { verified: r.verified } : {}) } : f;
              }),
            }
          : m,
      );

/** The case as API.md reads it, for staff: everything, with its timeline; the applicant masked as in lists (the reveal route has it in full). */
export function caseView({ stored: c, events, allowedActions, files }: CaseOutcome) {
  const s: CaseState = c.state;
  return {
    ...caseSummary(c),
    allowedActions,
    competent: s.competent,
    ...(s.agent ? { agent: maskContact(s.agent) } : {}),
    ...(s.delivery ? { delivery: s.delivery } : {}),
    ...(s.window ? { window: s.window } : {}),
    ...(s.binding ? { binding: s.binding } : {}),
    ...(s.deemedAccepted ? { deemedAccepted: true } : {}),
    materials: materialsView(s, files),
    ...(s.paperOriginals === false ? { paperOriginals: false } : {}),
    limits: s.limits,
    ...(s.levels ? { levels: s.levels } : {}),
    ...(s.opinions?.length ? { opinions: s.opinions } : {}),
    notices: s.notices,
    steps: s.steps,
    ...(s.extension ? { extension: s.extension } : {}),
    ...(s.decision ? { decision: s.decision } : {}),
    fees: s.fees,
    ...(s.payment ? { payment: s.payment } : {}),
    ...(s.result ? { result: s.result } : {}),
    ...(s.documents ? { documents: s.documents } : {}),
    findings: s.findings,
    ...(s.guidance?.length ? { guidance: s.guidance } : {}),
    ...(s.rating ? { rating: s.rating } : {}),
    ...(s.rectification ? { rectification: s.rectification } : {}),
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    ...(s.closing ? { closing: s.closing } : {}),
    events: events.map(eventView),
  };
}

/**
 * What the public progress page shows: no identity number, no staff names; with the case's
 * access log when read (which body, role and purpose saw the applicant's data, and when).
 */
export function progressView(c: StoredCase, accessLog?: readonly AccessRecord[]) {
  const s = c.state;
  return {
    caseNo: s.caseNo,
    matterName: s.matterName,
    status: s.status,
    statusName: STATUS_NAMES[s.status],
    receivedAt: s.receivedAt,
    ...(s.acceptedAt ? { acceptedAt: s.acceptedAt } : {}),
    ...(c.dueDate && !s.closedAt ? { dueDate: c.dueDate } : {}),
    notices: s.notices.map((n) => ({ kind: n.kind, at: n.at, zh: n.zh, en: n.en })),
    steps: s.steps.map((st) => ({
      kind: st.kind,
      startedAt: st.startedAt,
      ...(st.finishedAt ? { finishedAt: st.finishedAt } : {}),
    })),
    ...(s.decision ? { outcome: s.decision.outcome, decidedAt: s.decision.at } : {}),
    ...(s.result ? { issuedAt: s.result.issuedAt, verify: `/v1/public/results/${s.caseNo}/verify` } : {}),
    ...(s.closing ? { closing: s.closing } : {}),
    ...(s.rating ? { rating: { level: s.rating.level, at: s.rating.at } } : {}),
    canRate: RATABLE_STATUSES.includes(s.status) && !s.rating,
    // 网上申报 (issue 16): the applicant sees what is still missing while the case is undecided.
    ...(s.decision || s.closedAt
      ? {}
      : { materials: s.materials.map((m) => ({ code: m.code, name: m.name, provided: m.provided })) }),
    ...(accessLog ? { accessLog: accessLog.map(publicAccessOf) } : {}),
  };
}
