import type { SealedResult } from '@onewindow/domain';
import type { Lang } from './text';

const zh = {
  title: (approved: boolean): string => (approved ? '准予行政许可决定书' : '不予行政许可决定书'),
  body: (r: Pick<SealedResult, 'matterName' | 'item' | 'outcome'>) =>
    `你（单位）申请的“${r.matterName}”${r.item ? `（办理项 ${r.item}）` : ''}，经审查，${
      r.outcome === 'approve'
        ? '符合法定条件、标准，决定准予行政许可。'
        : '不符合法定条件、标准，决定不予行政许可。'
    }`,
  reasons: (r: string) => `理由：${r}`,
  decision: '决定',
  decidedAt: '决定时间',
  issuedAt: '出件时间',
  approvingBody: '审批机构',
  delivery: '送达方式',
  qr: '扫码核验本结果',
  verifyAt: (url: string) => `核验：${url}`,
  code: (code: string) => `核验码：${code}`,
  signature: (keyId: string) => `电子签名（密钥 ${keyId}）`,
  outcomes: { approve: '准予许可', deny: '不予许可' } satisfies Record<SealedResult['outcome'], string>,
  deliveries: { window: '窗口领取', mail: '邮寄送达' } satisfies Record<SealedResult['delivery'], string>,
  approvals: '审批记录',
  levels: { undertake: '承办', review: '审核', sign: '审批（签发）' } as Record<string, string>,
  signer: '签署人',
  opinion: '意见',
};

export const RESULT_TEXT: Readonly<Record<Lang, typeof zh>> = {
  zh,
  en: {
    title: (approved) =>
      approved
        ? 'Decision granting an administrative licence'
        : 'Decision refusing an administrative licence',
    body: (r) =>
      `Your application for “${r.matterName}”${r.item ? ` (item ${r.item})` : ''} has been examined: ${
        r.outcome === 'approve'
          ? 'it meets the statutory conditions and standards, and the licence is granted.'
          : 'it does not meet the statutory conditions and standards, and the licence is refused.'
      }`,
    reasons: (r) => `Reasons: ${r}`,
    decision: 'Decision',
    decidedAt: 'Decided',
    issuedAt: 'Issued',
    approvingBody: 'Approving body',
    delivery: 'Delivery',
    qr: 'Scan to verify this result',
    verifyAt: (url) => `Verify at ${url}`,
    code: (code) => `Verification code: ${code}`,
    signature: (keyId) => `Signature (key ${keyId})`,
    outcomes: { approve: 'Approve', deny: 'Deny' },
    deliveries: { window: 'Collect at the window', mail: 'By mail' },
    approvals: 'Approval record',
    levels: { undertake: 'Undertaking', review: 'Review', sign: 'Approval (sign-off)' },
    signer: 'Signed by',
    opinion: 'Opinion',
  },
};
