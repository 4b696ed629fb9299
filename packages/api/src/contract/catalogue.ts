import {
  JOINT_HANDLINGS,
  LEVEL_KINDS,
  MATTER_TYPES,
  MODES,
  SPECIAL_STEP_KINDS,
  TRANSITION_POLICIES,
} from '@onewindow/domain';
import * as z from 'zod/mini';
import { amount, bodyRef, count, date, days, instant, listOf, named } from './registry';

export const Fee = named(
  'Fee',
  '收费项目（元）A fee, in yuan',
  z.strictObject({ code: z.string(), name: z.string(), amount }),
);
export type Fee = z.infer<typeof Fee>;

export const Material = named(
  'Material',
  '申请材料；核心材料不可容缺 A material; a core one is never waived',
  z.strictObject({ code: z.string(), name: z.string(), core: z.boolean() }),
);
export type Material = z.infer<typeof Material>;

const approvalLevelShape = z.strictObject({ kind: z.enum(LEVEL_KINDS), head: z.optional(z.boolean()) });

export const Matter = named(
  'Matter',
  '指导目录事项 A matter of the guidance catalogue, with its version',
  z.strictObject({
    code: z.string(),
    name: z.string(),
    type: z.enum(MATTER_TYPES),
    items: z.array(z.strictObject({ code: z.string(), name: z.string() })),
    legalBasis: z.string(),
    statutoryDays: days,
    promisedDays: days,
    onTheSpot: z.boolean(),
    materials: z.array(Material),
    fees: z.array(Fee),
    specialSteps: z.optional(z.array(z.strictObject({ kind: z.enum(SPECIAL_STEP_KINDS), days }))),
    department: z.optional(z.string()),
    basicCode: z.optional(z.string()),
    /** 统一/联合/集中办理 (art. 42(2)): statutory limit ≤ 45 working days, extended by ≤ 15 on the government head's approval. */
    jointHandling: z.optional(z.enum(JOINT_HANDLINGS)),
    /** The city's default approval levels in order (承办 → 审核 → 签发); one level when absent (R16). */
    approvalLevels: z.optional(z.array(approvalLevelShape)),
    /** 档案保管期限 in years (R5): the matter type's period when absent. */
    archiveYears: z.optional(z.int()),
    city: z.string(),
    version: count,
    updatedAt: instant,
  }),
);
export type Matter = z.infer<typeof Matter>;

export const MatterList = named('MatterList', '指导目录 The guidance catalogue of a city', listOf(Matter));

export const ImportCounts = named(
  'ImportCounts',
  '导入结果 What an import wrote (or, with dryRun, would write)',
  z.strictObject({
    rows: count,
    created: count,
    updated: count,
    unchanged: count,
    dryRun: z.boolean(),
    /** Authority periods the 初始实施租户 column recorded (or would record), when the file has it (R13). */
    initialHolders: z.optional(count),
    /** Bodies the 实施部门统一社会信用代码 column gave their USCC (or would), when the file has it (R15). */
    bodyUsccs: z.optional(count),
  }),
);
export type ImportCounts = z.infer<typeof ImportCounts>;

const transition = z.strictObject({ policy: z.enum(TRANSITION_POLICIES), until: instant });

export const AuthorityView = named(
  'AuthorityView',
  '某一时刻的实施主体 Who holds authority for a matter at an instant (R1, R6)',
  z.strictObject({
    body: bodyRef,
    mode: z.enum(MODES),
    seal: z.string(),
    supervisingBody: bodyRef,
    originBody: z.optional(bodyRef),
    windowBody: z.optional(bodyRef),
    handlingBody: bodyRef,
    transition: z.optional(
      z.strictObject({ policy: z.enum(TRANSITION_POLICIES), until: instant, active: z.literal(true) }),
    ),
    from: instant,
    rollout: z.optional(z.string()),
  }),
);
export type AuthorityView = z.infer<typeof AuthorityView>;

export const AuthorityAt = named(
  'AuthorityAt',
  '事项实施主体 The authority view at the instant asked',
  z.strictObject({ at: instant, ...AuthorityView.shape }),
);
export type AuthorityAt = z.infer<typeof AuthorityAt>;

export const AuthorityPeriod = named(
  'AuthorityPeriod',
  '实施主体时段 A period of authority; it ends where the next begins (`to`)',
  z.strictObject({
    tenant: z.string(),
    matter: z.string(),
    from: instant,
    to: z.optional(instant),
    body: bodyRef,
    mode: z.enum(MODES),
    seal: z.string(),
    supervisingBody: bodyRef,
    originBody: z.optional(bodyRef),
    windowBody: z.optional(bodyRef),
    transition: z.optional(transition),
    rollout: z.optional(z.string()),
    codeChange: z.optional(z.strictObject({ oldCode: z.optional(z.string()), newCode: z.string() })),
  }),
);
export type AuthorityPeriod = z.infer<typeof AuthorityPeriod>;

