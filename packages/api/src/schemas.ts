import {
  BODY_KINDS,
  DEFAULT_RATING_DAYS,
  DEFAULT_RATING_LEVEL,
  JOINT_HANDLINGS,
  LEVEL_KINDS,
  MATTER_TYPES,
  MAX_LEVELS,
  MODES,
  RECEIPT_DAYS,
  RECTIFICATION_DAYS,
  SPECIAL_STEP_KINDS,
  STAFF_ROLES,
  TENANT_KINDS,
  TRANSITION_POLICIES,
} from '@onewindow/domain';
import * as z from 'zod/mini';

export const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/));
export const tenantId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62}){1,3}$/));
export const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
export const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const CityInput = z.strictObject({ id, name });

/** An ISO-8601 instant with an explicit offset (API.md). */
export const instant = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/),
  z.refine((s) => !Number.isNaN(Date.parse(s)), { message: '不是有效的时间 / not a valid instant' }),
);
export const TenantInput = z.strictObject({
  id: tenantId,
  name,
  kind: z.enum(TENANT_KINDS),
  parent: z.optional(tenantId),
  /** When the tenant began (R13): its initial holders hold from then. Default: now. */
  since: z.optional(instant),
  /** The service hall's address and phone (政务服务大厅), printed on the documents. */
  address: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  phone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
});
export const BodyInput = z.strictObject({
  code: id,
  name,
  kind: z.enum(BODY_KINDS),
  /** 统一社会信用代码; its check characters are the domain's (R15). */
  uscc: z.optional(z.string().check(z.length(18))),
});
export const StaffInput = z.strictObject({
  id,
  name,
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1), z.maxLength(STAFF_ROLES.length)),
  /** A body code of this tenant, or a body reference `<tenant>/<code>` naming it. */
  body: z.optional(z.string().check(z.regex(/^([a-z0-9.-]+\/)?[a-z0-9][a-z0-9-]{0,62}$/))),
  backupFor: z.optional(id),
  /** The head of the staff member's body (R16, art. 42). */
  head: z.optional(z.boolean()),
  /** The head of the tenant's government (art. 42(2)). */
  governmentHead: z.optional(z.boolean()),
});

const code = id;
const days = z.int().check(z.minimum(0), z.maximum(365));
const amount = z.number().check(
  z.minimum(0),
  z.maximum(10_000_000),
  z.refine((n) => Math.round(n * 100) === n * 100, { message: '金额最多两位小数 / at most two decimals' }),
);
export const FeeInput = z.strictObject({ code, name, amount });

const ApprovalLevelsInput = z
  .array(z.strictObject({ kind: z.enum(LEVEL_KINDS), head: z.optional(z.boolean()) }))
  .check(z.minLength(1), z.maxLength(MAX_LEVELS));

export const MatterInput = z.strictObject({
  name,
  type: z.enum(MATTER_TYPES),
  items: z.array(z.strictObject({ code, name })).check(z.minLength(1), z.maxLength(50)),
  legalBasis: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  statutoryDays: days,
  promisedDays: days,
  onTheSpot: z.boolean(),
  materials: z.array(z.strictObject({ code, name, core: z.boolean() })).check(z.maxLength(100)),
  fees: z.array(FeeInput).check(z.maxLength(20)),
  specialSteps: z.optional(
    z.array(
      z.strictObject({ kind: z.enum(SPECIAL_STEP_KINDS), days: z.int().check(z.minimum(1), z.maximum(365)) }),
    ),
  ),
  department: z.optional(id),
  /** 基本编码 (12); the domain checks its layout and the items' sequences (R15). */
  basicCode: z.optional(z.string().check(z.length(12))),
  /** 统一/联合/集中办理 (art. 42(2)): the statutory limit is then at most 45 working days. */
  jointHandling: z.optional(z.enum(JOINT_HANDLINGS)),
  /** The approval levels in order (承办 → 审核 → 签发), the last the sign-off; one level when absent (R16). */
  approvalLevels: z.optional(ApprovalLevelsInput),
  /** 档案保管期限, years (R5): over the matter type's period; 100 stands for 永久. */
  archiveYears: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
});

