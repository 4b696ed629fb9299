import {
  APPEAL_GROUNDS,
  APPEAL_OUTCOMES,
  APPLICANT_KINDS,
  CALLBACK_CHANNELS,
  CALLBACK_VIEWS,
  CASE_ACTIONS,
  CASE_STATUSES,
  CLOCK_COLOURS,
  DELIVERY_METHODS,
  JOINT_HANDLINGS,
  LEVEL_KINDS,
  MATTER_TYPES,
  MODES,
  RATED_OBJECTS,
  RATING_CHANNELS,
  RATING_LEVELS,
  RATING_REASONS,
  ROLES,
  STEP_KINDS,
} from '@onewindow/domain';
import * as z from 'zod/mini';
import { Fee, Material } from './catalogue';
import { amount, bilingual, bodyRef, count, date, days, instant, named, pageOf } from './registry';

/** The case commands a caller may send, by the name of their route (the domain's guards decide which). */
export { CASE_ACTIONS };
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** R16: the authorisation a chief representative decided under: its id, 文号 and department. */
const decidedUnder = z.strictObject({ id: z.string(), docNo: z.string(), body: bodyRef });
/** A rating of the service, 1–5. */
/** R18 after a 差评: a call-back to the rater and the centre's appeal, as the case and the ledger carry them. */
export const rectificationCallback = z.strictObject({
  at: instant,
  by: z.string(),
  view: z.enum(CALLBACK_VIEWS),
  channel: z.optional(z.enum(CALLBACK_CHANNELS)),
  note: z.optional(z.string()),
});
export const ratingAppeal = z.strictObject({
  at: instant,
  by: z.string(),
  ground: z.enum(APPEAL_GROUNDS),
  statement: z.string(),
  decidedAt: z.optional(instant),
  decidedBy: z.optional(z.string()),
  outcome: z.optional(z.enum(APPEAL_OUTCOMES)),
  reason: z.optional(z.string()),
});
/** A rectification as the case holds it: its current round, its call-backs, escalation and appeal. */
export const rectificationShape = {
  openedAt: instant,
  dueDate: date,
  round: z.optional(count),
  closedAt: z.optional(instant),
  response: z.optional(z.string()),
  callbacks: z.optional(z.array(rectificationCallback)),
  escalatedAt: z.optional(instant),
  appeal: z.optional(ratingAppeal),
};
/** Set by an upheld appeal: the rating counts in no statistic, for this reason. */
export const ratingExclusion = z.strictObject({ at: instant, reason: z.string() });

export const ratingLevel = z.int().check(z.minimum(RATING_LEVELS.min), z.maximum(RATING_LEVELS.max));
/** What a rating adds to its level (R18, GB/T 39734): what was good or bad, what is rated, where it was given. */
export const ratingShape = {
  level: ratingLevel,
  comment: z.optional(z.string()),
  reasons: z.optional(z.array(z.enum(RATING_REASONS))),
  objects: z.optional(z.array(z.enum(RATED_OBJECTS))),
  channel: z.optional(z.enum(RATING_CHANNELS)),
  /** The city's default for a service left unrated, given by the clock: not the applicant's word. */
  default: z.optional(z.boolean()),
};

const outcome = z.enum(['approve', 'deny']);
const applicantShape = {
  kind: z.enum(APPLICANT_KINDS),
  name: z.string(),
  idNumber: z.string(),
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
};
/** 代理人, masked like the applicant. */
const agent = named(
  'MaskedAgent',
  '代理人（证件号码与电话已脱敏）The agent, number and phone masked like the applicant’s',
  z.strictObject({ name: z.string(), idNumber: z.string(), phone: z.optional(z.string()) }),
);
const delivery = z.enum(DELIVERY_METHODS);
/** As every view but the reveal shows it (privacy.ts): the number's first 4 and last 4 characters. */
const applicant = named(
  'MaskedApplicant',
  '申请人（证件号码已脱敏，仅显示前4位和后4位；联系电话仅显示前3位和后4位；完整信息经“查看完整信息”取得并留痕）The applicant, its number masked to the first 4 and last 4 characters and its phone to the first 3 and last 4; the full data only from the reveal, recorded',
  z.strictObject(applicantShape),
);
const fullApplicant = z.strictObject(applicantShape);

