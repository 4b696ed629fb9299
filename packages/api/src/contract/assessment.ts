import * as z from 'zod/mini';
import { named } from './registry';

/** A figure kept by counters: a whole number (a withdrawn card takes 1 back). */
const n = z.int();
const rate = z.nullable(z.number().check(z.minimum(0), z.maximum(1)));
const month = z.string().check(z.regex(/^\d{4}-\d{2}$/));

const row = {
  id: z.string(),
  name: z.string(),
  received: n,
  accepted: n,
  rejected: n,
  withdrawn: n,
  terminated: n,
  approved: n,
  denied: n,
  issued: n,
  decided: n,
  onTime: n,
  /** 按时办结率: decided within the promised limit (extensions and art. 45 pauses included) over decided. */
  onTimeRate: rate,
  /** 平均用时: working days from acceptance to decision, pauses left out, over decided. */
  averageDays: z.nullable(z.number()),
  extended: n,
  paused: n,
  cards: z.strictObject({
    yellow: n,
    red: n,
    byTrigger: z.record(z.string(), z.strictObject({ yellow: n, red: n })),
  }),
  ratings: z.strictObject({
    rated: n,
    levels: z.strictObject({ '1': n, '2': n, '3': n, '4': n, '5': n }),
    defaulted: n,
    excluded: n,
    satisfaction: rate,
  }),
  rectifications: z.strictObject({ opened: n, onTime: n, late: n, onTimeRate: rate }),
  /** 绿色通道 (重点项目) cases counted apart: received, decided, decided on time. */
  greenChannel: z.strictObject({ received: n, decided: n, onTime: n }),
};

export const AssessmentRow = named(
  'AssessmentRow',
  '月度考核的一行：租户、部门、窗口、工作人员或事项 One row of the monthly assessment: the tenant, a body, a window, a staff member or a matter',
  z.strictObject(row),
);
export type AssessmentRow = z.infer<typeof AssessmentRow>;

export const TenantAssessment = named(
  'TenantAssessment',
  '租户月度考核（计数器汇总，请求数与办件量无关）A tenant’s month, from counters: the same requests whatever the number of cases',
  z.strictObject({
    tenant: z.string(),
    tenantName: z.string(),
    month,
    totals: AssessmentRow,
    bodies: z.array(AssessmentRow),
    windows: z.array(AssessmentRow),
    staff: z.array(AssessmentRow),
    matters: z.array(AssessmentRow),
  }),
);
export type TenantAssessment = z.infer<typeof TenantAssessment>;

export const CityAssessment = named(
  'CityAssessment',
  '城市月度考核排名 A city’s monthly ranking of its tenants, best first',
  z.strictObject({
    city: z.string(),
    month,
    ranking: z.array(
      z.strictObject({ ...row, rank: z.int().check(z.minimum(1)), score: z.nullable(z.number()) }),
    ),
  }),
);
export type CityAssessment = z.infer<typeof CityAssessment>;

export const NotificationList = named(
  'NotificationList',
  '本人收到的督办、催办通知 The caller’s own notifications: each urge on a card they are responsible for, newest first',
  z.strictObject({
    items: z.array(
      z.strictObject({
        staff: z.string(),
        at: z.string(),
        kind: z.enum(['urge']),
        by: z.string(),
        note: z.string(),
        cardId: z.string(),
        caseNo: z.string(),
        matterName: z.string(),
        colour: z.string(),
        trigger: z.string(),
      }),
    ),
  }),
);
export type NotificationList = z.infer<typeof NotificationList>;
