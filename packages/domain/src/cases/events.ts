import type { Fee, MatterType } from '../catalogue';
import type { RectificationEvent } from './rectification';
import type {
  Agent,
  Applicant,
  ApprovalLevel,
  Binding,
  DecidedUnder,
  Deficiency,
  DeliveryMethod,
  ExtensionApprover,
  Finding,
  GreenChannel,
  Limits,
  MaterialCheck,
  Notice,
  ProvidedFile,
  RatingDetails,
  SealedResult,
  SignOff,
  StepKind,
} from './types';

interface Base {
  readonly at: string;
  readonly actor: string;
  /** The absent A whose post the actor (its B) covered when acting (AB角). */
  readonly onBehalfOf?: string;
}

/** Everything that can happen to a case; the state is the fold of these (`evolve`). */
export type CaseEvent = Base &
  (
    | {
        readonly type: 'received';
        readonly caseNo: string;
        readonly tenant: string;
        readonly matter: string;
        readonly matterName: string;
        /** The matter's catalogue type, read with the matter at intake; absent on older events. */
        readonly matterType?: MatterType;
        readonly item?: string;
        readonly applicant: Applicant;
        readonly agent?: Agent;
        readonly delivery?: DeliveryMethod;
        readonly window?: string;
        readonly greenChannel?: GreenChannel;
        readonly materials: readonly MaterialCheck[];
        /** The matter takes no paper originals (issue 16); absent when it does. */
        readonly paperOriginals?: false;
        readonly limits: Limits;
        /** The matter's approval levels, when it has more than one (R16). */
        readonly levels?: readonly ApprovalLevel[];
        readonly fees: readonly Fee[];
        readonly competent: boolean;
        readonly body?: string;
        /** Non-core items the applicant committed to bring later (容缺承诺). */
        readonly commitment?: { readonly materials: readonly string[]; readonly supplementBy: string };
        readonly queryCodeHash: string;
      }
    | {
        readonly type: 'correction-notified';
        readonly notice: Notice;
        readonly docNo?: string;
        /** A later notice asking for a material the one-time notice did not name (R19). */
        readonly signOff?: SignOff;
      }
    | {
        readonly type: 'supplemented';
        /** The codes this supplement provides (or, with files, provides anew: a replacement). */
        readonly materials: readonly string[];
        /** The files of those provided electronically, digests included; the others are paper originals. */
        readonly files?: readonly ProvidedFile[];
      }
    | {
        readonly type: 'accepted';
        readonly acceptedAt: string;
        readonly deemed: boolean;
        readonly binding: Binding;
        readonly deficiency?: Deficiency;
        readonly docNo?: string;
      }
    | { readonly type: 'deficiency-cleared' }
    | { readonly type: 'deficiency-lapsed'; readonly terminated: boolean }
    | {
        readonly type: 'rejected';
        readonly reason: string;
        readonly competentAuthority?: string;
        readonly docNo?: string;
      }
    | { readonly type: 'withdrawn'; readonly reason: string }
    | {
        readonly type: 'step-started';
        readonly stepId: string;
        readonly kind: StepKind;
        readonly bodies: readonly string[];
        /** The step's limit in working days (R19); absent on older events: the kind's default. */
        readonly days?: number;
        readonly notice?: Notice;
      }
    | {
        readonly type: 'step-finished';
        readonly stepId: string;
        readonly outcome: 'pass' | 'fail';
        readonly note?: string;
        readonly notice?: Notice;
      }
    | {
        readonly type: 'guidance-requested';
        readonly requestId: string;
        readonly body: string;
        readonly question?: string;
      }
    | {
        readonly type: 'guidance-given';
        readonly requestId: string;
        readonly body: string;
        readonly opinion: string;
      }
    /** A participating body's countersignature (会签) on a joint review. */
    | {
        readonly type: 'countersigned';
        readonly stepId: string;
        readonly body: string;
        readonly opinion: string;
        readonly outcome: 'agree' | 'disagree';
        readonly late?: boolean;
      }
    /** The lead body decided without the countersignatures of `pending`, with its reason. */
    | {
        readonly type: 'countersign-overridden';
        readonly stepId: string;
        readonly reason: string;
        readonly pending: readonly string[];
      }
    /** A level below the sign-off signed with its opinion; the next level takes the case. */
    | {
        readonly type: 'level-passed';
        readonly level: number;
        readonly kind: ApprovalLevel['kind'];
        readonly opinion: string;
      }
    /** A level sent the case back to the one below it, with its reasons; that level signs again. */
    | {
        readonly type: 'level-returned';
        readonly level: number;
        readonly kind: ApprovalLevel['kind'];
        readonly to: number;
        readonly opinion: string;
      }
    | {
        readonly type: 'extended';
        readonly days: number;
        readonly reason: string;
        readonly notice: Notice;
        /** The head who approved it (art. 42); absent on events recorded before heads were. */
        readonly approvedBy?: ExtensionApprover;
      }
    | {
        readonly type: 'decided';
        readonly outcome: 'approve' | 'deny';
        readonly reasons?: string;
        readonly appealRights?: string;
        readonly amount?: number;
        readonly docNo?: string;
        /** The sign-off level's opinion (R16). */
        readonly opinion?: string;
        /** R16: the chief representative's written authorisation (授权书) the decision was taken under. */
        readonly authorisation?: DecidedUnder;
      }
    | { readonly type: 'fee-paid'; readonly receiptNo: string; readonly amount: number }
    | {
        readonly type: 'issued';
        readonly result: SealedResult;
        readonly supervisingBody: string;
        readonly docNo?: string;
      }
    | { readonly type: 'finding-recorded'; readonly finding: Finding }
    | ({ readonly type: 'rated' } & RatingDetails)
    | RectificationEvent
  );

export type CaseEventType = CaseEvent['type'];

/** An event as stored: numbered and chained to the one before (hash-chain.ts). */
export type StoredCaseEvent = CaseEvent & {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
};