export const Notice = named(
  'CaseNotice',
  '告知（一次性告知、时限暂停与恢复、延期）A notice given to the applicant',
  z.strictObject({
    kind: z.enum(['one-time-notice', 'clock-excluded', 'clock-resumed', 'extension']),
    at: instant,
    zh: z.string(),
    en: z.string(),
    missing: z.optional(z.array(Material)),
  }),
);
export type Notice = z.infer<typeof Notice>;

export const Step = named(
  'CaseStep',
  '办理环节；excluded 的环节不计入办理时限（第四十五条）A step; an excluded one does not count against the limit',
  z.strictObject({
    id: z.string(),
    kind: z.enum(STEP_KINDS),
    bodies: z.array(bodyRef),
    joint: z.boolean(),
    excluded: z.boolean(),
    startedAt: instant,
    /** The step's own limit in working days (R19); absent on older steps: the kind's default. */
    days: z.optional(count),
    finishedAt: z.optional(instant),
    outcome: z.optional(z.enum(['pass', 'fail'])),
    note: z.optional(z.string()),
    /** A joint review's countersignatures (会签), one per participating body; `late` after the step's limit. */
    countersigns: z.optional(
      z.array(
        z.strictObject({
          body: bodyRef,
          by: z.string(),
          at: instant,
          opinion: z.string(),
          outcome: z.enum(['agree', 'disagree']),
          late: z.optional(z.boolean()),
        }),
      ),
    ),
    /** The lead body decided without the countersignatures of `pending`, with its reason. */
    override: z.optional(
      z.strictObject({ by: z.string(), at: instant, reason: z.string(), pending: z.array(bodyRef) }),
    ),
  }),
);
export type Step = z.infer<typeof Step>;

export const Binding = named(
  'CaseBinding',
  '受理时绑定的办理机构、印章与监管部门（R2），此后不随划转改变 What the case is bound to at acceptance',
  z.strictObject({
    body: bodyRef,
    seal: z.string(),
    supervisingBody: bodyRef,
    mode: z.enum(MODES),
    periodFrom: instant,
    originBody: z.optional(bodyRef),
    guidedBy: z.optional(bodyRef),
    rollout: z.optional(z.string()),
  }),
);
export type Binding = z.infer<typeof Binding>;

/** An approval level (R16): 承办, 审核 or 审批（签发）, the last the sign-off; `head` when the body's head signs it. */
const approvalLevel = z.strictObject({ kind: z.enum(LEVEL_KINDS), head: z.optional(z.boolean()) });
/** A level's signature: its signer, when, and the opinion (意见). */
const levelOpinion = z.strictObject({
  level: count,
  kind: z.enum(LEVEL_KINDS),
  by: z.string(),
  at: instant,
  opinion: z.string(),
});

const resultShape = {
  caseNo: z.string(),
  tenant: z.string(),
  matter: z.string(),
  matterName: z.string(),
  item: z.optional(z.string()),
  applicantName: z.string(),
  outcome,
  reasons: z.optional(z.string()),
  appealRights: z.optional(z.string()),
  decidedAt: instant,
  issuedAt: instant,
  approvingBody: bodyRef,
  /** The approving body's USCC at issuance, when the registry held one (the e-licence issuer code). */
  approvingBodyUscc: z.optional(z.string()),
  seal: z.strictObject({ id: z.string(), body: bodyRef, tenant: z.string() }),
  keyId: z.string(),
  /** Every approval level's signer and opinion (R16), when the decision had levels or an opinion. */
  approvals: z.optional(z.array(levelOpinion)),
  /** Ed25519 over the canonical JSON of the fields above (`/v1/public/keys`). */
  signature: z.string(),
  delivery: z.enum(['window', 'mail']),
};

export const Result = named(
  'CaseResult',
  '办理结果（加盖印章并签名）The sealed and signed result',
  z.strictObject(resultShape),
);
export type Result = z.infer<typeof Result>;

