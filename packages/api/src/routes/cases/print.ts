import type { DocumentFacts } from '@onewindow/app';
import {
  DecisionDocument,
  decisionTitle,
  type Lang,
  type OfficialParts,
  printablePage,
  progressUrlOf,
  type ReceiptCase,
  ReceiptDocument,
  type ReceiptKind,
  ResultDocument,
  receiptTitle,
  resultTitle,
} from '@onewindow/documents';
import {
  type CaseState,
  type DocumentKind,
  DomainError,
  type SealedResult,
  verificationCodeOf,
} from '@onewindow/domain';
import { tenantStaff } from '../../access-groups';
import { defineRoute, type RouteSpec } from '../../route';

/** The business seal's id in its drawing: the centre's 业务专用章, not a seal of the catalogue. */
const BUSINESS_SEAL = 'business-seal';

/** The parts an official document prints beside its text, from the case and what the files Lambda read. */
export function officialParts(
  state: Pick<CaseState, 'documents'>,
  kind: DocumentKind,
  facts: DocumentFacts,
  refusal: boolean,
): OfficialParts {
  const docNo = state.documents?.[kind];
  return {
    ...(docNo ? { docNo } : {}),
    ...(facts.legalBasis ? { legalBasis: facts.legalBasis } : {}),
    ...(refusal ? { respondent: facts.respondent } : {}),
    ...(facts.handler ? { handler: facts.handler } : {}),
    hall: facts.hall,
    seal: { bodyName: facts.bodyName, sealId: BUSINESS_SEAL },
  };
}

/**
 * An intake paper (art. 32): the one-time notice (R8, every missing item in one notice), the
 * notice of acceptance, or the decision not to accept. Printed whatever the case's state now:
 * it is the paper that was given.
 */
export function intakePage(
  s: ReceiptCase,
  issuer: string,
  kind: Exclude<ReceiptKind, 'received'>,
  lang: Lang = 'zh',
  official?: OfficialParts,
  progressUrl?: string,
) {
  return printablePage({
    lang,
    title: receiptTitle(lang, kind),
    document: ReceiptDocument({
      case: s,
      lang,
      issuer,
      kind,
      ...(official ? { official } : {}),
      ...(progressUrl ? { progressUrl } : {}),
    }),
  });
}

/** 一次性告知书 (art. 32 (1) 4, R8). */
export const noticePage = (
  s: ReceiptCase,
  bodyName: string,
  lang: Lang = 'zh',
  official?: OfficialParts,
  progressUrl?: string,
) => intakePage(s, bodyName, 'notice', lang, official, progressUrl);

