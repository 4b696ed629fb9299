/** The complete intake form and the matter picker, in Chinese (intake-en.ts: the same keys). */
export const intakeZh = {
  address: '联系地址（选填）',
  addressHint: '邮寄送达时必填，按此地址寄送结果。',
  agent: '代理人（委托他人代办时填写）',
  agentName: '代理人姓名',
  agentId: '代理人身份证号码',
  agentIdHint: '居民身份证号码；除经办人员查看完整信息外均脱敏显示。',
  agentPhone: '代理人联系电话（选填）',
  delivery: '结果送达方式',
  window: '受理窗口号',
  windowHint: '如 A03；记在本浏览器，下次收件自动带出。月度考核按窗口统计。',
  deliveries: { window: '窗口领取', post: '邮寄送达', 'e-delivery': '电子送达' } as Readonly<
    Record<string, string>
  >,
  counts: '原件与复印件份数（选填）',
  originals: (name: string) => `${name}：原件份数`,
  copies: (name: string) => `${name}：复印件份数`,
  search: '查找事项',
  searchHint: '可输入事项名称、拼音首字母（如 lsjz 即“临时救助”）、实施部门或事项编码',
  searchButton: '查找',
  mostUsed: '常办事项',
  results: (n: number) => `找到 ${n} 项`,
  noResults: '没有找到匹配的事项，请换个关键词。',
  pick: '选择',
  department: '实施部门',
};
