import type { MatterDefinition } from '@onewindow/domain';
import { buildCatalogue, type DepartmentEntries, fromDepartments } from './library';
import type { DemoRolloutPlan } from './types';

/**
 * Seed 003 (临政办字〔2020〕22号), second batch: “区委统战部（区政府侨务办公室）、区发展和改革局、
 * …、区综合行政执法局等19个部门单位的91项行政许可事项、20项关联事项，划转到区行政审批服务局
 * 实施”. Each of the 19 seed departments is a body of its own in tenancy.ts (`body`).
 *
 * Codes number the 19 seed departments (01–19, in the seed's order). 91 licences + 20 related matters (16 filings, 2 confirmations, 1
 * review-and-forward, 1 other).
 */
interface SeedDepartment {
  readonly name: string;
  readonly body: string;
  readonly entries: DepartmentEntries;
}

export const LINZI_SEED_DEPARTMENTS: readonly SeedDepartment[] = [
  {
    name: '区委统战部（区政府侨务办公室）',
    body: 'united-front',
    entries: { confirmation: ['归侨侨眷身份确认'] },
  },
  {
    name: '区发展和改革局',
    body: 'development-reform',
    entries: {
      licence: ['企业投资项目核准', '政府投资项目审批', '固定资产投资项目节能审查'],
      filing: ['企业投资项目备案'],
    },
  },
  {
    name: '区教育和体育局',
    body: 'education',
    entries: {
      licence: [
        '实施中等及以下学历教育、学前教育、自学考试助学及其他文化教育的学校设立、变更和终止审批',
        '教师资格认定',
        '校车使用许可',
        '适龄儿童、少年因身体状况需要延缓入学或者休学审批',
        '经营高危险性体育项目许可',
        '举办健身气功活动及设立站点审批',
      ],
    },
  },
  {
    name: '区工业和信息化局',
    body: 'industry-it',
    entries: {
      licence: [
        '在电力设施周围或者电力设施保护区内进行可能危及电力设施安全作业审批',
        '企业技术改造投资项目核准',
      ],
      filing: ['企业技术改造投资项目备案'],
    },
  },
  {
    name: '区民政局',
    body: 'civil-affairs',
    entries: {
      licence: [
        '社会团体成立登记',
        '社会团体变更登记',
        '社会团体注销登记',
        '民办非企业单位成立、变更、注销登记',
        '慈善组织公开募捐资格审核',
        '农村公益性墓地审批',
      ],
      filing: ['养老机构备案'],
    },
  },
  {
    name: '区司法局',
    body: 'justice',
    entries: { 'review-forward': ['基层法律服务工作者执业核准初审'] },
  },
  {
    name: '区财政局',
    body: 'finance',
    entries: { licence: ['代理记账机构审批'] },
  },
  {
    name: '区人力资源和社会保障局',
    body: 'human-resources',
    entries: {
      licence: [
        '人力资源服务许可',
        '劳务派遣经营许可',
        '民办职业培训学校设立、分立、合并、变更及终止审批',
        '企业实行不定时工作制和综合计算工时工作制审批',
      ],
      filing: ['劳务派遣单位设立分公司备案'],
    },
  },
  {
    name: '区自然资源局',
    body: 'natural-resources',
    entries: {
      licence: [
        '建设项目用地预审与选址意见书核发',
        '建设用地规划许可证核发',
        '建设工程规划许可证核发',
        '乡村建设规划许可证核发',
        '临时用地审批',
        '林木采伐许可证核发',
        '临时使用林地审批',
        '林草种子生产经营许可证核发',
      ],
      confirmation: ['建设工程竣工规划核实'],
    },
  },
  {
    name: '区住房和城乡建设局',
    body: 'housing',
    entries: {
      licence: [
        '建筑工程施工许可证核发',
        '商品房预售许可',
        '燃气经营许可证核发',
        '建设工程消防设计审查',
        '建设工程消防验收',
        '应建防空地下室的民用建筑项目报建审批',
      ],
      filing: ['房屋建筑和市政基础设施工程竣工验收备案', '建设工程消防验收备案'],
      other: ['建筑起重机械使用登记'],
    },
  },
  {
    name: '区交通运输局',
    body: 'transport',
    entries: {
      licence: [
        '道路货物运输经营许可',
        '道路旅客运输经营许可',
        '道路旅客运输站经营许可',
        '出租汽车经营许可',
        '网络预约出租汽车经营许可',
        '网络预约出租汽车运输证核发',
        '涉路施工许可',
        '公路超限运输许可',
      ],
      filing: ['机动车维修经营备案', '机动车驾驶员培训备案'],
    },
  },
  {
    name: '区水利局',
    body: 'water',
    entries: {
      licence: [
        '取水许可',
        '生产建设项目水土保持方案审批',
        '洪水影响评价类审批',
        '河道采砂许可',
        '水利基建项目初步设计文件审批',
        '城市建设填堵水域、废除围堤审核',
      ],
    },
  },
  {
    name: '区农业农村局',
    body: 'agriculture',
    entries: {
      licence: [
        '农药经营许可',
        '兽药经营许可证核发',
        '动物防疫条件合格证核发',
        '动物诊疗许可证核发',
        '农作物种子生产经营许可',
        '生鲜乳收购站许可',
        '拖拉机和联合收割机登记',
        '拖拉机和联合收割机驾驶证核发',
        '渔业捕捞许可',
        '水域滩涂养殖证核发',
        '农业植物检疫证书核发',
      ],
      filing: ['农作物种子生产经营备案'],
    },
  },
  {
    name: '区商务局',
    body: 'commerce',
    entries: { filing: ['对外贸易经营者备案登记', '单用途商业预付卡发卡企业备案'] },
  },
  {
    name: '区文化和旅游局',
    body: 'culture-tourism',
    entries: {
      licence: [
        '营业性演出审批',
        '娱乐场所从事娱乐场所经营活动审批',
        '互联网上网服务营业场所经营单位设立审批',
        '文艺表演团体设立审批',
        '旅行社设立许可',
        '文物保护单位及未核定为文物保护单位的不可移动文物修缮许可',
        '出版物零售单位和个体工商户设立、变更审批',
        '从事包装装潢印刷品和其他印刷品印刷经营活动企业的设立、变更审批',
      ],
      filing: ['演出场所经营单位备案'],
    },
  },
  {
    name: '区卫生健康局',
    body: 'health',
    entries: {
      licence: [
        '医疗机构设置审批',
        '医疗机构执业登记',
        '公共场所卫生许可',
        '饮用水供水单位卫生许可',
        '母婴保健技术服务机构执业许可',
        '医师执业注册',
        '护士执业注册',
        '放射诊疗许可',
      ],
      filing: ['中医诊所备案'],
    },
  },
  {
    name: '区应急管理局',
    body: 'emergency',
    entries: {
      licence: ['危险化学品经营许可', '烟花爆竹经营（零售）许可', '危险化学品建设项目安全条件审查'],
      filing: ['生产经营单位生产安全事故应急预案备案', '第三类非药品类易制毒化学品经营备案'],
    },
  },
  {
    name: '区市场监管局',
    body: 'market-regulation',
    entries: {
      licence: ['食品经营许可', '食品小作坊登记', '药品零售企业许可'],
      filing: ['第二类医疗器械经营备案'],
    },
  },
  {
    name: '区综合行政执法局',
    body: 'law-enforcement',
    entries: {
      licence: [
        '城市建筑垃圾处置核准',
        '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批',
        '工程建设涉及城市绿地、树木审批',
        '占用、挖掘城市道路审批',
        '依附于城市道路建设各种管线、杆线等设施审批',
        '特殊车辆在城市道路上行驶审批',
        '城镇污水排入排水管网许可',
        '从事城市生活垃圾经营性清扫、收集、运输、处理服务审批',
      ],
    },
  },
];

