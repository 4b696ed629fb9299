import type { MatterType } from '@onewindow/domain';
import type { Lang } from './text';

interface Wording {
  /** The document's title when granted, and when refused. */
  readonly title: readonly [string, string];
  /** What is decided when granted (a payment names its amount, in yuan), and when refused. */
  readonly grant: (amount?: number) => string;
  readonly refuse: string;
}

const yuan = (amount: number) => amount.toFixed(2);

/** The decision's words follow the kind of power the matter is (权力类型, catalogue.ts). */
const ZH: Readonly<Record<MatterType, Wording>> = {
  licence: {
    title: ['准予行政许可决定书', '不予行政许可决定书'],
    grant: () => '决定准予许可',
    refuse: '决定不予许可',
  },
  payment: {
    title: ['准予给付决定书', '不予给付决定书'],
    grant: (a) => (a === undefined ? '决定准予给付' : `决定准予给付，给付金额为人民币${yuan(a)}元`),
    refuse: '决定不予给付',
  },
  levy: { title: ['行政征收决定书', '不予征收决定书'], grant: () => '决定予以征收', refuse: '决定不予征收' },
  confirmation: {
    title: ['行政确认决定书', '不予确认决定书'],
    grant: () => '决定予以确认',
    refuse: '决定不予确认',
  },
  reward: {
    title: ['行政奖励决定书', '不予奖励决定书'],
    grant: () => '决定给予奖励',
    refuse: '决定不予奖励',
  },
  ruling: {
    title: ['行政裁决书', '行政裁决书'],
    grant: () => '裁决支持申请人的请求',
    refuse: '裁决驳回申请人的请求',
  },
  'review-forward': {
    title: ['审核转报意见书', '不予转报决定书'],
    grant: () => '审核同意，予以转报',
    refuse: '决定不予转报',
  },
  filing: { title: ['准予备案通知书', '不予备案通知书'], grant: () => '准予备案', refuse: '决定不予备案' },
  'public-service': {
    title: ['办理结果通知书', '不予办理通知书'],
    grant: () => '决定准予办理',
    refuse: '决定不予办理',
  },
  other: { title: ['审批决定书', '不予批准决定书'], grant: () => '决定予以批准', refuse: '决定不予批准' },
};

const EN: Readonly<Record<MatterType, Wording>> = {
  licence: {
    title: ['Decision granting an administrative licence', 'Decision refusing an administrative licence'],
    grant: () => 'the licence is granted',
    refuse: 'the licence is refused',
  },
  payment: {
    title: ['Decision granting a payment', 'Decision refusing a payment'],
    grant: (a) => (a === undefined ? 'the payment is granted' : `a payment of CNY ${yuan(a)} is granted`),
    refuse: 'the payment is refused',
  },
  levy: {
    title: ['Levy decision', 'Decision not to levy'],
    grant: () => 'the levy is made',
    refuse: 'no levy is made',
  },
  confirmation: {
    title: ['Decision of confirmation', 'Decision refusing confirmation'],
    grant: () => 'it is confirmed',
    refuse: 'confirmation is refused',
  },
  reward: {
    title: ['Decision granting a reward', 'Decision refusing a reward'],
    grant: () => 'the reward is granted',
    refuse: 'the reward is refused',
  },
  ruling: {
    title: ['Administrative ruling', 'Administrative ruling'],
    grant: () => 'the request is upheld',
    refuse: 'the request is dismissed',
  },
  'review-forward': {
    title: ['Opinion forwarding the application', 'Decision not to forward'],
    grant: () => 'it is forwarded with approval',
    refuse: 'it is not forwarded',
  },
  filing: {
    title: ['Notice of filing', 'Notice refusing filing'],
    grant: () => 'the filing is accepted',
    refuse: 'the filing is refused',
  },
  'public-service': {
    title: ['Notice of the result', 'Notice of refusal'],
    grant: () => 'the service is granted',
    refuse: 'the service is refused',
  },
  other: {
    title: ['Decision of approval', 'Decision refusing approval'],
    grant: () => 'it is approved',
    refuse: 'it is refused',
  },
};

export const DECISION_WORDING: Readonly<Record<Lang, Readonly<Record<MatterType, Wording>>>> = {
  zh: ZH,
  en: EN,
};

export interface DecisionFacts {
  readonly applicantName: string;
  readonly matterName: string;
  readonly item?: string;
  readonly outcome: 'approve' | 'deny';
  /** The kind of power; a licence when unknown (the documents printed before types were kept). */
  readonly matterType?: MatterType;
  /** A payment's amount in yuan. */
  readonly amount?: number;
}

export const decisionTitle = (lang: Lang, d: Pick<DecisionFacts, 'outcome' | 'matterType'>): string =>
  DECISION_WORDING[lang][d.matterType ?? 'licence'].title[d.outcome === 'approve' ? 0 : 1];

/**
 * The operative sentence, with the form's “你（单位）” resolved to the applicant's name:
 * 李明申请的“临时救助金给付”，经审查，符合法定条件、标准，决定准予给付，给付金额为人民币800.00元。
 */
export function decisionSentence(lang: Lang, d: DecisionFacts): string {
  const w = DECISION_WORDING[lang][d.matterType ?? 'licence'];
  const granted = d.outcome === 'approve';
  const what = granted ? w.grant(d.amount) : w.refuse;
  if (lang === 'en') {
    return `The application of ${d.applicantName} for “${d.matterName}”${d.item ? ` (item ${d.item})` : ''} has been examined: ${
      granted
        ? 'it meets the statutory conditions and standards, and'
        : 'it does not meet the statutory conditions and standards, and'
    } ${what}.`;
  }
  return `${d.applicantName}申请的“${d.matterName}”${d.item ? `（办理项 ${d.item}）` : ''}，经审查，${
    granted ? '符合法定条件、标准' : '不符合法定条件、标准'
  }，${what}。`;
}
