import { CARD_COLOURS, CARD_STATUSES, CARD_TRIGGERS, CLOCK_COLOURS, PROOF_LIMITS } from '@onewindow/domain';
import * as z from 'zod/mini';
import { CaseSummary, ratingExclusion, ratingLevel, rectificationShape } from './cases';
import { Fee } from './catalogue';
import { amount, bodyRef, count, date, instant, listOf, named, pageOf } from './registry';
import { Absence } from './tenancy';

export const InboxItem = named(
  'InboxItem',
  '作出决定时即推送至监管部门的审批结果（R10、R20），出件后附印章 A decision pushed to the supervising body when made, its seal once issued',
  z.strictObject({
    caseNo: z.string(),
    caseTenant: z.string(),
    matter: z.string(),
    matterName: z.string(),
    applicantName: z.string(),
    outcome: z.enum(['approve', 'deny']),
    approvingBody: bodyRef,
    /** Names read by the pusher from the deciding tenant, which the supervisor cannot read. */
    approvingBodyName: z.optional(z.string()),
    sealName: z.optional(z.string()),
    /** The result's seal and issuance, attached once it is issued (R20 pushes at the decision). */
    seal: z.optional(z.strictObject({ id: z.string(), body: bodyRef, tenant: z.string() })),
    decidedAt: instant,
    issuedAt: z.optional(instant),
    /** The supervising body's receipt (签收): when and by whom; absent until signed for. */
    signedAt: z.optional(instant),
    signedBy: z.optional(z.string()),
    signedByName: z.optional(z.string()),
    /**
     * The liaison (联络人) the supervising body had named for the approving department when the
     * push was made, who signs for it: staff id and the staff register's name then (issue 15).
     */
    liaison: z.optional(z.string()),
    liaisonName: z.optional(z.string()),
  }),
);
export type InboxItem = z.infer<typeof InboxItem>;

export const Liaison = named(
  'SupervisionLiaison',
  '联络人（审管联动）：监管机构为某部门指定的负责签收其推送的本机构监管人员 ' +
    "A supervising body's liaison for a department: its supervisor who signs for that department's pushes",
  z.strictObject({
    supervisingBody: bodyRef,
    department: bodyRef,
    staff: z.string(),
    /** The staff register's name when the liaison was named. */
    staffName: z.optional(z.string()),
    updatedAt: instant,
    updatedBy: z.string(),
  }),
);
export type Liaison = z.infer<typeof Liaison>;

export const LiaisonList = named(
  'SupervisionLiaisonList',
  '监管机构的联络人，按部门 A supervising body’s liaisons, by department',
  z.strictObject({ body: bodyRef, items: z.array(Liaison) }),
);
export type LiaisonList = z.infer<typeof LiaisonList>;

export const HolderFinding = named(
  'HolderFinding',
  '申请人此前办件的监管意见（不含证件号码）A supervision finding on an earlier case of the same holder, without the number',
  z.strictObject({
    caseNo: z.string(),
    matter: z.string(),
    matterName: z.string(),
    at: instant,
    severity: z.enum(['info', 'concern', 'violation']),
    text: z.string(),
    /** The supervising body that recorded it. */
    body: bodyRef,
  }),
);
export type HolderFinding = z.infer<typeof HolderFinding>;

export const HolderFindingPage = named(
  'HolderFindingPage',
  '申请人此前办件的监管意见，新的在前 A holder’s earlier findings, newest first',
  pageOf(HolderFinding),
);
export type HolderFindingPage = z.infer<typeof HolderFindingPage>;

export const Inbox = named(
  'SupervisionInbox',
  '监管部门收件箱，新的在前 A supervising body’s inbox, newest first',
  z.strictObject({ body: bodyRef, items: z.array(InboxItem), cursor: z.optional(z.string()) }),
);
export type Inbox = z.infer<typeof Inbox>;

const colourCounts = Object.fromEntries(CLOCK_COLOURS.map((c) => [c, count])) as Record<
  (typeof CLOCK_COLOURS)[number],
  typeof count
>;

export const Board = named(
  'SupervisionBoard',
  '电子监察：在办件时限颜色、各机构超期数、月度收办件（计数器汇总）Open cases by colour, overdue per body, intake and completion per month, from counters',
  z.strictObject({
    counts: z.strictObject(colourCounts),
    bodies: z.array(
      // `—` stands for open cases no body handles yet.
      z.strictObject({ body: z.string(), ...colourCounts, overdue: count }),
    ),
    months: z.array(
      z.strictObject({
        month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
        received: count,
        accepted: count,
        issued: count,
        /** R18: the month's ratings that count, by level; defaults and excluded (upheld appeals) besides. */
        ratings: z.strictObject({
          rated: count,
          levels: z.strictObject({ '1': count, '2': count, '3': count, '4': count, '5': count }),
          defaulted: count,
          excluded: count,
          satisfaction: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
        }),
      }),
    ),
    /**
     * The first open cases, red first, then yellow, then green: at most 20. The counts above
     * are every open case; `GET /v1/tenants/{tenant}/cases?clock=red` (yellow, green) and
     * `?body=` page through them all.
     */
    cases: z.array(CaseSummary).check(z.maxLength(20)),
  }),
);
export type Board = z.infer<typeof Board>;

