import type { MatterDefinition } from '@onewindow/domain';
import { demoTenants } from '../tenancy';
import { buildCatalogue, departmentOf, fromDepartments, type TableDepartment } from './library';
import type { DemoExtraBody, DemoRolloutPlan } from './types';

/**
 * Seed 002 (鞍山高新区《行政权力事项实施主体调整工作方案》, 2024年9月3日): the approval bureau
 * hands back “126项行政权力事项，具体政务服务业务子项181个。其中，行政许可75项事项130个业务，
 * 行政确认17项事项17个业务，其他行政权力34项事项34个业务”, to “管委会内设部门13个，驻区机构
 * 1个”. The annexes naming them are not in the seed.
 *
 * tenancy.ts has 7 departments and `resident-agency`; the 6 below complete the 13. Their
 * names follow the zone's “高新区××局” pattern; the seed does not name them.
 */
export const anshanExtraBodies: readonly DemoExtraBody[] = [
  { code: 'science-technology', name: '高新区科技创新局', kind: 'department' },
  { code: 'urban-management', name: '高新区城市管理局', kind: 'department' },
  { code: 'agriculture', name: '高新区农业农村局', kind: 'department' },
  { code: 'water', name: '高新区水利局', kind: 'department' },
  { code: 'transport', name: '高新区交通运输局', kind: 'department' },
  { code: 'human-resources', name: '高新区人力资源和社会保障局', kind: 'department' },
];

/**
 * Per department, what it takes back. A licence with several handling items lists their
 * suffixes (新办/变更/延续…); every confirmation and other power has exactly one item, as
 * the seed counts them. `resident-agency` (the one 驻区机构) takes the land-use and forestry
 * matters, as a city bureau's branch resident in the zone would.
 */