export const ResultView = named(
  'CaseResultView',
  '办理结果及其印模、验证地址 The result with the paths of its seal imprint and its public verification',
  z.strictObject({ ...resultShape, imprint: z.string(), verify: z.string() }),
);
export type ResultView = z.infer<typeof ResultView>;

const finding = z.strictObject({
  at: instant,
  by: z.string(),
  body: bodyRef,
  text: z.string(),
  severity: z.enum(['info', 'concern', 'violation']),
});
const commitment = z.strictObject({ materials: z.array(z.string()), supplementBy: date });
const limits = z.strictObject({
  promisedDays: days,
  statutoryDays: days,
  onTheSpot: z.boolean(),
  warnDays: days,
  deficiencyLapse: z.enum(['terminate', 'flag']),
  /** 统一/联合/集中办理 (art. 42(2)): 45 working days, extended by ≤ 15 on the government head's approval. */
  jointHandling: z.optional(z.enum(JOINT_HANDLINGS)),
});
/** Who approved an extension (经本机关/本级人民政府负责人批准, art. 42). */
const approvedBy = z.strictObject({
  id: z.string(),
  name: z.string(),
  as: z.enum(['head', 'government-head']),
});
/** A file a material was provided with, as the chain recorded it (issue 16); the case read adds its scan and verification. */
const providedFile = z.strictObject({
  code: z.string(),
  id: z.string(),
  version: count,
  name: z.string(),
  sha256: z.string(),
  sm3: z.string(),
  size: count,
  type: z.string(),
  scan: z.optional(z.enum(['pending', 'clean', 'infected', 'not-scanned'])),
  verified: z.optional(z.strictObject({ watermark: z.string(), by: z.string(), at: instant })),
});
const materialCheck = z.strictObject({
  ...Material.shape,
  provided: z.boolean(),
  originals: z.optional(count),
  copies: z.optional(count),
  /** How it was provided: the paper original seen at the window, or files. */
  form: z.optional(z.enum(['paper', 'electronic'])),
  files: z.optional(z.array(providedFile)),
});
const deficiency = z.strictObject({
  materials: z.array(z.string()),
  supplementBy: date,
  lapsed: z.optional(z.boolean()),
});

/** Each event as the timeline shows it: numbered, hashed, and the applicant's number masked. */
const event = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({
    type: z.literal(type),
    at: instant,
    actor: z.string(),
    /** The absent A whose post the actor (its B) covered (AB角): the act was on A's behalf. */
    onBehalfOf: z.optional(z.string()),
    seq: count,
    hash: z.string(),
    ...shape,
  });