export const Rectification = named(
  'Rectification',
  '差评整改台账条目（R18）：整改时限（工作日）、答复、回访、超期上报、申诉与复核，及当前状态 ' +
    'A rectification ledger entry: the limit in working days, the answer, call-backs, escalation, the appeal and its decision, and where it stands',
  z.strictObject({
    caseNo: z.string(),
    tenant: z.optional(z.string()),
    matter: z.optional(z.string()),
    matterName: z.string(),
    body: z.optional(bodyRef),
    level: z.optional(ratingLevel),
    ratedAt: z.optional(instant),
    comment: z.optional(z.string()),
    reasons: z.optional(z.array(z.string())),
    objects: z.optional(z.array(z.string())),
    channel: z.optional(z.string()),
    excluded: z.optional(ratingExclusion),
    ...rectificationShape,
    status: z.enum(['open', 'overdue', 'answered', 'called-back', 'appeal-upheld']),
  }),
);
export type Rectification = z.infer<typeof Rectification>;

export const RectificationList = named(
  'RectificationList',
  '差评整改台账，新的在前 A rectification ledger, newest first',
  listOf(Rectification),
);

const eventRef = z.strictObject({ seq: count, type: z.string(), at: instant, hash: z.string() });

export const ClockProof = named(
  'ClockProof',
  '时钟证明：时限起算事件、允许工作日、延期与暂停计时（均注明所据事件）、逐日是否计入及原因 ' +
    "A card's clock proof: the start event, the days allowed, the extension and the pauses with their events, every day counted or not and why",
  z.strictObject({
    limit: z.enum(PROOF_LIMITS),
    /** The step whose own limit this is (limit `step`). */
    stepId: z.optional(z.string()),
    start: date,
    startEvent: eventRef,
    allowed: count,
    extension: z.optional(z.strictObject({ days: count, event: eventRef })),
    pauses: z.array(
      z.strictObject({ stepId: z.string(), from: eventRef, to: z.optional(eventRef), workingDays: count }),
    ),
    deadline: date,
    today: date,
    workingDaysLeft: z.int(),
    warnDays: count,
    calendars: z.array(z.strictObject({ year: z.int(), provisional: z.boolean() })),
    days: z.array(
      z.strictObject({
        date,
        kind: z.enum(['working', 'weekend', 'holiday', 'make-up']),
        pausedBy: z.optional(z.string()),
        counted: z.boolean(),
      }),
    ),
  }),
);

export const Card = named(
  'SupervisionCard',
  '电子监察亮灯（R19）：黄灯时限临近、红灯已超时限，附时钟证明；未说明理由、突破一次性告知、收费超出目录即亮红灯，附所据事件；及申辩、核定与督办记录 ' +
    'An e-supervision card: yellow when a limit is near, red once passed, with its clock proof; red at once for a refusal without reasons, a notice beyond the one-time notice or a fee outside the catalogue, with the events; its contest, review and urges',
  z.strictObject({
    id: z.string(),
    caseNo: z.string(),
    tenant: z.string(),
    matterName: z.string(),
    /** The case's matter and window, where the monthly assessment counts the card. */
    matter: z.optional(z.string()),
    window: z.optional(z.string()),
    body: z.optional(bodyRef),
    /** What raised it (R19): a limit (acceptance…receipt), or step, forwarding, no-reasons, notice, fee. */
    trigger: z.enum(CARD_TRIGGERS),
    /** The step (`step`) or the breaching event's seq (`notice`). */
    subject: z.optional(z.string()),
    /** A clock card's limit (its proof's); absent on an event card. */
    limit: z.optional(z.enum(PROOF_LIMITS)),
    colour: z.enum(CARD_COLOURS),
    since: date,
    raisedAt: instant,
    status: z.enum(CARD_STATUSES),
    /** A clock card's proof (the limits, step, forwarding). */
    proof: z.optional(ClockProof),
    /** An event card's evidence (no-reasons, notice, fee): the events that breached, by seq, type, instant and hash. */
    evidence: z.optional(z.array(eventRef)),
    /** What the evidence shows, in words. */
    detail: z.optional(z.strictObject({ zh: z.string(), en: z.string() })),
    contest: z.optional(z.strictObject({ at: instant, by: z.string(), reasons: z.string() })),
    review: z.optional(
      z.strictObject({
        at: instant,
        by: z.string(),
        outcome: z.enum(['upheld', 'withdrawn']),
        reason: z.string(),
      }),
    ),
    urges: z.optional(
      z.array(
        z.strictObject({
          at: instant,
          by: z.string(),
          note: z.string(),
          to: z.optional(bodyRef),
          /** The staff members told, in their notifications (`GET …/notifications`). */
          notified: z.optional(z.array(z.string())),
        }),
      ),
    ),
    /** Who a 督办 reaches when the card names them: the clerk who took the case, or the push's liaison. */
    responsible: z.optional(z.array(z.string())),
    version: count,
  }),
);