const ANSHAN: readonly TableDepartment[] = [
  {
    body: 'economic-development',
    entries: {
      licence: [
        '企业投资项目核准',
        ['政府投资项目审批', ['项目建议书审批', '可行性研究报告审批', '初步设计审批']],
        '固定资产投资项目节能审查',
        '在电力设施周围或者电力设施保护区内进行可能危及电力设施安全作业审批',
      ],
      other: [
        '企业投资项目备案',
        '企业技术改造投资项目备案',
        '对外贸易经营者备案登记',
        '单用途商业预付卡发卡企业备案',
      ],
    },
  },
  {
    body: 'planning-construction',
    entries: {
      licence: [
        ['建设项目用地预审与选址意见书核发', ['核发', '变更']],
        ['建设用地规划许可证核发', ['划拨用地', '出让用地']],
        ['建设工程规划许可证核发', ['新办', '变更']],
        '乡村建设规划许可证核发',
        ['建筑工程施工许可证核发', ['新办', '变更']],
        ['商品房预售许可', ['新办', '变更']],
        ['燃气经营许可证核发', ['新办', '变更']],
        '建设工程消防设计审查',
        '建设工程消防验收',
        ['应建防空地下室的民用建筑项目报建审批', ['结合修建', '易地修建']],
        '拆除人民防空工程审批',
      ],
      confirmation: ['建设工程竣工规划核实', '建筑起重机械使用登记', '公共租赁住房保障资格审核'],
      other: [
        '房屋建筑和市政基础设施工程竣工验收备案',
        '建设工程消防验收备案',
        '人民防空工程竣工验收备案',
        '商品房现售备案',
        '房地产经纪机构备案',
        '建设工程招标投标情况书面报告备案',
      ],
    },
  },
  {
    body: 'social-affairs',
    entries: {
      licence: [
        [
          '实施中等及以下学历教育、学前教育、自学考试助学及其他文化教育的学校设立、变更和终止审批',
          ['设立', '变更', '终止'],
        ],
        '教师资格认定',
        '校车使用许可',
        '医疗机构设置审批',
        ['医疗机构执业登记', ['执业登记', '变更登记', '注销登记']],
        ['公共场所卫生许可', ['新办', '变更', '延续']],
        ['饮用水供水单位卫生许可', ['新办', '延续']],
        ['医师执业注册', ['首次注册', '变更注册']],
        ['护士执业注册', ['首次注册', '延续注册']],
        '放射诊疗许可',
        ['社会团体成立、变更、注销登记', ['成立登记', '变更登记', '注销登记']],
        ['民办非企业单位成立、变更、注销登记', ['成立登记', '变更登记', '注销登记']],
        '营业性演出审批',
        '娱乐场所从事娱乐场所经营活动审批',
        '互联网上网服务营业场所经营单位设立审批',
        '经营高危险性体育项目许可',
      ],
      confirmation: [
        '城乡最低生活保障对象认定',
        '最低生活保障边缘家庭认定',
        '特困人员认定',
        '孤儿、事实无人抚养儿童认定',
        '困难残疾人生活补贴和重度残疾人护理补贴资格认定',
        '慈善组织认定',
        '归侨侨眷身份确认',
      ],
      other: [
        '养老机构备案',
        '民办学校招生简章和广告备案',
        '中医诊所备案',
        '演出场所经营单位备案',
        '艺术品经营单位备案',
      ],
    },
  },
  {
    body: 'ecology-environment',
    entries: {
      licence: [['建设项目环境影响评价文件审批', ['环境影响报告书', '环境影响报告表']]],
      other: ['突发环境事件应急预案备案', '固定污染源排污登记'],
    },
  },
  {
    body: 'market-regulation',
    entries: {
      licence: [
        ['食品经营许可', ['新办', '变更', '延续', '注销']],
        ['药品零售企业许可', ['新办', '变更']],
        ['公司设立、变更、注销登记', ['设立登记', '变更登记', '注销登记']],
        ['个体工商户注册、变更、注销登记', ['注册登记', '变更登记', '注销登记']],
        '特种设备使用登记',
        '计量标准器具核准',
      ],
      confirmation: ['股权出质登记'],
      other: ['第二类医疗器械经营备案', '食品经营（仅销售预包装食品）备案'],
    },
  },
  {
    body: 'emergency',
    entries: {
      licence: [
        ['危险化学品经营许可', ['新办', '变更']],
        ['烟花爆竹经营（零售）许可', ['新办', '延续']],
        '危险化学品建设项目安全条件审查',
        '危险化学品建设项目安全设施设计审查',
      ],
      other: [
        '生产经营单位生产安全事故应急预案备案',
        '危险化学品重大危险源备案',
        '第三类非药品类易制毒化学品生产备案',
        '第三类非药品类易制毒化学品经营备案',
      ],
    },
  },
  {
    body: 'public-security',
    entries: {
      licence: [
        ['旅馆业特种行业许可证核发', ['新办', '变更']],
        '公章刻制业特种行业许可证核发',
        '举办大型群众性活动安全许可',
      ],
    },
  },
  {
    body: 'science-technology',
    entries: {
      licence: [['外国人来华工作许可', ['新办', '延期', '注销']]],
      confirmation: ['技术合同认定登记'],
      other: ['科技型中小企业评价'],
    },
  },
  {
    body: 'urban-management',
    entries: {
      licence: [
        '城市建筑垃圾处置核准',
        ['占用、挖掘城市道路审批', ['占用城市道路', '挖掘城市道路']],
        '特殊车辆在城市道路上行驶审批',
        [
          '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批',
          ['设置大型户外广告', '悬挂、张贴宣传品'],
        ],
        ['工程建设涉及城市绿地、树木审批', ['占用城市绿地', '砍伐、迁移城市树木']],
        ['城镇污水排入排水管网许可', ['新办', '变更', '延续']],
        '从事城市生活垃圾经营性清扫、收集、运输、处理服务审批',
      ],
    },
  },
  {
    body: 'agriculture',
    entries: {
      licence: [
        ['农药经营许可', ['新办', '变更', '延续']],
        ['兽药经营许可证核发', ['新办', '变更']],
        ['动物防疫条件合格证核发', ['新办', '变更']],
        '动物诊疗许可证核发',
        '农作物种子生产经营许可',
        ['拖拉机和联合收割机登记', ['注册登记', '变更登记', '注销登记']],
      ],
      other: ['农作物种子生产经营备案', '畜禽养殖场、养殖小区备案'],
    },
  },
  {
    body: 'water',
    entries: {
      licence: [
        ['取水许可', ['新办', '延续']],
        ['生产建设项目水土保持方案审批', ['新报', '变更']],
        [
          '洪水影响评价类审批',
          ['河道管理范围内建设项目工程建设方案审批', '非防洪建设项目洪水影响评价报告审批'],
        ],
      ],
      other: ['生产建设项目水土保持设施自主验收报备', '水利工程开工备案'],
    },
  },
  {
    body: 'transport',
    entries: {
      licence: [
        ['道路货物运输经营许可', ['新办', '变更']],
        '道路旅客运输经营许可',
        '网络预约出租汽车经营许可',
        '网络预约出租汽车运输证核发',
        '涉路施工许可',
        '公路超限运输许可',
      ],
      confirmation: ['巡游出租汽车驾驶员从业资格注册'],
      other: ['机动车维修经营备案', '机动车驾驶员培训备案', '小微型客车租赁经营备案'],
    },
  },
  {
    body: 'human-resources',
    entries: {
      licence: [
        ['人力资源服务许可', ['新办', '变更']],
        ['劳务派遣经营许可', ['新办', '变更', '延续']],
        ['企业实行不定时工作制和综合计算工时工作制审批', ['不定时工作制', '综合计算工时工作制']],
        '民办职业培训学校设立、分立、合并、变更及终止审批',
      ],
      confirmation: ['工伤认定', '就业困难人员认定', '企业职工正常退休审批', '特殊工种提前退休审批'],
      other: ['劳务派遣单位设立分公司备案', '集体合同审查'],
    },
  },
  {
    body: 'resident-agency',
    entries: {
      licence: ['临时用地审批', '林木采伐许可证核发', '临时使用林地审批'],
      other: ['地质灾害危险性评估报告备案'],
    },
  },
];

