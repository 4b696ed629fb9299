/** The archive custodian's pages (档案, R5, issue 16; archive-en.ts: the same keys). */
export const archiveZh = {
  title: '档案',
  /** The list's columns, then the package page's other facts. */
  cols: ['办件编号', '事项', '办结情况', '办结时间', '保管至', '文件数', '申请人', '收件时间', '平台签名'],
  files: ['文件', '类别', '大小', '摘要', '下载'],
  uses: ['利用人', '时间', '文件', '利用目的'],
  kind: {
    result: '审批结果',
    'result-ofd': '审批结果 OFD',
    events: '办件过程记录',
    material: '申请材料',
  } as Record<string, string>,
  register: '利用登记',
  read: '查阅',
  years: (n: number) => `${n} 年`,
  disposed: '已销毁',
};