export const LocalSettingsInput = z.strictObject({
  promisedDays: z.optional(days),
  windowLocation: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  fees: z.optional(z.array(FeeInput).check(z.maxLength(20))),
  /** Working days left at which a case's clock turns yellow (default 2). */
  warnDays: z.optional(z.int().check(z.minimum(0), z.maximum(30))),
  /** What a lapsed deficiency commitment does: end the case (default) or only flag it. */
  deficiencyLapse: z.optional(z.enum(['terminate', 'flag'])),
  /** The tenant handles the matter jointly or centrally (art. 42(2)); `none` sets the city's flag aside. */
  jointHandling: z.optional(z.enum(['none', ...JOINT_HANDLINGS])),
  /** The tenant's own approval levels over the city's default (R16). */
  approvalLevels: z.optional(ApprovalLevelsInput),
  /** The largest file accepted per material (issue 16), bytes: 1 B to 1 GiB; 20 MB unless set. */
  materialMaxBytes: z.optional(z.int().check(z.minimum(1), z.maximum(1024 * 1024 * 1024))),
  /** `false`: only files provide a material, no paper original at the window (issue 16). */
  paperOriginals: z.optional(z.boolean()),
});

export const bodyRef = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*){1,3}\/[a-z0-9][a-z0-9-]{0,62}$/));

export const SealInput = z.strictObject({
  id,
  /** A body code of this tenant or its body reference. */
  body: z.string().check(z.regex(/^([a-z0-9.-]+\/)?[a-z0-9][a-z0-9-]{0,62}$/)),
  name,
  validFrom: instant,
  electronic: z.boolean(),
});
export const VoidSealInput = z.strictObject({ at: instant, successor: z.optional(id) });

export const RolloutInputSchema = z.strictObject({
  id,
  name,
  matters: z.array(id).check(z.minLength(1), z.maxLength(1000)),
  tenants: z.array(tenantId).check(z.minLength(1), z.maxLength(500)),
  mode: z.enum(MODES),
  effectiveAt: instant,
  from: z.union([bodyRef, z.record(id, bodyRef)]),
  to: id,
  /** A seal id in each target tenant, or `<tenant>/<id>`: a stationed department's own seal where it sits (R14). */
  seal: z.string().check(z.regex(/^([a-z0-9][a-z0-9.-]{0,250}\/)?[a-z0-9][a-z0-9-]{0,62}$/)),
  transition: z.optional(z.strictObject({ policy: z.enum(TRANSITION_POLICIES), until: instant })),
});

export const AtQuery = z.strictObject({ at: z.optional(instant) });

const dates = z.array(date).check(z.maxLength(366));
/** A calendar year: rest days and make-up working weekends (调休上班). */
export const CalendarInput = z.strictObject({ holidays: dates, workdays: dates });
/** What a city sets for evaluation (R18). */
export const EvaluationInput = z.strictObject({
  rectificationDays: z.int().check(z.minimum(RECTIFICATION_DAYS.min), z.maximum(RECTIFICATION_DAYS.max)),
  defaultRatingDays: z.int().check(z.minimum(DEFAULT_RATING_DAYS.min), z.maximum(DEFAULT_RATING_DAYS.max)),
  defaultRatingLevel: z.int().check(z.minimum(DEFAULT_RATING_LEVEL.min), z.maximum(DEFAULT_RATING_LEVEL.max)),
  receiptDays: z.optional(z.int().check(z.minimum(RECEIPT_DAYS.min), z.maximum(RECEIPT_DAYS.max))),
});

/** How many working days `working-days` counts forward: a query parameter, so a string of digits. */
export const WORKING_DAYS_SPAN = { min: 1, max: 365 } as const;
export const WorkingDaysQuery = z.strictObject({
  from: date,
  days: z.string().check(
    z.regex(/^\d{1,3}$/, { abort: true }),
    z.refine((v) => Number(v) >= WORKING_DAYS_SPAN.min && Number(v) <= WORKING_DAYS_SPAN.max, {
      message: `应为 ${WORKING_DAYS_SPAN.min}–${WORKING_DAYS_SPAN.max} / must be ${WORKING_DAYS_SPAN.min}–${WORKING_DAYS_SPAN.max}`,
    }),
  ),
});
