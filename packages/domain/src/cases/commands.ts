import type { Fee, MatterType } from '../catalogue';
import type { MaterialFile } from '../materials/types';
import type { RectificationCommand } from './rectification';
import type {
  Agent,
  Applicant,
  ApprovalLevel,
  Binding,
  CaseResult,
  DeliveryMethod,
  Finding,
  GreenChannel,
  Limits,
  RatingDetails,
  StepKind,
} from './types';

/** The matter as the tenant handles it: the catalogue definition with local settings applied. */
export interface MatterForIntake {
  readonly code: string;
  readonly name: string;
  /** The catalogue type (审核转报 cases are carded as forwarding late, R19); carried into `received`. */
  readonly type?: MatterType;
  readonly items: readonly { code: string; name: string }[];
  readonly materials: readonly { code: string; name: string; core: boolean }[];
  readonly fees: readonly Fee[];
  readonly limits: Limits;
  /** The approval levels the tenant (or the city's default) declares; one level when absent (R16). */
  readonly levels?: readonly ApprovalLevel[];
  /** `false`: the tenant takes no paper originals for this matter, only files (issue 16). */
  readonly paperOriginals?: boolean;
}

/**
 * One material as intake or a supplement names it: `provided: true` or `original: 'paper'` (the
 * paper original seen at the window), or (supplement only) `files`, each id with the record the
 * app read for it (absent when there is none).
 */
export interface GivenMaterial {
  readonly code: string;
  readonly provided?: boolean;
  readonly original?: 'paper';
  readonly files?: readonly { readonly id: string; readonly record?: MaterialFile }[];
  readonly originals?: number;
  readonly copies?: number;
}

export type CaseCommand =
  | {
      readonly type: 'intake';
      readonly tenant: string;
      readonly caseNo: string;
      readonly queryCodeHash: string;
      readonly matter: MatterForIntake;
      readonly item?: string;
      readonly applicant: Applicant;
      readonly agent?: Agent;
      readonly delivery?: DeliveryMethod;
      /** The window (窗口号) the application was taken at, for the monthly assessment. */
      readonly window?: string;
      /** 绿色通道: a key project (重点项目) the centre handles first, with the clerk's reason. */
      readonly greenChannel?: GreenChannel;
      readonly materials: readonly GivenMaterial[];
      readonly commitment?: { readonly materials: readonly string[]; readonly supplementBy: string };
      /** Take the materials now and decide on acceptance later (art. 32 (4) then runs). */
      readonly defer?: boolean;
      /** The authority in force now, if the tenant holds the matter. */
      readonly binding?: Binding;
    }
  | {
      readonly type: 'supplement';
      readonly materials: readonly GivenMaterial[];
      /** The deployment runs no malware scanner (the local stack): a `not-scanned` file is then usable. */
      readonly scannerless?: boolean;
      /** Non-core items still missing after the supplement, covered by a commitment (容缺). */
      readonly commitment?: { readonly materials: readonly string[]; readonly supplementBy: string };
      readonly binding?: Binding;
    }
  | { readonly type: 'accept'; readonly binding?: Binding }
  | { readonly type: 'reject'; readonly reason: string; readonly competentAuthority?: string }
  | { readonly type: 'withdraw'; readonly reason: string }
  | {
      readonly type: 'start-step';
      readonly kind: StepKind;
      readonly bodies?: readonly string[];
      /** The step's limit in working days (`STEP_DAYS`); the kind's default when absent (R19). */
      readonly days?: number;
    }
  /**
   * A later correction notice (补正告知) before acceptance, asking for `materials` (codes). The
   * one-time notice is frozen once given (R19): asking for a material it did not name needs the
   * sign-off of the actor sending it, a `NOTICE_SIGNERS` role, and raises a red card.
   */
  | {
      readonly type: 'notify-correction';
      readonly materials: readonly string[];
      readonly signOff?: { readonly reason: string };
    }
  | {
      readonly type: 'finish-step';
      readonly stepId: string;
      readonly outcome: 'pass' | 'fail';
      readonly note?: string;
    }
  /** A participating body's countersignature (会签) on a running joint review (joint.ts). */
  | {
      readonly type: 'countersign';
      readonly stepId: string;
      readonly opinion: string;
      readonly outcome: 'agree' | 'disagree';
    }
  /** The lead body decides without the missing countersignatures, with its reason. */
  | { readonly type: 'countersign-override'; readonly stepId: string; readonly reason: string }
  /** R6 `guided`: the case's body asks the origin department's opinion. */
  | { readonly type: 'request-guidance'; readonly question?: string }
  /** R6 `guided`: the origin department's opinion, answering the open request (or unasked). */
  | { readonly type: 'give-guidance'; readonly opinion: string; readonly requestId?: string }
  | { readonly type: 'extend'; readonly days: number; readonly reason: string }
  /** A level below the sign-off signs with its opinion (`pass`), or sends the case back one level (`return`). */
  | { readonly type: 'opinion'; readonly opinion: string; readonly outcome: 'pass' | 'return' }
  | {
      readonly type: 'decide';
      readonly outcome: 'approve' | 'deny';
      /** The sign-off level's opinion (审批意见), kept with every level's (R16). */
      readonly opinion?: string;
      readonly reasons?: string;
      /** What a granted payment (行政给付) pays, in yuan: the decision states it. */
      readonly amount?: number;
    }
  | { readonly type: 'pay' }
  | {
      readonly type: 'issue';
      readonly delivery: 'window' | 'mail';
      /** Built by `resultOf` with the seal R3 resolved, then signed by the adapter; attached once the case is decided. */
      readonly result?: CaseResult;
      readonly signature?: string;
    }
  | { readonly type: 'record-finding'; readonly text: string; readonly severity: Finding['severity'] }
  | ({
      readonly type: 'rate';
      /** The city's limit for a 差评's rectification (R18), resolved by the app; 5 when absent. */
      readonly rectificationDays?: number;
    } & RatingDetails)
  | RectificationCommand
  /** The clock worker: deemed acceptance and lapsed deficiencies. */
  | { readonly type: 'tick'; readonly binding?: Binding };

export type CaseCommandType = CaseCommand['type'];
