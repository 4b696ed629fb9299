import { invalid } from '../errors';
import type { Role } from '../roles';
import type { StepKind } from './types';

/**
 * The bounds of case command input, stated once: the decider checks them, the API schemas
 * and the console's forms read them from here.
 */

/**
 * Art. 42: the head of the body may extend the limit once, by up to ten working days; a jointly
 * or centrally handled matter (art. 42(2)) by up to fifteen, on the government head's approval.
 */
export const EXTENSION_DAYS = { min: 1, max: 10, joint: 15 } as const;

/**
 * R19: a step's own limit, in working days from the day it started (the start day not counted),
 * on the tenant's calendar. `start-step` may give `days` (min–max); else the kind's default:
 * - review (审查) 5: the back office's own review, the length of a short promised limit;
 * - site-inspection (现场勘验) 10: the usual limit sector rules set for 现场核查;
 * - expert-review (专家评审) 20: expert panels are convened and report within a month;
 * - hearing (听证) 20: art. 47 has the hearing held within 20 days of the request;
 * - guidance-review (指导意见, R6) 5: advice the decision never waits for;
 * - joint-review (并联审批/会签) 10: the participating bodies countersign, as a site inspection's 10.
 * Inspection, expert review and hearing pause the case's clock (art. 45), so only this limit
 * can show that one drags on.
 */
export const STEP_DAYS = {
  min: 1,
  max: 60,
  defaults: {
    review: 5,
    'site-inspection': 10,
    'expert-review': 20,
    hearing: 20,
    'guidance-review': 5,
    'joint-review': 10,
  } as Readonly<Record<StepKind, number>>,
} as const;

/**
 * R19: who may sign off a later notice asking for a material the one-time notice did not name
 * (突破一次性告知): the tenant's administrator, or a supervisor (监管人员). The signer sends the
 * notice themselves; the event records them, and the case gets a red card all the same.
 */
export const NOTICE_SIGNERS: readonly Role[] = ['tenant-admin', 'supervisor'];

/** 好差评: five levels; one or two open a rectification. */
export const RATING_LEVELS = { min: 1, max: 5 } as const;

/** R18: a 差评 is rectified within this many working days, as the city sets it (5, 7 and 15 are all in use). */
export const RECTIFICATION_DAYS = { min: 1, max: 30, default: 5 } as const;

/** R18: an unrated service takes the city's default after this many natural days. */
export const DEFAULT_RATING_DAYS = { min: 1, max: 90, default: 7 } as const;
/** The level an unrated service takes: never a 差评, since nobody said it (基本满意 unless the city says more). */
export const DEFAULT_RATING_LEVEL = { min: 3, max: 5, default: 3 } as const;

/** R20: a supervising body signs for (签收) a pushed decision within this many working days. */
export const RECEIPT_DAYS = { min: 1, max: 5, default: 1 } as const;

/** What a city sets for evaluation (R18) and for 审管联动 receipts (R20). */
export interface EvaluationSettings {
  /** Working days a 差评's rectification has, on the tenant's calendar. */
  readonly rectificationDays: number;
  /** Natural days after a service is handled before an unrated one takes the default. */
  readonly defaultRatingDays: number;
  /** The level it takes, recorded as the default, not as the applicant's word. */
  readonly defaultRatingLevel: number;
  /** Working days a supervising body has to sign for a pushed decision (R20). */
  readonly receiptDays: number;
}

/** R18's bounds on what a city sets: each a whole number within them, else a validation error naming it. */
export function checkEvaluation(settings: EvaluationSettings): void {
  const bounds: [keyof EvaluationSettings, { min: number; max: number }, string, string][] = [
    ['rectificationDays', RECTIFICATION_DAYS, '整改时限（工作日）', 'the rectification limit (working days)'],
    ['defaultRatingDays', DEFAULT_RATING_DAYS, '默认评价天数', 'the days before the default rating'],
    ['defaultRatingLevel', DEFAULT_RATING_LEVEL, '默认评价等级', 'the default rating level'],
    ['receiptDays', RECEIPT_DAYS, '审管联动签收时限（工作日）', 'the receipt limit (working days)'],
  ];
  for (const [field, b, zh, en] of bounds) {
    const v = settings[field];
    if (!Number.isInteger(v) || v < b.min || v > b.max)
      throw invalid(field, `${zh}应为 ${b.min}–${b.max}`, `${en} is ${b.min}–${b.max}`);
  }
}

export const DEFAULT_EVALUATION: EvaluationSettings = {
  rectificationDays: RECTIFICATION_DAYS.default,
  defaultRatingDays: DEFAULT_RATING_DAYS.default,
  defaultRatingLevel: DEFAULT_RATING_LEVEL.default,
  receiptDays: RECEIPT_DAYS.default,
};

/** The five levels by their names (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意; 1 and 2 are 差评. */
export const RATING_LEVEL_NAMES: Readonly<Record<number, { readonly zh: string; readonly en: string }>> = {
  5: { zh: '非常满意', en: 'very satisfied' },
  4: { zh: '满意', en: 'satisfied' },
  3: { zh: '基本满意', en: 'fairly satisfied' },
  2: { zh: '不满意', en: 'dissatisfied' },
  1: { zh: '非常不满意', en: 'very dissatisfied' },
};

/**
 * What a rating says was good or bad: the evaluation indicators of GB/T 39734-2020, the on-site
 * ones (整体满意度, 服务效率, 服务水平, 服务态度) and the online ones (办事效率 is 服务效率 here,
 * 办事指南精确度, 办事便捷度, 平台操作性).
 */
export const RATING_REASONS = [
  'overall',
  'efficiency',
  'competence',
  'attitude',
  'guide-accuracy',
  'convenience',
  'platform',
] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** What is rated: the window, the person who served, the matter (its rules and process). */
export const RATED_OBJECTS = ['window', 'person', 'matter'] as const;
export type RatedObject = (typeof RATED_OBJECTS)[number];

/** Where the rating was given: the window's rating device, the web portal, the mobile app, the 12345 hotline. */
export const RATING_CHANNELS = ['window-device', 'web', 'mobile', 'hotline'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