/** Anshan's guidance catalogue for the demo: the 126 matters (181 items) of seed 002. */
export const anshanMatters: MatterDefinition[] = buildCatalogue(ANSHAN);

/** The 14 receiving bodies (13 departments + the resident agency), in table order. */
export const anshanReceivingBodies: readonly string[] = ANSHAN.map((d) => d.body);

/**
 * The state before the reverse move: since the zone's 2020 concentration (“2020年高新区相对
 * 集中行政许可权改革以来”) the approval bureau holds all 126 matters. The seed gives no
 * day; 1 January 2021 stands in for it. Each matter comes from its line department.
 */
export const anshanInitialPlan: DemoRolloutPlan = {
  id: 'anshan-gaoxin-concentration',
  name: '高新区相对集中行政许可权改革集中事项',
  city: 'anshan',
  tenants: ['anshan.gaoxin'],
  matters: anshanMatters.map((m) => m.code),
  mode: 'transfer',
  effectiveAt: '2021-01-01T00:00:00+08:00',
  from: fromDepartments('anshan.gaoxin', anshanMatters),
  to: 'approval-bureau',
  seal: 'approval-bureau-seal',
};

const bodyNames: ReadonlyMap<string, string> = new Map(
  [...(demoTenants.find((t) => t.id === 'anshan.gaoxin')?.bodies ?? []), ...anshanExtraBodies].map((b) => [
    b.code,
    b.name,
  ]),
);

/**
 * The reverse move, one rollout per receiving body (a rollout has one receiving body code).
 * The seed dates the move by its deadline: “行政权力事项实施主体调整工作整体要于9月6日前全面
 * 完成” (2024); the agreements take effect at the start of 6 September 2024. Each body
 * approves under its own seal from then (“交接协议生效后新受理的申请，应在相关办理结果上加盖
 * 事项划入部门印章”); no transition period.
 */
export const anshanReturnPlans: readonly DemoRolloutPlan[] = anshanReceivingBodies.map((body) => ({
  id: `anshan-gaoxin-return-${body}`,
  name: `高新区行政权力事项实施主体调整（划入${bodyNames.get(body) ?? body}）`,
  city: 'anshan',
  tenants: ['anshan.gaoxin'],
  matters: anshanMatters.filter((m) => departmentOf(m) === body).map((m) => m.code),
  mode: 'transfer',
  effectiveAt: '2024-09-06T00:00:00+08:00',
  from: 'anshan.gaoxin/approval-bureau',
  to: body,
  seal: `${body}-seal`,
}));
