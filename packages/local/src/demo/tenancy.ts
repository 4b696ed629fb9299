/**
 * Demo organisations from the four seed scenarios (shared/seeds): the cities, their
 * tenants, the bodies that approve and supervise, and one staff member per role so a
 * person can sign in as each actor.
 */
export interface DemoTenant {
  readonly id: string;
  readonly name: string;
  readonly kind: 'district' | 'county' | 'zone' | 'subdistrict' | 'town';
  readonly parent?: string;
  /**
   * When the platform's record of the tenant begins: before the seed's first move, so the
   * pre-reform holders (R13) answer for the months before it. The seeds give no such day.
   */
  readonly since: string;
  readonly bodies: readonly {
    code: string;
    name: string;
    kind: 'approval-bureau' | 'service-centre' | 'department';
  }[];
}

const dept = (code: string, name: string) => ({ code, name, kind: 'department' as const });

export const demoCities = [
  { id: 'xian', name: '西安市' },
  { id: 'nanjing', name: '南京市' },
  { id: 'zibo', name: '淄博市' },
  { id: 'anshan', name: '鞍山市' },
];

/** Seed 001: Jiangning's sub-districts, each with a convenience service centre. */
const jiangningSubdistricts = [
  ['dongshan', '东山街道'],
  ['moling', '秣陵街道'],
  ['tangshan', '汤山街道'],
  ['chunhua', '淳化街道'],
  ['lukou', '禄口街道'],
  ['jiangning', '江宁街道'],
  ['guli', '谷里街道'],
  ['hushu', '湖熟街道'],
  ['hengxi', '横溪街道'],
  ['qilin', '麒麟街道'],
] as const;

export const demoTenants: readonly DemoTenant[] = [
  {
    id: 'xian.yanliang',
    since: '2019-01-01T00:00:00+08:00',
    name: '西安市阎良区',
    kind: 'district',
    bodies: [
      { code: 'approval-bureau', name: '阎良区行政审批服务局', kind: 'approval-bureau' },
      dept('development-reform', '阎良区发展和改革委员会'),
      dept('education', '阎良区教育局'),
      dept('civil-affairs', '阎良区民政局'),
      dept('human-resources', '阎良区人力资源和社会保障局'),
      dept('natural-resources', '阎良区自然资源局'),
      dept('housing', '阎良区住房和城乡建设局'),
      dept('transport', '阎良区交通运输局'),
      dept('water', '阎良区水务局'),
      dept('agriculture', '阎良区农业农村局'),
      dept('commerce', '阎良区商务局'),
      dept('culture-tourism', '阎良区文化和旅游体育局'),
      dept('health', '阎良区卫生健康局'),
      dept('emergency', '阎良区应急管理局'),
      dept('market-regulation', '阎良区市场监督管理局'),
      dept('civil-defence', '阎良区人民防空办公室'),
      dept('urban-management', '阎良区城市管理和综合执法局'),
      dept('press-publication', '阎良区新闻出版局'),
      dept('ethnic-religious', '阎良区民族宗教局'),
    ],
  },
  {
    id: 'nanjing.jiangning',
    since: '2020-01-01T00:00:00+08:00',
    name: '南京市江宁区',
    kind: 'district',
    bodies: [
      dept('civil-affairs', '江宁区民政局'),
      dept('human-resources', '江宁区人力资源和社会保障局'),
      dept('health', '江宁区卫生健康委员会'),
      dept('agriculture', '江宁区农业农村局'),
      dept('housing', '江宁区住房和城乡建设局'),
      dept('culture-tourism', '江宁区文化和旅游局'),
      dept('veterans', '江宁区退役军人事务局'),
    ],
  },
  ...jiangningSubdistricts.map(
    ([code, name]): DemoTenant => ({
      id: `nanjing.jiangning.${code}`,
      since: '2020-01-01T00:00:00+08:00',
      name: `江宁区${name}`,
      kind: 'subdistrict',
      parent: 'nanjing.jiangning',
      bodies: [{ code: 'convenience-centre', name: `${name}便民服务中心`, kind: 'service-centre' }],
    }),
  ),
  {
    id: 'zibo.linzi',
    since: '2019-01-01T00:00:00+08:00',
    name: '淄博市临淄区',
    kind: 'district',
    bodies: [
      { code: 'approval-bureau', name: '临淄区行政审批服务局', kind: 'approval-bureau' },
      // The 19 departments of seed 003's second batch, in the seed's order.
      dept('united-front', '临淄区委统战部（区政府侨务办公室）'),
      dept('development-reform', '临淄区发展和改革局'),
      dept('education', '临淄区教育和体育局'),
      dept('industry-it', '临淄区工业和信息化局'),
      dept('civil-affairs', '临淄区民政局'),
      dept('justice', '临淄区司法局'),
      dept('finance', '临淄区财政局'),
      dept('human-resources', '临淄区人力资源和社会保障局'),
      dept('natural-resources', '临淄区自然资源局'),
      dept('housing', '临淄区住房和城乡建设局'),
      dept('transport', '临淄区交通运输局'),
      dept('water', '临淄区水利局'),
      dept('agriculture', '临淄区农业农村局'),
      dept('commerce', '临淄区商务局'),
      dept('culture-tourism', '临淄区文化和旅游局'),
      dept('health', '临淄区卫生健康局'),
      dept('emergency', '临淄区应急管理局'),
      dept('market-regulation', '临淄区市场监督管理局'),
      dept('law-enforcement', '临淄区综合行政执法局'),
    ],
  },
  {
    id: 'anshan.gaoxin',
    since: '2020-01-01T00:00:00+08:00',
    name: '鞍山高新技术产业开发区',
    kind: 'zone',
    bodies: [
      { code: 'approval-bureau', name: '高新区行政审批局', kind: 'approval-bureau' },
      dept('economic-development', '高新区经济发展局'),
      dept('planning-construction', '高新区规划建设局'),
      dept('social-affairs', '高新区社会事业局'),
      dept('ecology-environment', '高新区生态环境分局'),
      dept('market-regulation', '高新区市场监督管理局'),
      dept('emergency', '高新区应急管理局'),
      dept('public-security', '公安局高新分局'),
      { code: 'resident-agency', name: '高新区驻区服务机构', kind: 'service-centre' },
    ],
  },
];

