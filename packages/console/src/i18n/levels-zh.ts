/** Approval levels (审批层级, R16) on the case page and the matter forms, in Chinese (levels-en.ts: the same keys). */
export const levelsZh = {
  title: '审批层级',
  kind: { undertake: '承办', review: '审核', sign: '审批（签发）' } as Record<string, string>,
  headMark: '（负责人签署）',
  waiting: '待签署',
  signedBy: (who: string, when: string) => `${who} · ${when}`,
  formTitle: (level: string) => `签署${level}意见`,
  opinion: '意见',
  opinionHint: '通过交上一级；退回下一级须写明理由。同一人不能签署两级。',
  outcome: { pass: '同意，交上一级', return: '退回下一级' } as Record<string, string>,
  button: '签署',
  signOffOpinion: '审批意见',
  setting: '审批层级',
  settingHint:
    '一级：审批人直接决定；多级按承办 → 审核 → 签发依次签署，签发可要求由机构负责人签署。即办件只有一级。',
  presets: {
    '': '一级（直接决定）',
    'undertake,sign': '两级：承办 → 签发',
    'undertake,review,sign': '三级：承办 → 审核 → 签发',
    'undertake,review,sign!': '三级：承办 → 审核 → 签发（负责人）',
  } as Record<string, string>,
};