export const CaseEvent = named(
  'CaseEvent',
  '办件记录（哈希链）One event of the case, chained by hash to the one before',
  z.discriminatedUnion('type', [
    event('received', {
      caseNo: z.string(),
      tenant: z.string(),
      matter: z.string(),
      matterName: z.string(),
      matterType: z.optional(z.enum(MATTER_TYPES)),
      item: z.optional(z.string()),
      applicant,
      agent: z.optional(agent),
      delivery: z.optional(delivery),
      window: z.optional(z.string()),
      greenChannel: z.optional(z.strictObject({ reason: z.string() })),
      materials: z.array(materialCheck),
      paperOriginals: z.optional(z.literal(false)),
      limits,
      levels: z.optional(z.array(approvalLevel)),
      fees: z.array(Fee),
      competent: z.boolean(),
      body: z.optional(bodyRef),
      commitment: z.optional(commitment),
      queryCodeHash: z.string(),
    }),
    event('correction-notified', {
      notice: Notice,
      docNo: z.optional(z.string()),
      /** R19: who allowed a notice beyond the one-time notice (its sender), and why. */
      signOff: z.optional(
        z.strictObject({ reason: z.string(), by: z.string(), roles: z.array(z.enum(ROLES)) }),
      ),
    }),
    event('supplemented', { materials: z.array(z.string()), files: z.optional(z.array(providedFile)) }),
    event('accepted', {
      acceptedAt: instant,
      deemed: z.boolean(),
      binding: Binding,
      deficiency: z.optional(deficiency),
      docNo: z.optional(z.string()),
    }),
    event('deficiency-cleared', {}),
    event('deficiency-lapsed', { terminated: z.boolean() }),
    event('rejected', {
      reason: z.string(),
      competentAuthority: z.optional(z.string()),
      docNo: z.optional(z.string()),
    }),
    event('withdrawn', { reason: z.string() }),
    event('step-started', {
      stepId: z.string(),
      kind: z.enum(STEP_KINDS),
      bodies: z.array(bodyRef),
      days: z.optional(count),
      notice: z.optional(Notice),
    }),
    event('step-finished', {
      stepId: z.string(),
      outcome: z.enum(['pass', 'fail']),
      note: z.optional(z.string()),
      notice: z.optional(Notice),
    }),
    event('guidance-requested', { requestId: z.string(), body: bodyRef, question: z.optional(z.string()) }),
    event('guidance-given', { requestId: z.string(), body: bodyRef, opinion: z.string() }),
    event('extended', { days, reason: z.string(), notice: Notice, approvedBy: z.optional(approvedBy) }),
    event('countersigned', {
      stepId: z.string(),
      body: bodyRef,
      opinion: z.string(),
      outcome: z.enum(['agree', 'disagree']),
      late: z.optional(z.boolean()),
    }),
    event('countersign-overridden', { stepId: z.string(), reason: z.string(), pending: z.array(bodyRef) }),
    event('level-passed', { level: count, kind: z.enum(LEVEL_KINDS), opinion: z.string() }),
    event('level-returned', { level: count, kind: z.enum(LEVEL_KINDS), to: count, opinion: z.string() }),
    event('decided', {
      opinion: z.optional(z.string()),
      outcome,
      reasons: z.optional(z.string()),
      appealRights: z.optional(z.string()),
      amount: z.optional(amount),
      docNo: z.optional(z.string()),
      authorisation: z.optional(decidedUnder),
    }),
    event('fee-paid', { receiptNo: z.string(), amount }),
    event('issued', { result: Result, supervisingBody: bodyRef, docNo: z.optional(z.string()) }),
    event('finding-recorded', { finding }),
    event('rated', ratingShape),
    event('rectification-opened', { dueDate: date }),
    event('rectification-closed', { response: z.string() }),
    event('rectification-called-back', {
      view: z.enum(CALLBACK_VIEWS),
      channel: z.optional(z.enum(CALLBACK_CHANNELS)),
      note: z.optional(z.string()),
      dueDate: z.optional(date),
    }),
    event('rectification-escalated', { dueDate: date }),
    event('rating-appealed', { ground: z.enum(APPEAL_GROUNDS), statement: z.string() }),
    event('appeal-decided', { outcome: z.enum(APPEAL_OUTCOMES), reason: z.string() }),
  ]),
);
export type CaseEvent = z.infer<typeof CaseEvent>;

const summaryShape = {
  caseNo: z.string(),
  tenant: z.string(),
  matter: z.string(),
  matterName: z.string(),
  item: z.optional(z.string()),
  applicant,
  status: z.enum(CASE_STATUSES),
  statusName: bilingual,
  /** The body that handles the case. */
  body: z.optional(bodyRef),
  seal: z.optional(z.string()),
  supervisingBody: z.optional(bodyRef),
  receivedAt: instant,
  acceptedAt: z.optional(instant),
  deficiency: z.optional(deficiency),
  /** 绿色通道: a key project (重点项目) flagged at intake with the clerk's reason; open queues list it first. */
  greenChannel: z.optional(z.strictObject({ reason: z.string() })),
  /** The approval level waiting (R16) and who signed the levels below it; absent on one-level and decided cases. */
  level: z.optional(
    z.strictObject({
      kind: z.enum(LEVEL_KINDS),
      head: z.optional(z.boolean()),
      signedBy: z.array(z.string()),
    }),
  ),
  clock: z.enum(CLOCK_COLOURS),
  /** Promised due date (承诺时限), moved by excluded steps and the extension. */
  dueDate: z.optional(date),
  statutoryDueDate: z.optional(date),
  /** Until when acceptance may be decided before the case counts as accepted (art. 32 (4)). */
  acceptBy: z.optional(date),
  /** Issuance deadline once decided (art. 44). */
  issueBy: z.optional(date),
  /** A special step is running: the clock is stopped. */
  paused: z.boolean(),
  /** A date fell in a year with no published calendar: weekends only until one is set. */
  provisional: z.boolean(),
  /** In lists: working days from today to the running deadline (剩余工作日), negative when overdue; open cases only. */
  workingDaysLeft: z.optional(z.int()),
  /** Send it back as If-Match to act on this version only. */
  version: count,
};

