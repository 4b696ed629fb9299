/** Electronic materials (电子材料, issue 16): the case page's panel and the public online upload (materials-en.ts: the same keys). */
export const materialsZh = {
  files: '文件',
  scan: { 'not-scanned': '未扫描（本地）', pending: '待扫描', clean: '安全', infected: '已隔离' } as Record<
    string,
    string
  >,
  channel: { window: '窗口收取', online: '网上申报', reuse: '复用' } as Record<string, string>,
  verified: '核验件',
  verify: '核验（与原件一致）',
  pick: (name: string) => `选择文件：${name}`,
  upload: '上传',
  types: '可上传 PDF、JPEG、PNG 或 OFD 文件，单个不超过 20 MB。',
  send: (name: string) => `请再次选择“${name}”并上传，然后返回。`,
  unavailable: '暂时无法读取',
  done: { uploaded: '文件已上传', verified: '已标记为核验件', reused: '已复用材料' } as Record<
    string,
    string
  >,
  reuse: '可复用的材料',
  consent: '免提交：经申请人同意复用',
  online: '网上申报',
  byFiles: (n: number) => `以上传的 ${n} 份文件提供`,
};
