import { checkArchiveYears } from './archive/retention';
import { checkLevels } from './cases/levels';
import type { ApprovalLevel } from './cases/types';
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

/**
 * Art. 42(2) with art. 26: a matter handled through one office for several bodies (统一办理), by
 * bodies acting together (联合办理) or in one place (集中办理) is decided within 45 working days;
 * the head of the government (本级人民政府负责人) may extend it once, by up to 15.
 */
export const JOINT_HANDLINGS = ['unified', 'joint', 'centralised'] as const;
export type JointHandling = (typeof JOINT_HANDLINGS)[number];
export const JOINT_HANDLING_NAMES: Readonly<Record<JointHandling, string>> = {
  unified: '统一办理',
  joint: '联合办理',
  centralised: '集中办理',
};
/** The statutory ceiling of a jointly or centrally handled matter (art. 42(2)), in working days. */
export const JOINT_STATUTORY_DAYS = 45;

function checkJointLimit(
  joint: JointHandling | 'none' | undefined,
  statutoryDays: number,
  field: string,
): void {
  if (joint && joint !== 'none' && statutoryDays > JOINT_STATUTORY_DAYS) {
    throw invalid(
      field,
      `统一办理、联合办理、集中办理的事项法定时限不得超过${JOINT_STATUTORY_DAYS}个工作日（第四十二条第二款）`,
      `a jointly or centrally handled matter is decided within ${JOINT_STATUTORY_DAYS} working days (art. 42(2))`,
    );
  }
}

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
  /** 统一/联合/集中办理 (art. 42(2)): at most 45 statutory working days, extended on the government head's approval. */
  readonly jointHandling?: JointHandling;
  /** The city's default approval levels (R16); one level when absent. A tenant may set its own. */
  readonly approvalLevels?: readonly ApprovalLevel[];
  /** 档案保管期限 in years (R5, issue 16): over the matter type's period (archive/retention.ts). */
  readonly archiveYears?: number;
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
  checkJointLimit(m.jointHandling, m.statutoryDays, 'statutoryDays');
  if (m.approvalLevels) checkLevels(m.approvalLevels, m.onTheSpot);
  if (m.archiveYears !== undefined) checkArchiveYears(m.archiveYears);
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
  /** The tenant's own approval levels (承办/审核/签发, R16), over the city's default. */
  readonly approvalLevels?: readonly ApprovalLevel[];
  /** The tenant handles the matter jointly or centrally (art. 42(2)), or `none` where the city's flag does not hold here. */
  readonly jointHandling?: JointHandling | 'none';
  /** The largest file accepted per material of this matter (issue 16), bytes; 20 MB unless set. */
  readonly materialMaxBytes?: number;
  /** `false`: no paper original provides a material here, only files (issue 16); allowed unless set. */
  readonly paperOriginals?: boolean;
}

/** Whether the tenant handles the matter jointly or centrally: its own setting, else the city's flag. */
export function jointHandlingOf(m: MatterDefinition, s: LocalMatterSettings): JointHandling | undefined {
  const j = s.jointHandling ?? m.jointHandling;
  return j === 'none' ? undefined : j;
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
  checkJointLimit(s.jointHandling, m.statutoryDays, 'jointHandling');
  if (s.fees) uniqueCodes(s.fees, 'fees');
  if (s.approvalLevels) checkLevels(s.approvalLevels, m.onTheSpot);
}