/** Linzi's second batch of 91 + 20. */
export const linziMatters: MatterDefinition[] = buildCatalogue(LINZI_SEED_DEPARTMENTS);

/** The same table codes with another slot in place of the second batch's `01`, so the lists never collide. */
const inSlot = (slot: string, matters: readonly MatterDefinition[]): MatterDefinition[] =>
  matters.map((m) => {
    const code = `${m.code.slice(0, 2)}${slot}${m.code.slice(4)}`;
    return {
      ...m,
      code,
      items: m.items.map((i) => ({ ...i, code: `${code}${i.code.slice(m.code.length)}` })),
    };
  });

/**
 * “在第一批事项划转的基础上，第二批将……”: the first batch exists before the second. The seed
 * names neither its matters nor its day; we take the market registration the Shandong approval
 * bureaus were first given, from 区市场监管局, effective 1 April 2019 (inferred, after the
 * bureaus were set up in the 2019 institutional reform).
 */
export const linziFirstBatchMatters: MatterDefinition[] = inSlot(
  '02',
  buildCatalogue([
    {
      body: 'market-regulation',
      entries: {
        licence: ['公司设立、变更、注销登记', '个体工商户注册、变更、注销登记'],
        filing: ['食品经营（仅销售预包装食品）备案'],
      },
    },
  ]),
);

