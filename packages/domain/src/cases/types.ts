import type { Mode } from '../authority';
import type { Fee, JointHandling, Material, MatterType } from '../catalogue';
import type { Role } from '../roles';
import type { WindowAuthority } from '../window-authorisation';
import type { DocumentKind } from './documents';
import type { ApplicantKind } from './identity';
import type { RatedObject, RatingChannel, RatingReason } from './limits';
import type { Rectification } from './rectification';

/**
 * A case (办件) from intake to issuance. `received` and `needs-correction` come before
 * acceptance; `accepted` and `accepted-with-deficiency` are in the back office;
 * `approved` and `denied` wait for issuance; the last four are closed.
 */
export const CASE_STATUSES = [
  'received',
  'needs-correction',
  'accepted',
  'accepted-with-deficiency',
  'approved',
  'denied',
  'issued',
  'rejected',
  'withdrawn',
  'terminated',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** 好差评 (R18): any handled service, once, by its applicant: issued, decided, refused, rejected, withdrawn, terminated. */
export const RATABLE_STATUSES: readonly CaseStatus[] = [
  'issued',
  'approved',
  'denied',
  'rejected',
  'withdrawn',
  'terminated',
];

/** What the applicant said of a rated case, and where. */
export interface RatingDetails {
  readonly level: number;
  readonly comment?: string;
  readonly reasons?: readonly RatingReason[];
  readonly objects?: readonly RatedObject[];
  readonly channel?: RatingChannel;
  /** Given by the clock: the city's default for a service left unrated, not the applicant's word. */
  readonly default?: boolean;
}

export interface Rating extends RatingDetails {
  readonly at: string;
  /** Set by an upheld appeal (R18): the rating counts in no statistic, for this reason. */
  readonly excluded?: { readonly at: string; readonly reason: string };
}

export const CLOSED_STATUSES: readonly CaseStatus[] = ['issued', 'rejected', 'withdrawn', 'terminated'];
export const IN_BACK_OFFICE: readonly CaseStatus[] = ['accepted', 'accepted-with-deficiency'];
export const isClosed = (s: CaseStatus): boolean => CLOSED_STATUSES.includes(s);

export const STEP_KINDS = [
  'review',
  'site-inspection',
  'expert-review',
  'hearing',
  'guidance-review',
  // 并联审批/联合踏勘 with 会签: the bodies countersign (joint.ts).
  'joint-review',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** Art. 45: inspection, expert review and hearing time is not counted against the limit. */
export const EXCLUDED_STEP_KINDS: readonly StepKind[] = ['site-inspection', 'expert-review', 'hearing'];

export const CLOCK_COLOURS = ['green', 'yellow', 'red'] as const;
export type ClockColour = (typeof CLOCK_COLOURS)[number];

export interface Applicant {
  readonly kind: ApplicantKind;
  readonly name: string;
  readonly idNumber: string;
  /** 联系电话: a mainland mobile (11 digits) or a landline with its area code; masked like the number. */
  readonly phone?: string;
  /** 联系地址, where post is delivered. */
  readonly address?: string;
}

/** 代理人: the person who applies on the applicant's behalf; their number and phone masked like the applicant's. */
export interface Agent {
  readonly name: string;
  /** A resident identity card number (checked like an applicant's). */
  readonly idNumber: string;
  readonly phone?: string;
}

/** How the applicant takes the result: at the window, by post, or by electronic delivery (电子送达). */
export const DELIVERY_METHODS = ['window', 'post', 'e-delivery'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface MaterialCheck extends Material {
  readonly provided: boolean;
  /** 原件 and 复印件 counts handed over, when the clerk recorded them. */
  readonly originals?: number;
  readonly copies?: number;
  /**
   * How a provided material was provided (issue 16): the paper original seen at the window, or
   * files; absent while it is missing (and on materials recorded before forms were kept).
   */
  readonly form?: 'paper' | 'electronic';
  /** The files that provide it now, as the event recorded them; earlier versions stay in the chain. */
  readonly files?: readonly ProvidedFile[];
}

/**
 * One file a material was provided with, as the `supplemented` event records it: the hash chain
 * covers its digests, so a swapped object no longer matches what the case recorded.
 */
export interface ProvidedFile {
  readonly code: string;
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
  readonly type: string;
}

/** What the case is bound to at acceptance (R2): never changed by a later handover. */
export interface Binding {
  /** The body that handles and decides the case. */
  readonly body: string;
  readonly seal: string;
  readonly supervisingBody: string;
  readonly mode: Mode;
  /** The period of authority the binding came from. */
  readonly periodFrom: string;
  readonly originBody?: string;
  /** R6 `guided`: the origin body guides; the case's body may ask its opinion, and decides. */
  readonly guidedBy?: string;
  readonly rollout?: string;
}

export interface Limits {
  readonly promisedDays: number;
  readonly statutoryDays: number;
  readonly onTheSpot: boolean;
  /** Working days left at which the clock turns yellow. */
  readonly warnDays: number;
  /** What happens when a deficiency's supplement date passes. */
  readonly deficiencyLapse: 'terminate' | 'flag';
  /** 统一/联合/集中办理 (art. 42(2)): 45 working days at most, extended by up to 15 on the government head's approval. */
  readonly jointHandling?: JointHandling;
}

/** One level of a matter's approval (R16): 承办, 审核 or 审批（签发）, the last one the sign-off. */
export interface ApprovalLevel {
  readonly kind: 'undertake' | 'review' | 'sign';
  /** Signed only by the head (负责人) of the bound body. */
  readonly head?: boolean;
}

/** A level's signature: who signed it, when, and the opinion (意见) they wrote. */
export interface LevelOpinion {
  readonly level: number;
  readonly kind: ApprovalLevel['kind'];
  readonly by: string;
  readonly at: string;
  readonly opinion: string;
}

export interface Step {
  readonly id: string;
  readonly kind: StepKind;
  readonly bodies: readonly string[];
  readonly joint: boolean;
  readonly excluded: boolean;
  readonly startedAt: string;
  /**
   * The step's own limit in working days from its start (R19: a card when it is near or passed);
   * absent on steps started before limits existed: the kind's default (`STEP_DAYS.defaults`).
   */
  readonly days?: number;
  readonly finishedAt?: string;
  readonly outcome?: 'pass' | 'fail';
  readonly note?: string;
  /** A joint review's countersignatures (会签), one per participating body. */
  readonly countersigns?: readonly Countersign[];
  /** The lead body decided not to wait for `pending` (recorded with its reason). */
  readonly override?: {
    readonly by: string;
    readonly at: string;
    readonly reason: string;
    readonly pending: readonly string[];
  };
}

/** 绿色通道: the clerk flagged a key project (重点项目) at intake, with the reason. */
export interface GreenChannel {
  readonly reason: string;
}

export interface Countersign {
  readonly body: string;
  readonly by: string;
  readonly at: string;
  readonly opinion: string;
  readonly outcome: 'agree' | 'disagree';
  /** Given after the step's limit (R19). */
  readonly late?: boolean;
}

/**
 * R6 `guided` (001 §五(六)): a request for the origin department's opinion and the opinion
 * it gave, recorded on the case; the department may also give one unasked. Advice only.
 */
export interface Guidance {
  readonly id: string;
  /** The guiding body (the binding's `guidedBy`). */
  readonly body: string;
  readonly requestedAt?: string;
  readonly requestedBy?: string;
  readonly question?: string;
  readonly opinion?: string;
  readonly givenAt?: string;
  readonly givenBy?: string;
}

export interface Notice {
  readonly kind: 'one-time-notice' | 'clock-excluded' | 'clock-resumed' | 'extension';
  readonly at: string;
  readonly zh: string;
  readonly en: string;
  readonly missing?: readonly { code: string; name: string; core: boolean }[];
}

/**
 * R19: who allowed a later notice to ask for a material the one-time notice did not name: the
 * actor who sent it (a role of `NOTICE_SIGNERS`), with the reason, as the event records it.
 */
export interface SignOff {
  readonly reason: string;
  readonly by: string;
  readonly roles: readonly Role[];
}

export interface Deficiency {
  readonly materials: readonly string[];
  readonly supplementBy: string;
  readonly lapsed?: boolean;
}

export interface Decision {
  readonly outcome: 'approve' | 'deny';
  readonly reasons?: string;
  readonly appealRights?: string;
  /** A granted payment's amount, in yuan. */
  readonly amount?: number;
  readonly at: string;
  readonly by: string;
  /** Every level's signature, the sign-off last; absent for a one-level decision without an opinion. */
  readonly opinions?: readonly LevelOpinion[];
  /** The written authorisation (授权书) a chief representative decided under (R16). */
  readonly authorisation?: DecidedUnder;
}

/** The authorisation a window officer's decision was taken under: its id, 文号 and department. */
export interface DecidedUnder {
  readonly id: string;
  readonly docNo: string;
  readonly body: string;
}

/** What is signed and printed: no identity number, only what a verifier may see. */
export interface CaseResult {
  readonly caseNo: string;
  readonly tenant: string;
  readonly matter: string;
  readonly matterName: string;
  readonly item?: string;
  readonly applicantName: string;
  readonly outcome: 'approve' | 'deny';
  readonly reasons?: string;
  readonly appealRights?: string;
  readonly decidedAt: string;
  readonly issuedAt: string;
  readonly approvingBody: string;
  /**
   * The approving body's unified social credit code when the registry held one at issuance:
   * the issuer part of the e-licence identifier (GB/T 36904). Kept in the signed result, so the
   * identifier never changes after issuance whatever happens to the registry.
   */
  readonly approvingBodyUscc?: string;
  readonly seal: { readonly id: string; readonly body: string; readonly tenant: string };
  readonly keyId: string;
  /** Every approval level's signer and opinion (R16), when the decision had levels or an opinion. */
  readonly approvals?: readonly LevelOpinion[];
}

export interface SealedResult extends CaseResult {
  readonly signature: string;
  readonly delivery: 'window' | 'mail';
}

export interface Finding {
  readonly at: string;
  readonly by: string;
  readonly body: string;
  readonly text: string;
  readonly severity: 'info' | 'concern' | 'violation';
}

export interface CaseState {
  readonly caseNo: string;
  readonly tenant: string;
  readonly matter: string;
  readonly matterName: string;
  /** The catalogue type of the matter at intake (absent on cases received before it was kept). */
  readonly matterType?: MatterType;
  readonly item?: string;
  readonly applicant: Applicant;
  readonly agent?: Agent;
  readonly delivery?: DeliveryMethod;
  /** The window (窗口号) the application was taken at, when the clerk named it. */
  readonly window?: string;
  /** 绿色通道 (seed 004: priority for key projects): queued first, counted apart. */
  readonly greenChannel?: GreenChannel;
  readonly status: CaseStatus;
  /** Number of events so far; `If-Match` compares with it. */
  readonly version: number;
  readonly lastHash: string;
  readonly queryCodeHash: string;
  readonly receivedAt: string;
  readonly receivedBy: string;
  /** Whether the tenant held the matter at intake; a case it does not hold can only be rejected. */
  readonly competent: boolean;
  /** The body expected to handle the case, known at intake; fixed by the binding at acceptance. */
  readonly body?: string;
  readonly materials: readonly MaterialCheck[];
  /** The matter takes no paper originals (issue 16): only files provide its materials. */
  readonly paperOriginals?: false;
  readonly limits: Limits;
  /** The matter's approval levels at intake, when it has more than one (R16). */
  readonly levels?: readonly ApprovalLevel[];
  /** The levels signed so far, in order; a return drops the level it goes back to. */
  readonly opinions?: readonly LevelOpinion[];
  readonly fees: readonly Fee[];
  readonly notices: readonly Notice[];
  readonly steps: readonly Step[];
  readonly findings: readonly Finding[];
  /** Absent on cases with no guidance asked or given (and on those stored before it existed). */
  readonly guidance?: readonly Guidance[];
  readonly acceptedAt?: string;
  readonly deemedAccepted?: boolean;
  readonly binding?: Binding;
  readonly deficiency?: Deficiency;
  /** The commitment signed at intake, kept until the case is accepted on it. */
  readonly commitment?: { readonly materials: readonly string[]; readonly supplementBy: string };
  readonly extension?: {
    readonly days: number;
    readonly reason: string;
    readonly at: string;
    /** The head who approved it (art. 42); absent on extensions recorded before heads were. */
    readonly approvedBy?: ExtensionApprover;
  };
  readonly decision?: Decision;
  readonly payment?: {
    readonly receiptNo: string;
    readonly amount: number;
    readonly at: string;
    readonly by: string;
  };
  readonly result?: SealedResult;
  readonly rating?: Rating;
  readonly rectification?: Rectification;
  readonly closedAt?: string;
  readonly closing?: { readonly reason: string; readonly competentAuthority?: string };
  /** The numbers (文号) of the documents issued so far, by kind (documents.ts). */
  readonly documents?: { readonly [K in DocumentKind]?: string };
}

/** Who is acting, as the token and the tenant's records say. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly body?: string;
  /**
   * What this window officer may decide on the spot now (首席代表, R16): per matter, the authorising
   * department and its written authorisation, as the app found them in force (window-authorisation.ts).
   */
  readonly windowMatters?: readonly WindowAuthority[];
  /** The absent A whose post this B covers (AB角): its acts are recorded on A's behalf. */
  readonly onBehalfOf?: string;
  /** The staff member's name, as the tenant's records hold it, for the acts that name a person. */
  readonly name?: string;
  /** The head (负责人) of `body` (art. 42: approves its extensions). */
  readonly head?: boolean;
  /** The head of the case's tenant's government (art. 42(2): approves a joint matter's extension). */
  readonly governmentHead?: boolean;
}

/** Who approved an extension (经…负责人批准): the body's head, or the government's for a joint matter. */
export interface ExtensionApprover {
  readonly id: string;
  readonly name: string;
  readonly as: 'head' | 'government-head';
}

/** The public, who act with a case number and its query code. */
export const APPLICANT_ACTOR: Actor = { sub: 'applicant', roles: [] };

export type { Fee, Material };