export const CodeLineage = named(
  'CodeLineage',
  '实施编码沿革 How a matter’s implementation code changed across the city: from and to bound each new code (R15)',
  listOf(
    z.strictObject({
      tenant: z.string(),
      matter: z.string(),
      from: instant,
      to: z.optional(instant),
      oldCode: z.nullable(z.string()),
      newCode: z.string(),
      rollout: z.nullable(z.string()),
      fromBody: z.nullable(bodyRef),
      toBody: bodyRef,
    }),
  ),
);

export const AuthorityHistory = named(
  'AuthorityHistory',
  '事项实施主体时间线 Every period of a matter in a tenant, oldest first',
  listOf(AuthorityPeriod),
);

/** The catalogue's fields are missing when the city's definition is gone: the tenant still holds the matter. */
const localMatterShape = {
  code: z.string(),
  name: z.string(),
  type: z.optional(z.enum(MATTER_TYPES)),
  statutoryDays: z.optional(days),
  promisedDays: z.optional(days),
  onTheSpot: z.optional(z.boolean()),
  fees: z.array(Fee),
  windowLocation: z.optional(z.string()),
  /** Jointly or centrally handled here (art. 42(2)): the tenant's setting, else the city's flag. */
  jointHandling: z.optional(z.enum(JOINT_HANDLINGS)),
  /** The approval levels a case goes through here (R16): the tenant's own, else the city's default. */
  approvalLevels: z.optional(z.array(approvalLevelShape)),
  /** The largest file accepted per material here (issue 16), bytes; 20 MB when absent. */
  materialMaxBytes: z.optional(z.int().check(z.minimum(1))),
  /** `false`: only files provide a material here, no paper original (issue 16). */
  paperOriginals: z.optional(z.literal(false)),
};

export const LocalMatter = named(
  'LocalMatter',
  '本租户办理的事项（含本地设置）A matter as the tenant handles it, its own settings applied',
  z.strictObject(localMatterShape),
);
export type LocalMatter = z.infer<typeof LocalMatter>;

export const EmpoweredMatter = named(
  'EmpoweredMatter',
  '赋权事项 A matter the tenant holds at the instant, with who holds it',
  z.strictObject({
    ...localMatterShape,
    authority: AuthorityView,
    implementationCode: z.nullable(z.string()),
  }),
);
export type EmpoweredMatter = z.infer<typeof EmpoweredMatter>;

export const EmpoweredMatterList = named(
  'EmpoweredMatterList',
  '赋权事项清单 The tenant’s empowered matters at an instant',
  z.strictObject({ at: instant, items: z.array(EmpoweredMatter) }),
);
export type EmpoweredMatterList = z.infer<typeof EmpoweredMatterList>;

const dayLists = { holidays: z.array(date), workdays: z.array(date) };
const calendarSource = z.enum(['city', 'national', 'statutory']);
/** True while no State Council notice is entered for the year: its statutory holidays alone (source `statutory`). */
const provisional = z.boolean();

export const CityCalendar = named(
  'CityCalendar',
  '城市工作日历 A city’s calendar for a year: the one it set (`city`), the national schedule, or, provisionally until a notice is entered, the statutory holidays (`statutory`)',
  z.strictObject({ city: z.string(), year: z.int(), source: calendarSource, provisional, ...dayLists }),
);
export type CityCalendar = z.infer<typeof CityCalendar>;

export const EvaluationSettings = named(
  'EvaluationSettings',
  '城市好差评规则 What a city sets for evaluation (R18): the working days a 差评 has to be rectified (default 5), ' +
    'the natural days after which an unrated service takes the default (7) and the level it takes (3 基本满意); ' +
    'and the working days a supervising body has to sign for a pushed decision (R20, 审管联动, 1)',
  z.strictObject({
    rectificationDays: z.int(),
    defaultRatingDays: z.int(),
    defaultRatingLevel: z.int(),
    receiptDays: z.int(),
  }),
);
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;

export const TenantCalendarOverride = named(
  'TenantCalendarOverride',
  '租户日历调整 A tenant’s overrides of its city’s calendar for a year',
  z.strictObject({ tenant: z.string(), year: z.int(), ...dayLists }),
);

export const TenantCalendar = named(
  'TenantCalendar',
  '租户有效工作日历 A tenant’s effective calendar: its city’s with its overrides applied (`override` lists them)',
  z.strictObject({
    tenant: z.string(),
    year: z.int(),
    source: calendarSource,
    provisional,
    ...dayLists,
    override: z.optional(z.strictObject(dayLists)),
  }),
);
export type TenantCalendar = z.infer<typeof TenantCalendar>;

export const WorkingDay = named(
  'WorkingDay',
  '第 n 个工作日 The n-th working day after the date asked; `provisional` when the count crossed a year without an entered notice',
  z.strictObject({ date, provisional }),
);
