import type { Seal } from '../seals';
import type { CaseResult, CaseState } from './types';

/**
 * The result to sign (R3, R10): the decision, the approving body bound at acceptance and
 * the seal R3 resolved at issuance. It holds the applicant's name but not their number,
 * because anyone holding the case number can verify it.
 */
export function resultOf(
  state: CaseState,
  seal: Seal,
  issuedAt: string,
  keyId: string,
  approvingBodyUscc?: string,
): CaseResult {
  if (!state.decision || !state.binding) throw new Error('a result needs a decision and a binding');
  return {
    caseNo: state.caseNo,
    tenant: state.tenant,
    matter: state.matter,
    matterName: state.matterName,
    ...(state.item ? { item: state.item } : {}),
    applicantName: state.applicant.name,
    outcome: state.decision.outcome,
    ...(state.decision.reasons ? { reasons: state.decision.reasons } : {}),
    ...(state.decision.appealRights ? { appealRights: state.decision.appealRights } : {}),
    decidedAt: state.decision.at,
    issuedAt,
    approvingBody: state.binding.body,
    ...(approvingBodyUscc ? { approvingBodyUscc } : {}),
    seal: { id: seal.id, body: seal.body, tenant: seal.tenant },
    keyId,
    ...(state.decision.opinions?.length ? { approvals: state.decision.opinions } : {}),
  };
}

/**
 * R4 and R5 for a case: reconsideration, litigation and complaints about the approval go
 * to the body that approved it (the one bound at acceptance: before a concentration the
 * original department, after it the centre); complaints about supervision go to the
 * supervising department; the file stays with the approving body.
 */
export function responsibilityOf(state: CaseState) {
  const approving = state.binding?.body ?? state.body;
  return {
    approvingBody: approving ?? null,
    reconsiderationRespondent: approving ?? null,
    litigationDefendant: approving ?? null,
    supervisingBody: state.binding?.supervisingBody ?? null,
    supervisionComplaints: state.binding?.supervisingBody ?? null,
    archiveCustodian: approving ?? null,
    boundAt: state.acceptedAt ?? null,
    ...(state.binding?.originBody ? { originBody: state.binding.originBody } : {}),
  };
}