export const CaseSummary = named(
  'CaseSummary',
  '办件列表行（身份证件号码已脱敏）A row of a case list: identity number masked, no materials or timeline',
  z.strictObject(summaryShape),
);
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CasePage = named('CasePage', '办件列表 A page of cases', pageOf(CaseSummary));
export type CasePage = z.infer<typeof CasePage>;

const caseViewShape = {
  ...summaryShape,
  competent: z.boolean(),
  agent: z.optional(agent),
  /** How the applicant takes the result: window, post or e-delivery. */
  delivery: z.optional(delivery),
  /** The window (窗口号) the application was taken at. */
  window: z.optional(z.string()),
  binding: z.optional(Binding),
  deemedAccepted: z.optional(z.literal(true)),
  /** Each material with how it was provided and its files (issue 16): what approvers read first. */
  materials: z.array(materialCheck),
  /** The matter takes no paper originals: only files provide a material. */
  paperOriginals: z.optional(z.literal(false)),
  limits,
  /** The matter's approval levels at intake, when more than one (R16). */
  levels: z.optional(z.array(approvalLevel)),
  /** The levels signed so far; the next level is the one waiting. */
  opinions: z.optional(z.array(levelOpinion)),
  notices: z.array(Notice),
  steps: z.array(Step),
  extension: z.optional(
    z.strictObject({ days, reason: z.string(), at: instant, approvedBy: z.optional(approvedBy) }),
  ),
  decision: z.optional(
    z.strictObject({
      outcome,
      reasons: z.optional(z.string()),
      appealRights: z.optional(z.string()),
      amount: z.optional(amount),
      at: instant,
      by: z.string(),
      /** Every level's signature, the sign-off last (R16). */
      opinions: z.optional(z.array(levelOpinion)),
      /** R16: the chief representative's written authorisation (授权书) the decision was taken under. */
      authorisation: z.optional(decidedUnder),
    }),
  ),
  fees: z.array(Fee),
  payment: z.optional(z.strictObject({ receiptNo: z.string(), amount, at: instant, by: z.string() })),
  result: z.optional(Result),
  findings: z.array(finding),
  /** R6 `guided`: the origin department's opinions the case's body asked for, or it gave unasked; never a condition of the decision. */
  guidance: z.optional(
    z.array(
      z.strictObject({
        id: z.string(),
        body: bodyRef,
        requestedAt: z.optional(instant),
        requestedBy: z.optional(z.string()),
        question: z.optional(z.string()),
        opinion: z.optional(z.string()),
        givenAt: z.optional(instant),
        givenBy: z.optional(z.string()),
      }),
    ),
  ),
  rating: z.optional(z.strictObject({ ...ratingShape, at: instant, excluded: z.optional(ratingExclusion) })),
  rectification: z.optional(z.strictObject(rectificationShape)),
  closedAt: z.optional(instant),
  closing: z.optional(z.strictObject({ reason: z.string(), competentAuthority: z.optional(z.string()) })),
  /** The numbers (文号) of the documents issued so far, by kind. */
  documents: z.optional(
    z.strictObject({
      notice: z.optional(z.string()),
      acceptance: z.optional(z.string()),
      rejection: z.optional(z.string()),
      decision: z.optional(z.string()),
      result: z.optional(z.string()),
    }),
  ),
  events: z.array(CaseEvent),
  /** The case commands the caller may send now, by the decider's guards. */
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
};

