import { invalid } from './errors';
import { checkNationalCodes } from './matter-codes';

export const MATTER_TYPES = [
  'licence',
  'payment',
  'levy',
  'confirmation',
  'reward',
  'ruling',
  'review-forward',
  'filing',
  'public-service',
  'other',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

export const MATTER_TYPE_NAMES: Readonly<Record<MatterType, string>> = {
  licence: '行政许可',
  payment: '行政给付',
  levy: '行政征收',
  confirmation: '行政确认',
  reward: '行政奖励',
  ruling: '行政裁决',
  'review-forward': '审核转报',
  filing: '备案',
  'public-service': '公共服务',
  other: '其他行政权力',
};

/** Steps whose duration does not count against the time limit (art. 45). */
export const SPECIAL_STEP_KINDS = ['site-inspection', 'expert-review', 'hearing'] as const;
export type SpecialStepKind = (typeof SPECIAL_STEP_KINDS)[number];

export const SPECIAL_STEP_NAMES: Readonly<Record<SpecialStepKind, string>> = {
  'site-inspection': '现场勘验',
  'expert-review': '专家评审',
  hearing: '听证',
};

export interface HandlingItem {
  readonly code: string;
  readonly name: string;
}

export interface Material {
  readonly code: string;
  readonly name: string;
  /** Core materials can never be waived at acceptance (R8). */
  readonly core: boolean;
}

export interface Fee {
  readonly code: string;
  readonly name: string;
  /** Yuan, at most two decimals. */
  readonly amount: number;
}

export interface SpecialStep {
  readonly kind: SpecialStepKind;
  /** Working days allowed for the step, outside the time limit. */
  readonly days: number;
}

/** A matter in a city's guidance catalogue (指导目录). */
export interface MatterDefinition {
  readonly code: string;
  readonly name: string;
  readonly type: MatterType;
  readonly items: readonly HandlingItem[];
  readonly legalBasis: string;
  /** 法定时限, working days. */
  readonly statutoryDays: number;
  /** 承诺时限, working days, never above the statutory limit. */
  readonly promisedDays: number;
  /** 即办件: decided at the window in one sitting. */
  readonly onTheSpot: boolean;
  readonly materials: readonly Material[];
  readonly fees: readonly Fee[];
  readonly specialSteps?: readonly SpecialStep[];
  /** Code of the line department that owns the matter by default (`civil-affairs`). */
  readonly department?: string;
  /**
   * 基本编码 (GB/T 39554.1, 12 characters), the same for every body that carries the matter
   * out; with one, each handling item's code is its two-digit 业务办理项 sequence (R15).
   */
  readonly basicCode?: string;
}

function uniqueCodes(list: readonly { code: string }[], field: string): void {
  const seen = new Set<string>();
  for (const [index, entry] of list.entries()) {
    if (seen.has(entry.code)) {
      throw invalid(
        `${field}.${index}.code`,
        `编码“${entry.code}”重复`,
        `code '${entry.code}' appears twice`,
      );
    }
    seen.add(entry.code);
  }
}

/**
 * The rules a matter definition obeys beyond its shape: promised ≤ statutory (R9), an
 * on-the-spot matter promises 0 days, codes are unique within their list, and each
 * special step appears once.
 */
export function checkMatter(m: MatterDefinition): void {
  if (m.promisedDays > m.statutoryDays) {
    throw invalid(
      'promisedDays',
      `承诺时限（${m.promisedDays}个工作日）不得超过法定时限（${m.statutoryDays}个工作日）`,
      `the promised limit (${m.promisedDays}) must not exceed the statutory limit (${m.statutoryDays})`,
    );
  }
  if (m.onTheSpot && m.promisedDays !== 0) {
    throw invalid(
      'promisedDays',
      '即办件的承诺时限应为0个工作日',
      'an on-the-spot matter promises 0 working days',
    );
  }
  uniqueCodes(m.items, 'items');
  if (m.basicCode !== undefined) checkNationalCodes(m.basicCode, m.items);
  uniqueCodes(m.materials, 'materials');
  uniqueCodes(m.fees, 'fees');
  const kinds = new Set<string>();
  for (const [index, step] of (m.specialSteps ?? []).entries()) {
    if (kinds.has(step.kind)) {
      throw invalid(
        `specialSteps.${index}.kind`,
        '特别程序重复',
        `special step '${step.kind}' appears twice`,
      );
    }
    kinds.add(step.kind);
  }
}

/** What a tenant may set for itself on a matter it holds. */
export interface LocalMatterSettings {
  readonly promisedDays?: number;
  readonly windowLocation?: string;
  readonly fees?: readonly Fee[];
  /** Working days left at which a case's clock turns yellow (R9); 2 unless set. */
  readonly warnDays?: number;
  /** A lapsed deficiency commitment ends the case (`terminate`, the default) or only flags it. */
  readonly deficiencyLapse?: 'terminate' | 'flag';
}

/** A tenant's own promised days stay within the statutory limit. */
export function checkLocalSettings(m: MatterDefinition, s: LocalMatterSettings): void {
  if (s.promisedDays !== undefined && s.promisedDays > m.statutoryDays) {
    throw invalid(
      'promisedDays',
      `承诺时限不得超过法定时限（${m.statutoryDays}个工作日）`,
      `the promised limit must not exceed the statutory limit (${m.statutoryDays})`,
    );
  }
  if (s.promisedDays !== undefined && m.onTheSpot && s.promisedDays !== 0) {
    throw invalid(
      'promisedDays',
      '即办件的承诺时限应为0个工作日',
      'an on-the-spot matter promises 0 working days',
    );
  }
  if (s.fees) uniqueCodes(s.fees, 'fees');
}
