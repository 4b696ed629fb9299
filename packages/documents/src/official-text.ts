import type { Lang } from './text';

/**
 * The parts every official document (文书) carries beside its own text: its number, the legal
 * basis, the remedies of a refusal, the handling person, the hall's address and phone, the
 * applicant's acknowledgement line and the centre's business seal.
 */
const zh = {
  docNo: (no: string) => `文号：${no}`,
  basis: (basis: string) => `法律依据：${basis}`,
  /** Art. 38 (2) of the Licensing Law; art. 20 and 46 of the Reconsideration and Procedure Laws. */
  remedies: (respondent: string) =>
    `如不服本决定，可以自收到本决定书之日起六十日内向${respondent}的上一级主管部门或者本级人民政府依法申请行政复议（被申请人：${respondent}），也可以自收到本决定书之日起六个月内以${respondent}为被告依法向人民法院提起行政诉讼。`,
  handler: (name: string) => `承办人：${name}`,
  hall: (address: string | undefined, phone: string | undefined) =>
    [address ? `办理地点：${address}` : '', phone ? `咨询电话：${phone}` : ''].filter(Boolean).join('　'),
  receipt: '签收栏',
  receiptLine: '本文书已收到。申请人（或代理人）签名：＿＿＿＿＿＿　签收日期：＿＿＿＿年＿＿月＿＿日',
  businessSeal: '业务专用章',
};

export const OFFICIAL_TEXT: Readonly<Record<Lang, typeof zh>> = {
  zh,
  en: {
    docNo: (no) => `Document No. ${no}`,
    basis: (basis) => `Legal basis: ${basis}`,
    remedies: (respondent) =>
      `If you disagree with this decision you may apply for administrative reconsideration within 60 days of receiving it (respondent: ${respondent}), or bring an administrative suit against ${respondent} in a people's court within six months.`,
    handler: (name) => `Handled by ${name}`,
    hall: (address, phone) =>
      [address ? `Address: ${address}` : '', phone ? `Phone: ${phone}` : ''].filter(Boolean).join('  '),
    receipt: 'Acknowledgement',
    receiptLine: 'Received. Signature of the applicant (or agent): ________  Date: ________',
    businessSeal: 'Business seal',
  },
};
