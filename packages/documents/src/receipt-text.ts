import type { Lang } from './text';

export type ReceiptKind = 'notice' | 'receipt' | 'received' | 'rejection';

const zh = {
  title: {
    notice: '一次性告知书',
    receipt: '受理通知书',
    received: '收件回执',
    rejection: '不予受理决定书',
  } satisfies Record<ReceiptKind, string>,
  caseNo: '办件编号',
  queryCode: '查询码',
  codeGiven: '已在收件时告知',
  matter: '事项',
  applicant: '申请人',
  receivedAt: '收件时间',
  acceptedAt: '受理时间',
  promisedBy: '承诺办结日期',
  noticeIntro: (at: string, matter: string) =>
    `您于 ${at} 申请办理“${matter}”，经核验，申请材料不齐全。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项，现一次性告知您需要补正的全部内容如下：`,
  missingCaption: (n: number) => `需补正的材料（共 ${n} 项）`,
  core: '（核心材料，须补齐后方可受理）',
  noticeClosing: '请按上述清单一次补齐后，到综合受理窗口提交，凭办件编号办理。',
  deficiency: (materials: string, by: string) => `容缺受理：${materials} 须于 ${by} 前补交，逾期按规定处理。`,
  competent: (authority: string) => `请向 ${authority} 申请。`,
  acceptedIntro: (applicant: string, at: string, matter: string) =>
    `${applicant}于 ${at} 提出的“${matter}”申请，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项，决定予以受理。`,
  rejectedIntro: (applicant: string, at: string, matter: string) =>
    `${applicant}于 ${at} 提出的“${matter}”申请，经审查，根据《中华人民共和国行政许可法》第三十二条第一款，决定不予受理。理由如下：`,
  progressHint: '凭办件编号和查询码可在“办事服务”查询办理进度。',
  progressQr: '扫码查询办理进度（需输入查询码）',
  intakeWindow: (tenant: string) => `${tenant}综合受理窗口`,
};

export const RECEIPT_TEXT: Readonly<Record<Lang, typeof zh>> = {
  zh,
  en: {
    title: {
      notice: 'One-time notice',
      receipt: 'Notice of acceptance',
      received: 'Receipt',
      rejection: 'Decision not to accept',
    },
    caseNo: 'Case number',
    queryCode: 'Query code',
    codeGiven: 'given at intake',
    matter: 'Matter',
    applicant: 'Applicant',
    receivedAt: 'Received',
    acceptedAt: 'Accepted',
    promisedBy: 'Promised by',
    noticeIntro: (at, matter) =>
      `You applied for “${matter}” on ${at}. The materials are incomplete: under art. 32 (1) 4 of the Administrative Licensing Law, this notice lists everything still to be supplied, at once.`,
    missingCaption: (n) => `Materials to supply (${n})`,
    core: ' (core: needed before the case can be accepted)',
    noticeClosing: 'Bring everything listed at once to the intake window, with the case number.',
    deficiency: (materials, by) => `Accepted with a deficiency: ${materials} to be supplied by ${by}.`,
    competent: (authority) => `Apply to ${authority}.`,
    acceptedIntro: (applicant, at, matter) =>
      `The application of ${applicant} for “${matter}” made on ${at} is complete and in the statutory form: under art. 32 (1) 5 of the Administrative Licensing Law it is accepted.`,
    rejectedIntro: (applicant, at, matter) =>
      `The application of ${applicant} for “${matter}” made on ${at} has been examined: under art. 32 (1) of the Administrative Licensing Law it is not accepted, for these reasons:`,
    progressHint: 'Track progress under Public services with the case number and query code.',
    progressQr: 'Scan to follow this case (the query code is asked for)',
    intakeWindow: (tenant) => `${tenant} intake window`,
  },
};

/** The name the receipt is issued under: the tenant's intake window. */
export const intakeWindowName = (lang: Lang, tenantName: string): string =>
  RECEIPT_TEXT[lang].intakeWindow(tenantName);