export const CaseView = named(
  'CaseView',
  '办件详情（含全过程记录）The case for staff: everything, with its timeline',
  z.strictObject(caseViewShape),
);
export type CaseView = z.infer<typeof CaseView>;

export const IntakeReceipt = named(
  'IntakeReceipt',
  '收件回执：办件详情、仅此一次显示的查询码，材料不全时的一次性告知 The case as taken, its query code (shown once only) and the one-time notice when materials are missing',
  z.strictObject({
    ...caseViewShape,
    queryCode: z.string(),
    oneTimeNotice: z.optional(
      z.strictObject({
        /** Codes of the missing materials. */
        missing: z.array(z.string()),
        items: z.optional(z.array(Material)),
        text: bilingual,
      }),
    ),
  }),
);
export type IntakeReceipt = z.infer<typeof IntakeReceipt>;

export const Responsibility = named(
  'CaseResponsibility',
  '责任主体（复议、诉讼、投诉、档案；R4、R5）；受理前为 null Who answers for the case; null before acceptance',
  z.strictObject({
    caseNo: z.string(),
    approvingBody: z.nullable(bodyRef),
    reconsiderationRespondent: z.nullable(bodyRef),
    litigationDefendant: z.nullable(bodyRef),
    supervisingBody: z.nullable(bodyRef),
    supervisionComplaints: z.nullable(bodyRef),
    archiveCustodian: z.nullable(bodyRef),
    boundAt: z.nullable(instant),
    originBody: z.optional(bodyRef),
  }),
);
export type Responsibility = z.infer<typeof Responsibility>;

const fileDigests = z.strictObject({ sha256: z.string(), sm3: z.string(), size: count });

export const Integrity = named(
  'CaseIntegrity',
  '记录哈希链校验：完整与否，及第一处断裂 Whether the event chain holds, and its first broken link',
  z.strictObject({
    caseNo: z.string(),
    intact: z.boolean(),
    events: count,
    firstBroken: z.optional(count),
    reason: z.optional(z.enum(['sequence', 'previous-hash', 'hash'])),
    /** Issue 16: each file the chain recorded, re-hashed from the object store; `intact` covers them too. */
    files: z.optional(
      z.strictObject({
        intact: z.boolean(),
        checked: count,
        mismatches: z.array(
          z.strictObject({
            code: z.string(),
            id: z.string(),
            version: count,
            name: z.string(),
            reason: z.enum(['object-changed', 'object-missing', 'record-changed']),
            expected: fileDigests,
            found: z.optional(fileDigests),
          }),
        ),
      }),
    ),
  }),
);
export type Integrity = z.infer<typeof Integrity>;

export const AccessEntry = named(
  'PersonalDataAccess',
  '个人信息查看记录：哪个机构（窗口人员为其租户）、何种岗位、何种用途、何时；不含工作人员身份 One access to the applicant’s data: body (a window clerk’s tenant), role, purpose, when; never the person',
  z.strictObject({ at: instant, body: z.string(), role: z.enum(ROLES), purpose: z.string() }),
);
export type AccessEntry = z.infer<typeof AccessEntry>;

export const AccessLog = named(
  'PersonalDataAccessLog',
  '个人信息查看记录，按时间先后 Every access to the applicant’s data, oldest first',
  z.array(AccessEntry),
);

export const RevealedApplicant = named(
  'RevealedApplicant',
  '申请人完整信息（证件号码不脱敏），及本次查看留下的记录 The applicant unmasked, with the access record this reveal wrote',
  z.strictObject({ caseNo: z.string(), applicant: fullApplicant, access: AccessEntry }),
);
export type RevealedApplicant = z.infer<typeof RevealedApplicant>;

export const CaseNames = named(
  'CaseNames',
  '办件所涉名称：租户、机构、印章、工作人员（编号 → 名称）The names of the tenant, bodies, seal and staff a case names by id',
  z.strictObject({ caseNo: z.string(), names: z.record(z.string(), z.string()) }),
);
export type CaseNames = z.infer<typeof CaseNames>;