export interface DemoUser {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly city?: string;
  readonly tenant?: string;
  readonly body?: string;
  readonly backupFor?: string;
  /** The head (负责人) of their body (R16): approves its extensions, grants its chief representatives' authorisations. */
  readonly head?: boolean;
  /** The head of the tenant's government (本级人民政府负责人): approves a joint matter's extension (art. 42(2)). */
  readonly governmentHead?: boolean;
}

/** One user per actor; staff among them are created as the tenant's staff too. */
export const demoUsers: readonly DemoUser[] = [
  { sub: 'platform-admin', name: '平台管理员', roles: ['platform-admin'] },
  { sub: 'nanjing-admin', name: '南京市管理员 王敏', roles: ['city-admin'], city: 'nanjing' },
  {
    sub: 'jiangning-admin',
    name: '江宁区租户管理员 李强',
    roles: ['tenant-admin'],
    tenant: 'nanjing.jiangning',
  },
  {
    sub: 'dongshan-admin',
    name: '东山街道管理员 周洁',
    roles: ['tenant-admin'],
    tenant: 'nanjing.jiangning.dongshan',
  },
  {
    sub: 'dongshan-clerk',
    name: '东山窗口 张丽',
    roles: ['window-clerk'],
    tenant: 'nanjing.jiangning.dongshan',
  },
  {
    sub: 'dongshan-clerk-b',
    name: '东山窗口B角 刘芳',
    roles: ['window-clerk'],
    tenant: 'nanjing.jiangning.dongshan',
    backupFor: 'dongshan-clerk',
  },
  {
    sub: 'dongshan-approver',
    name: '东山审批 陈刚',
    roles: ['approver'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  {
    // The centre's head (负责人): grants the chief representative's written authorisation (R16, seed 004).
    sub: 'dongshan-head',
    name: '东山便民服务中心主任 郑华',
    roles: ['approver'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
    head: true,
  },
  {
    // 审核 of the homestead matter's three levels (R16): between 陈刚's 承办 and the head's 签发.
    sub: 'dongshan-reviewer',
    name: '东山审核 孙明',
    roles: ['approver'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  {
    // 本级人民政府负责人 (art. 42(2)): approves the extension of a matter handled jointly or centrally.
    // An inspector's post, so they read every case of the sub-district without handling any.
    sub: 'dongshan-government-head',
    name: '东山街道办事处主任 钱军',
    roles: ['inspector'],
    tenant: 'nanjing.jiangning.dongshan',
    governmentHead: true,
  },
  {
    sub: 'dongshan-inspector',
    name: '东山电子监察 吴静',
    roles: ['inspector'],
    tenant: 'nanjing.jiangning.dongshan',
  },
  {
    sub: 'jiangning-civil-supervisor',
    name: '江宁民政监管 赵伟',
    roles: ['supervisor'],
    tenant: 'nanjing.jiangning',
    body: 'nanjing.jiangning/civil-affairs',
  },
  {
    sub: 'jiangning-inspector',
    name: '江宁电子监察 孙燕',
    roles: ['inspector'],
    tenant: 'nanjing.jiangning',
  },
  { sub: 'xian-admin', name: '西安市管理员', roles: ['city-admin'], city: 'xian' },
  {
    sub: 'yanliang-clerk',
    name: '阎良综合窗口 杨帆',
    roles: ['window-clerk'],
    tenant: 'xian.yanliang',
  },
  {
    sub: 'yanliang-approver',
    name: '阎良审批局 黄磊',
    roles: ['approver'],
    tenant: 'xian.yanliang',
    body: 'xian.yanliang/approval-bureau',
  },
  { sub: 'zibo-admin', name: '淄博市管理员', roles: ['city-admin'], city: 'zibo' },
  { sub: 'anshan-admin', name: '鞍山市管理员', roles: ['city-admin'], city: 'anshan' },
];
