import {
  APPLICANT_KINDS,
  CASE_STATUSES,
  CLOCK_COLOURS,
  DELIVERY_METHODS,
  EXTENSION_DAYS,
  RATED_OBJECTS,
  RATING_CHANNELS,
  RATING_LEVELS,
  RATING_REASONS,
  STEP_DAYS,
  STEP_KINDS,
} from '@onewindow/domain';
import * as z from 'zod/mini';
import { bodyRef, date, id, instant, name } from './schemas';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const codes = z.array(id).check(z.minLength(1), z.maxLength(100));

export const IntakeInput = z.strictObject({
  matter: id,
  item: z.optional(id),
  applicant: z.strictObject({
    kind: z.enum(APPLICANT_KINDS),
    name,
    idNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)),
    phone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
    address: z.optional(text(200)),
  }),
  /** 代理人: applying for the applicant; a resident identity number. */
  agent: z.optional(
    z.strictObject({
      name,
      idNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)),
      phone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
    }),
  ),
  delivery: z.optional(z.enum(DELIVERY_METHODS)),
  /** 窗口号: letters, digits and hyphens, e.g. "A03" (the monthly assessment counts per window). */
  window: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,8}$/))),
  /** 绿色通道: a key project (重点项目) handled first; the clerk's reason. */
  greenChannel: z.optional(z.strictObject({ reason: text(500) })),
  materials: z
    .array(
      z.strictObject({
        code: id,
        /** The paper original seen at the window (as `original: 'paper'`); a matter may take none. */
        provided: z.optional(z.boolean()),
        original: z.optional(z.literal('paper')),
        originals: z.optional(z.int().check(z.minimum(0), z.maximum(99))),
        copies: z.optional(z.int().check(z.minimum(0), z.maximum(99))),
      }),
    )
    .check(z.maxLength(100)),
  commitment: z.optional(z.strictObject({ materials: codes, supplementBy: date })),
  /** Take the materials now and decide on acceptance later; art. 32 (4) deems it accepted after 5 working days. */
  defer: z.optional(z.boolean()),
});

/** A stored file's id (issue 16): the materials routes give it at upload. */
const fileId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/**
 * Each material once, by its paper original (`provided: true` / `original: 'paper'`) or by files
 * uploaded to this case's material and scanned clean: they become its files, a replacement
 * included (the earlier versions stay in the hash chain).
 */
export const SupplementInput = z.strictObject({
  materials: z
    .array(
      z.strictObject({
        code: id,
        provided: z.optional(z.literal(true)),
        original: z.optional(z.literal('paper')),
        files: z.optional(z.array(fileId).check(z.minLength(1), z.maxLength(20))),
      }),
    )
    .check(z.minLength(1), z.maxLength(100)),
  commitment: z.optional(z.strictObject({ materials: codes, supplementBy: date })),
});
export const EmptyInput = z.strictObject({});
export const RejectInput = z.strictObject({ reason: text(2000), competentAuthority: z.optional(text(200)) });
export const WithdrawInput = z.strictObject({ reason: text(2000) });
export const StartStepInput = z.strictObject({
  kind: z.enum(STEP_KINDS),
  bodies: z.optional(z.array(bodyRef).check(z.minLength(1), z.maxLength(10))),
  /** The step's own limit in working days (R19); the kind's default when absent (STEP_DAYS). */
  days: z.optional(z.int().check(z.minimum(STEP_DAYS.min), z.maximum(STEP_DAYS.max))),
});
/**
 * A correction notice before acceptance (补正告知, R19): the materials asked for. Beyond the
 * one-time notice only with `signOff` (a tenant administrator or a supervisor sends it), and a
 * red card is raised all the same.
 */