/** The issued result: decision, seal imprint (drawn into the page), signature, and a QR code to its verification. */
export function resultPage(
  s: { readonly result?: SealedResult; readonly decision?: { readonly amount?: number } },
  input: {
    bodyName: string;
    sealName: string;
    verifyUrl: string;
    facts?: DocumentFacts;
    official?: OfficialParts;
  },
  lang: Lang = 'zh',
) {
  const r = s.result;
  if (!r) throw new Error('no result');
  const matterType = input.facts?.matterType;
  const amount = s.decision?.amount;
  return printablePage({
    lang,
    title: resultTitle(lang, r, matterType),
    document: ResultDocument({
      result: r,
      lang,
      bodyName: input.bodyName,
      sealName: input.sealName,
      verifyUrl: input.verifyUrl,
      imprint: { draw: { bodyName: input.bodyName, sealName: input.sealName } },
      ...(matterType ? { matterType } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(input.official ? { official: input.official } : {}),
      ...(input.facts?.signers ? { signers: input.facts.signers } : {}),
    }),
  });
}

/** The written decision, before or after issuance, worded by the matter's kind of power. */
export function decisionPage(state: CaseState, facts: DocumentFacts, lang: Lang = 'zh') {
  const d = state.decision;
  if (!d) throw new Error('no decision');
  const decision = {
    applicantName: state.applicant.name,
    matterName: state.matterName,
    ...(state.item ? { item: state.item } : {}),
    outcome: d.outcome,
    ...(facts.matterType ? { matterType: facts.matterType } : {}),
    ...(d.amount !== undefined ? { amount: d.amount } : {}),
    ...(d.reasons ? { reasons: d.reasons } : {}),
    at: d.at,
  };
  return printablePage({
    lang,
    title: decisionTitle(lang, decision),
    document: DecisionDocument({
      caseNo: state.caseNo,
      decision,
      lang,
      bodyName: facts.bodyName,
      official: officialParts(state, 'decision', facts, d.outcome === 'deny'),
    }),
  });
}

const CASE = '/v1/tenants/:tenant/cases/:caseNo';
const access = { scope: 'tenant', roles: tenantStaff, bodyReach: true } as const;
const missing = (zh: string, en: string) => new DomainError('not-found', zh, en);

/** The intake papers: which the case must have had, and under which document kind its number is kept. */
const INTAKE_PAPERS = [
  {
    file: 'notice',
    kind: 'notice',
    doc: 'notice',
    summary: '一次性告知书（打印）',
    summaryEn: 'The one-time notice as a printable page',
    given: (s: CaseState) => s.notices.some((n) => n.kind === 'one-time-notice'),
    none: () => missing('该办件没有一次性告知', 'the case has no one-time notice'),
  },
  {
    file: 'acceptance',
    kind: 'receipt',
    doc: 'acceptance',
    summary: '受理通知书（打印，含文号、法律依据与签收栏）',
    summaryEn:
      'The notice of acceptance as a printable page, with its number, legal basis and acknowledgement line',
    given: (s: CaseState) => s.acceptedAt !== undefined,
    none: () => missing('该办件尚未受理', 'the case has not been accepted'),
  },
  {
    file: 'rejection',
    kind: 'rejection',
    doc: 'rejection',
    summary: '不予受理决定书（打印，含救济途径）',
    summaryEn: 'The decision not to accept as a printable page, with the remedies',
    given: (s: CaseState) => s.status === 'rejected',
    none: () => missing('该办件未作不予受理决定', 'the case was not rejected at intake'),
  },
] as const;

/**
 * The printable documents of a case (文书). The files Lambda serves them: the page layout, the
 * imprint drawing and the QR code are more than the cases bundle has room for, and printing only
 * reads. Each carries the number claimed when it was issued, so a re-print shows the same one.
 */
export const printRoutes: readonly RouteSpec[] = [
  ...INTAKE_PAPERS.map((paper) =>
    defineRoute({
      method: 'get',
      path: `${CASE}/${paper.file}.html`,
      tag: 'cases',
      summary: paper.summary,
      summaryEn: paper.summaryEn,
      access,
      success: 200,
      produces: 'text/html',
      handler: async ({ c, services, params, principal }) => {
        const stored = await services.cases.load(principal, params.tenant, params.caseNo);
        if (!paper.given(stored.state)) throw paper.none();
        const facts = await services.documents.facts(stored.state, paper.doc);
        const official = officialParts(stored.state, paper.doc, facts, paper.doc === 'rejection');
        const progress = progressUrlOf(new URL(c.req.url).origin, stored.state.caseNo);
        return c.html(intakePage(stored.state, facts.bodyName, paper.kind, 'zh', official, progress));
      },
    }),
  ),
  defineRoute({
    method: 'get',
    path: `${CASE}/decision.html`,
    tag: 'cases',
    summary: '决定书（打印，按事项类型措辞，不予决定含救济途径）',
    summaryEn: "The decision as a printable page, worded by the matter's type; a refusal states the remedies",
    access,
    success: 200,
    produces: 'text/html',
    handler: async ({ c, services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      if (!stored.state.decision) throw missing('该办件尚未作出决定', 'the case has not been decided');
      const facts = await services.documents.facts(stored.state, 'decision');
      return c.html(decisionPage(stored.state, facts));
    },
  }),
  defineRoute({
    method: 'get',
    path: `${CASE}/result.html`,
    tag: 'cases',
    summary: '办理结果文书（打印，含印章与验证二维码）',
    summaryEn: 'The result as a printable page with the seal imprint and a QR code to its verification',
    access,
    success: 200,
    produces: 'text/html',
    handler: async ({ c, services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      const r = stored.state.result;
      if (!r) throw missing('该办件尚未出件', 'no result has been issued for this case');
      const [names, facts] = await Promise.all([
        services.cases.printedNames(stored.state),
        services.documents.facts(stored.state, 'result'),
      ]);
      const origin = new URL(c.req.url).origin;
      const { seal: _drawnAbove, ...official } = officialParts(
        stored.state,
        'result',
        facts,
        r.outcome === 'deny',
      );
      return c.html(
        resultPage(stored.state, {
          bodyName: names.bodyName ?? r.seal.body,
          sealName: names.sealName ?? r.seal.id,
          verifyUrl: `${origin}/v1/public/results/${r.caseNo}/verify?code=${verificationCodeOf(r.signature)}`,
          facts,
          official,
        }),
      );
    },
  }),
];