export const linziFirstPlan: DemoRolloutPlan = {
  id: 'linzi-2019-first-batch',
  name: '临淄区第一批划转行政许可事项',
  city: 'zibo',
  tenants: ['zibo.linzi'],
  matters: linziFirstBatchMatters.map((m) => m.code),
  mode: 'transfer',
  effectiveAt: '2019-04-01T00:00:00+08:00',
  from: fromDepartments('zibo.linzi', linziFirstBatchMatters),
  to: 'approval-bureau',
  seal: 'approval-bureau-seal',
};

/**
 * “未列入划转清单的事项，继续由行业主管部门实施，并按照‘三集中、三到位’要求进驻区政务服务中心
 * ……基本实现‘大厅之外无审批’”: matters no batch moves stay with their department, stationed at
 * the hall (R12). Their holders are stationed from the tenant's start, window at the approval
 * bureau, which runs the hall (区政务服务管理办公室).
 */
export const linziStationedMatters: MatterDefinition[] = inSlot(
  '03',
  buildCatalogue([
    {
      body: 'united-front',
      entries: { licence: ['宗教团体成立、变更、注销前审批', '宗教活动场所设立、变更、注销登记'] },
    },
    { body: 'water', entries: { licence: ['占用农业灌溉水源、灌排工程设施审批'] } },
  ]),
);

/** Zibo's guidance catalogue for the demo: Linzi's first batch, second batch and stationed matters. */
export const ziboMatters: MatterDefinition[] = [
  ...linziFirstBatchMatters,
  ...linziMatters,
  ...linziStationedMatters,
];

/**
 * The seed fixes the handover, not a day of effect: “８月底前，将第二批划转到行政审批服务部门的
 * 行政许可事项及关联事项、人员编制划转到位……（完成时限：2020年8月31日）”. We take the first
 * instant after it, 1 September 2020. Transition per the seed: “原则上划转事项过渡期至2020年
 * 12月31日。过渡期内划转事项由原部门牵头办理”.
 */
export const linziPlan: DemoRolloutPlan = {
  id: 'linzi-2020-second-batch',
  name: '临淄区第二批划转行政许可等事项',
  city: 'zibo',
  tenants: ['zibo.linzi'],
  matters: linziMatters.map((m) => m.code),
  mode: 'transfer',
  effectiveAt: '2020-09-01T00:00:00+08:00',
  from: fromDepartments('zibo.linzi', linziMatters),
  to: 'approval-bureau',
  seal: 'approval-bureau-seal',
  transition: { policy: 'origin-leads', until: '2020-12-31T23:59:59+08:00' },
};