export type Card = z.infer<typeof Card>;

export const CardList = named('SupervisionCardList', '亮灯记录，新的在前 Cards, newest first', listOf(Card));

const windowGrantShape = {
  id: z.string(),
  tenant: z.string(),
  docNo: z.string(),
  staff: z.string(),
  body: bodyRef,
  matters: z.array(z.string()),
  from: instant,
  until: instant,
  grantedBy: z.string(),
  recordedBy: z.string(),
  at: instant,
  revoked: z.optional(z.strictObject({ at: instant, by: z.string(), reason: z.string() })),
};

export const WindowGrant = named(
  'WindowGrant',
  "首席代表授权书（R16）：部门负责人授权窗口工作人员在期限内当场决定并签发本部门的指定事项；事项划出该部门时即对该事项失效 A chief representative's written authorisation",
  z.strictObject(windowGrantShape),
);
export type WindowGrant = z.infer<typeof WindowGrant>;

const lapsedMatters = z.array(z.strictObject({ matter: z.string(), holder: z.optional(bodyRef) }));

export const WindowGrantView = named(
  'WindowGrantView',
  '授权书及其在 at 时刻的状态（有效/尚未生效/已过期/已撤销/已失效，lapsed 列出已划出本部门的事项及现实施主体），附姓名与事项名称 An authorisation with its standing and the names it prints',
  z.strictObject({
    ...windowGrantShape,
    status: z.union([
      z.strictObject({ state: z.literal('active'), lapsed: lapsedMatters }),
      z.strictObject({ state: z.enum(['pending', 'expired', 'revoked']) }),
      z.strictObject({ state: z.literal('lapsed'), lapsed: lapsedMatters }),
    ]),
    names: z.strictObject({
      staff: z.string(),
      grantedBy: z.string(),
      body: z.string(),
      matters: z.record(z.string(), z.string()),
    }),
    /** The standing in words, as the register prints it: 有效, 已过期, 已失效：…已划转至…, 已撤销（…）. */
    standing: z.string(),
  }),
);
export type WindowGrantView = z.infer<typeof WindowGrantView>;

export const WindowGrantList = named(
  'WindowGrantList',
  "窗口工作人员办理事项授权表 The tenant's written authorisations with their standing",
  listOf(WindowGrantView),
);

export const Receipt = named(
  'FeeReceipt',
  '收费收据 A receipt of fees collected at the window',
  z.strictObject({
    receiptNo: z.string(),
    caseNo: z.string(),
    matter: z.string(),
    amount,
    at: instant,
    fees: z.array(Fee),
  }),
);
export type Receipt = z.infer<typeof Receipt>;

export const FeeReport = named(
  'FeeReport',
  '集中收费报表（按收费部门）Fees collected between two dates, per collecting department',
  z.strictObject({
    from: date,
    to: date,
    departments: z.array(
      z.strictObject({ body: z.string(), count, total: amount, receipts: z.array(Receipt) }),
    ),
    total: amount,
  }),
);
export type FeeReport = z.infer<typeof FeeReport>;

export const Workbench = named(
  'Workbench',
  '工作台计数（计数器汇总，非扫描）The workbench counts, from the counters: open cases per status, each body’s cases waiting on its approvers by colour, today’s intake, the board’s colours, open rectifications',
  z.strictObject({
    statuses: z.record(z.string(), z.number()),
    waiting: z.record(bodyRef, z.strictObject(colourCounts)),
    receivedToday: count,
    colours: z.strictObject(colourCounts),
    rectificationsOpen: count,
    /** Results pushed to the tenant's supervising bodies and not yet signed for (待签收推送), in all and per body. */
    pushesToSign: count,
    pushesToSignByBody: z.record(bodyRef, count),
    /** AB角: who is absent now and who covers (B), so no case waits on an absent person. */
    absent: z.optional(z.array(Absence)),
  }),
);
export type Workbench = z.infer<typeof Workbench>;
