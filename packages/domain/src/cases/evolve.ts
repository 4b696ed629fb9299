import { documentIssuedBy } from './documents';
import type { CaseEvent } from './events';
import { provide } from './provided';
import { evolveRectification } from './rectification';
import type { CaseState, LevelOpinion, RatingDetails, Step } from './types';
import { EXCLUDED_STEP_KINDS } from './types';

/** A case that has not been received yet. */
export type NoCase = undefined;

/**
 * Folds one event into the state. Never throws for an event `decide` produced: every
 * check happened there. `version` counts events, `lastHash` is set by the chain.
 */
export function evolve(state: CaseState | NoCase, event: CaseEvent): CaseState {
  const next = fold(state, event);
  const docNo = 'docNo' in event ? event.docNo : undefined;
  const kind = docNo ? documentIssuedBy(event.type) : undefined;
  return kind ? { ...next, documents: { ...next.documents, [kind]: docNo } } : next;
}

function fold(state: CaseState | NoCase, event: CaseEvent): CaseState {
  if (event.type === 'received') {
    return {
      caseNo: event.caseNo,
      tenant: event.tenant,
      matter: event.matter,
      matterName: event.matterName,
      ...(event.matterType ? { matterType: event.matterType } : {}),
      ...(event.item ? { item: event.item } : {}),
      applicant: event.applicant,
      ...(event.agent ? { agent: event.agent } : {}),
      ...(event.delivery ? { delivery: event.delivery } : {}),
      ...(event.window ? { window: event.window } : {}),
      ...(event.greenChannel ? { greenChannel: event.greenChannel } : {}),
      status: 'received',
      version: 1,
      lastHash: '',
      queryCodeHash: event.queryCodeHash,
      receivedAt: event.at,
      receivedBy: event.actor,
      competent: event.competent,
      ...(event.body ? { body: event.body } : {}),
      ...(event.commitment ? { commitment: event.commitment } : {}),
      materials: event.materials,
      ...(event.paperOriginals === false ? { paperOriginals: false } : {}),
      limits: event.limits,
      ...(event.levels ? { levels: event.levels } : {}),
      fees: event.fees,
      notices: [],
      steps: [],
      findings: [],
    };
  }
  if (!state) throw new Error(`event '${event.type}' before the case was received`);
  const s: CaseState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'correction-notified': {
      // What a notice asks for is missing from then on (a later notice may ask again for an item taken).
      const asked = new Set((event.notice.missing ?? []).map((m) => m.code));
      // Asked again, a material is missing: its form and files go (the files stay in the chain).
      const materials = s.materials.map((m) => {
        if (!asked.has(m.code) || !m.provided) return m;
        const { form: _form, files: _files, ...rest } = m;
        return { ...rest, provided: false };
      });
      return { ...s, status: 'needs-correction', materials, notices: [...s.notices, event.notice] };
    }
    case 'supplemented': {
      const added = new Set(event.materials);
      const files = event.files ?? [];
      const materials = s.materials.map((m) =>
        added.has(m.code)
          ? provide(
              m,
              files.filter((f) => f.code === m.code),
            )
          : m,
      );
      // A case waiting for correction waits until `accepted` follows: the one notice still stands.
      return { ...s, materials };
    }
    case 'accepted':
      return {
        ...s,
        status: event.deficiency ? 'accepted-with-deficiency' : 'accepted',
        acceptedAt: event.acceptedAt,
        deemedAccepted: event.deemed,
        binding: event.binding,
        body: event.binding.body,
        ...(event.deficiency ? { deficiency: event.deficiency } : {}),
      };
    case 'deficiency-cleared': {
      const { deficiency: _cleared, ...rest } = s;
      return { ...rest, status: s.status === 'accepted-with-deficiency' ? 'accepted' : s.status };
    }
    case 'deficiency-lapsed':
      return event.terminated
        ? {
            ...s,
            status: 'terminated',
            closedAt: event.at,
            closing: { reason: '容缺材料逾期未补正 / deficient materials not supplemented in time' },
            ...(s.deficiency ? { deficiency: { ...s.deficiency, lapsed: true } } : {}),
          }
        : { ...s, ...(s.deficiency ? { deficiency: { ...s.deficiency, lapsed: true } } : {}) };
    case 'rejected':
      return {
        ...s,
        status: 'rejected',
        closedAt: event.at,
        closing: {
          reason: event.reason,
          ...(event.competentAuthority ? { competentAuthority: event.competentAuthority } : {}),
        },
      };
    case 'withdrawn':
      return { ...s, status: 'withdrawn', closedAt: event.at, closing: { reason: event.reason } };
    case 'step-started': {
      const step: Step = {
        id: event.stepId,
        kind: event.kind,
        bodies: event.bodies,
        joint: event.bodies.length > 1,
        excluded: EXCLUDED_STEP_KINDS.includes(event.kind),
        startedAt: event.at,
        ...(event.days !== undefined ? { days: event.days } : {}),
      };
      return {
        ...s,
        steps: [...s.steps, step],
        notices: event.notice ? [...s.notices, event.notice] : s.notices,
      };
    }
    case 'step-finished':
      return {
        ...s,
        steps: s.steps.map((step) =>
          step.id === event.stepId
            ? {
                ...step,
                finishedAt: event.at,
                outcome: event.outcome,
                ...(event.note ? { note: event.note } : {}),
              }
            : step,
        ),
        notices: event.notice ? [...s.notices, event.notice] : s.notices,
      };
    case 'guidance-requested':
      return {
        ...s,
        guidance: [
          ...(s.guidance ?? []),
          {
            id: event.requestId,
            body: event.body,
            requestedAt: event.at,
            requestedBy: event.actor,
            ...(event.question ? { question: event.question } : {}),
          },
        ],
      };
    case 'guidance-given': {
      const given = { opinion: event.opinion, givenAt: event.at, givenBy: event.actor };
      const list = s.guidance ?? [];
      return {
        ...s,
        guidance: list.some((g) => g.id === event.requestId)
          ? list.map((g) => (g.id === event.requestId ? { ...g, ...given } : g))
          : [...list, { id: event.requestId, body: event.body, ...given }],
      };
    }
    case 'countersigned': {
      const { body, opinion, outcome, late } = event;
      const c = { body, by: event.actor, at: event.at, opinion, outcome, ...(late ? { late } : {}) };
      return onStep(s, event.stepId, (t) => ({ ...t, countersigns: [...(t.countersigns ?? []), c] }));
    }
    case 'countersign-overridden': {
      const override = { by: event.actor, at: event.at, reason: event.reason, pending: event.pending };
      return onStep(s, event.stepId, (t) => ({ ...t, override }));
    }
    case 'level-passed': {
      const { level, kind, opinion } = event;
      return {
        ...s,
        opinions: [...(s.opinions ?? []), { level, kind, by: event.actor, at: event.at, opinion }],
      };
    }
    case 'level-returned':
      return { ...s, opinions: (s.opinions ?? []).slice(0, event.to) };
    case 'extended':
      return {
        ...s,
        extension: {
          days: event.days,
          reason: event.reason,
          at: event.at,
          ...(event.approvedBy ? { approvedBy: event.approvedBy } : {}),
        },
        notices: [...s.notices, event.notice],
      };
    case 'decided':
      return {
        ...s,
        status: event.outcome === 'approve' ? 'approved' : 'denied',
        decision: {
          outcome: event.outcome,
          ...(event.reasons ? { reasons: event.reasons } : {}),
          ...(event.appealRights ? { appealRights: event.appealRights } : {}),
          ...(event.amount !== undefined ? { amount: event.amount } : {}),
          at: event.at,
          by: event.actor,
          ...opinionsOf(s, event),
          ...(event.authorisation ? { authorisation: event.authorisation } : {}),
        },
      };
    case 'fee-paid':
      return {
        ...s,
        payment: { receiptNo: event.receiptNo, amount: event.amount, at: event.at, by: event.actor },
      };
    case 'issued':
      return { ...s, status: 'issued', result: event.result, closedAt: event.at };
    case 'finding-recorded':
      return { ...s, findings: [...s.findings, event.finding] };
    case 'rated':
      return { ...s, rating: { ...ratingDetails(event), at: event.at } };
    case 'rectification-opened':
    case 'rectification-closed':
    case 'rectification-called-back':
    case 'rectification-escalated':
    case 'rating-appealed':
    case 'appeal-decided':
      return evolveRectification(s, event);
  }
}

const onStep = (s: CaseState, id: string, f: (t: Step) => Step): CaseState => ({
  ...s,
  steps: s.steps.map((t) => (t.id === id ? f(t) : t)),
});

/** The levels' signatures with the sign-off's, when there were levels or an opinion to keep. */
function opinionsOf(s: CaseState, event: Extract<CaseEvent, { type: 'decided' }>) {
  const levels = s.levels ?? [];
  if (levels.length < 2 && !event.opinion) return {};
  const signOff: LevelOpinion = {
    level: Math.max(levels.length - 1, 0),
    kind: 'sign',
    by: event.actor,
    at: event.at,
    opinion: event.opinion ?? event.reasons ?? '',
  };
  return { opinions: [...(s.opinions ?? []), signOff] };
}

/** A rating's details as the event carries them, without what it left out. */
export function ratingDetails(r: RatingDetails): RatingDetails {
  return {
    level: r.level,
    ...(r.comment ? { comment: r.comment } : {}),
    ...(r.reasons?.length ? { reasons: r.reasons } : {}),
    ...(r.objects?.length ? { objects: r.objects } : {}),
    ...(r.channel ? { channel: r.channel } : {}),
    ...(r.default ? { default: true } : {}),
  };
}