export const NotifyCorrectionInput = z.strictObject({
  materials: codes,
  signOff: z.optional(z.strictObject({ reason: text(2000) })),
});
export const FinishStepInput = z.strictObject({
  stepId: z.string().check(z.regex(/^s\d{1,3}$/)),
  outcome: z.enum(['pass', 'fail']),
  note: z.optional(text(2000)),
});
/** R6 `guided`: what the case's body asks the origin department (optional). */
export const RequestGuidanceInput = z.strictObject({ question: z.optional(text(2000)) });
/** R6 `guided`: the department's opinion, answering the open request unless it names another. */
export const GiveGuidanceInput = z.strictObject({
  opinion: text(4000),
  requestId: z.optional(z.string().check(z.regex(/^g\d{1,3}$/))),
});
export const ExtendInput = z.strictObject({
  /** Up to 10 working days, 15 for a jointly or centrally handled matter (art. 42(2)): the decider checks which. */
  days: z.int().check(z.minimum(EXTENSION_DAYS.min), z.maximum(EXTENSION_DAYS.joint)),
  reason: text(2000),
});
export const DecideInput = z.strictObject({
  outcome: z.enum(['approve', 'deny']),
  reasons: z.optional(text(4000)),
  /** A granted payment's amount in yuan (准予给付), printed on the decision. */
  amount: z.optional(z.number().check(z.minimum(0), z.maximum(100_000_000))),
  /** The sign-off level's opinion (审批意见, R16). */
  opinion: z.optional(text(2000)),
});
/** A level's signature (R16): `pass` hands the case up a level, `return` sends it back one with reasons. */
export const OpinionInput = z.strictObject({
  opinion: text(2000),
  outcome: z.enum(['pass', 'return']),
});
/** A participating body's countersignature (会签) on the joint review `stepId`. */
export const CountersignInput = z.strictObject({
  stepId: z.string().check(z.regex(/^s\d{1,3}$/)),
  opinion: text(2000),
  outcome: z.enum(['agree', 'disagree']),
});
/** The lead body decides without the missing countersignatures, with its reason. */
export const CountersignOverrideInput = z.strictObject({
  stepId: z.string().check(z.regex(/^s\d{1,3}$/)),
  reason: text(2000),
});
export const IssueInput = z.strictObject({ delivery: z.enum(['window', 'mail']) });

export const CaseListQuery = z.strictObject({
  body: z.optional(bodyRef),
  status: z.optional(z.enum(CASE_STATUSES)),
  clock: z.optional(z.enum(CLOCK_COLOURS)),
  open: z.optional(z.enum(['true', 'false'])),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/))),
});

/**
 * 办件查询: a case number, or an applicant's identity number, phone or name (`q`, sent in
 * the body so it stays out of URLs and access logs), a matter, and days of receipt.
 */
export const CaseSearchInput = z.strictObject({
  q: z.optional(z.string().check(z.trim(), z.maxLength(64))),
  matter: z.optional(id),
  from: z.optional(date),
  to: z.optional(date),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(50))),
});

export const FindingInput = z.strictObject({
  caseNo: z.string().check(z.maxLength(120)),
  text: text(4000),
  severity: z.optional(z.enum(['info', 'concern', 'violation'])),
});
export const ReceiptInput = z.strictObject({ caseNo: z.string().check(z.maxLength(120)) });
export const InboxQuery = z.strictObject({ body: z.optional(bodyRef), cursor: z.optional(z.string()) });

export const RatingInput = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(4), z.maxLength(16)),
  level: z.int().check(z.minimum(RATING_LEVELS.min), z.maximum(RATING_LEVELS.max)),
  comment: z.optional(text(1000)),
  /** What was good or bad (GB/T 39734's indicators), each once. */
  reasons: z.optional(z.array(z.enum(RATING_REASONS)).check(z.maxLength(RATING_REASONS.length))),
  /** What is rated: the window, the person, the matter. */
  objects: z.optional(z.array(z.enum(RATED_OBJECTS)).check(z.maxLength(RATED_OBJECTS.length))),
  /** Where the rating is given; the public route's default is the web portal. */
  channel: z.optional(z.enum(RATING_CHANNELS)),
});
export const ProgressQuery = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(4), z.maxLength(16)),
});
/** A result's verification code (printed on it, carried by its QR code): it opens what the result says. */
export const VerifyQuery = z.strictObject({
  code: z.optional(z.string().check(z.trim(), z.minLength(4), z.maxLength(16))),
});
/**
 * A chief representative's written authorisation (首席代表授权书, R16): granted by the head of the
 * department (`body`, default the head's own); `grantedBy` names that head when a tenant
 * administrator records it for them.
 */
export const WindowGrantInput = z.strictObject({
  staff: id,
  /** The authorising department; default the granting head's own body. */
  body: z.optional(bodyRef),
  matters: z.array(id).check(z.minLength(1), z.maxLength(200)),
  from: instant,
  until: instant,
  docNo: text(60),
  grantedBy: z.optional(id),
});
export const WindowGrantRevokeInput = z.strictObject({ reason: text(500) });
/** The standing of the authorisations at `at` (default now); `format=html` prints them. */
export const WindowGrantQuery = z.strictObject({
  at: z.optional(instant),
  format: z.optional(z.enum(['json', 'html'])),
});
export const FeeReportQuery = z.strictObject({ from: date, to: date });
/** Why the full applicant data is needed (核对身份、电话联系申请人…); recorded and shown to the applicant. */
export const RevealInput = z.strictObject({ purpose: text(200) });
export const RevealQuery = RevealInput;
