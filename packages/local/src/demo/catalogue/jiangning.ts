import type { MatterDefinition } from '@onewindow/domain';
import { demoTenants } from '../tenancy';
import { buildCatalogue, fromDepartments, type TableDepartment } from './library';
import type { DemoRolloutPlan } from './types';

/**
 * Seed 001 (江宁政办发〔2020〕78号): “第一批集中涉及‘行政许可、行政给付、行政征收、行政确认、
 * 公共服务、其他’6大领域共7个部门34项行政审批及相关事项”. The list itself (附件1 and
 * 江宁政办发〔2020〕54号) is not in the seed; these are the sub-district matters Jiangsu
 * empowered from the 7 departments tenancy.ts has. Categories map one to one:
 * 行政许可 licence, 行政给付 payment, 行政征收 levy, 行政确认 confirmation, 公共服务
 * public-service, 其他 other (5 + 10 + 2 + 5 + 8 + 4 = 34).
 */
const JIANGNING: readonly TableDepartment[] = [
  {
    body: 'civil-affairs',
    entries: {
      payment: ['临时救助金给付', '困难残疾人生活补贴和重度残疾人护理补贴给付', '80周岁以上老年人尊老金给付'],
      confirmation: ['城乡最低生活保障对象认定', '特困人员认定'],
      'public-service': ['老年人优待证办理', '居民家庭经济状况核对'],
    },
  },
  {
    body: 'human-resources',
    entries: {
      payment: ['灵活就业人员社会保险补贴申领'],
      confirmation: ['就业困难人员认定'],
      'public-service': [
        '就业失业登记',
        '就业创业证申领',
        '城乡居民基本养老保险参保登记',
        '城乡居民基本养老保险待遇申领',
      ],
    },
  },
  {
    body: 'health',
    entries: {
      licence: ['公共场所卫生许可'],
      payment: ['农村部分计划生育家庭奖励扶助金给付', '计划生育家庭特别扶助金给付'],
      levy: ['社会抚养费征收'],
      confirmation: ['再生育审批'],
      'public-service': ['生育登记'],
      other: ['独生子女父母光荣证发放'],
    },
  },
  {
    body: 'agriculture',
    entries: {
      licence: ['农村村民宅基地审批', '渔业捕捞许可'],
      other: ['农村土地承包经营权流转合同鉴证'],
    },
  },
  {
    body: 'housing',
    entries: {
      payment: ['农村危房改造补助'],
      levy: ['城市基础设施配套费征收'],
      confirmation: ['公共租赁住房保障资格审核'],
      other: ['业主大会和业主委员会备案'],
    },
  },
  {
    body: 'culture-tourism',
    entries: {
      licence: ['营业性演出审批', '文艺表演团体设立审批'],
    },
  },
  {
    body: 'veterans',
    entries: {
      payment: ['义务兵家庭优待金给付', '退役士兵自主就业一次性经济补助金给付', '优抚对象定期抚恤补助金给付'],
      'public-service': ['光荣牌悬挂'],
      other: ['困难退役军人帮扶援助'],
    },
  },
];

/** Nanjing's guidance catalogue for the demo: Jiangning's first batch of 34. */
export const jiangningMatters: MatterDefinition[] = buildCatalogue(JIANGNING);

/** Every Jiangning sub-district, each with its convenience service centre. */
export const jiangningSubdistricts: readonly string[] = demoTenants
  .filter((t) => t.parent === 'nanjing.jiangning')
  .map((t) => t.id);

/**
 * The seed gives no day: the centres must “2020年7月底实质化运行” and the handover is due
 * “完成时间:2020年7月底”. We take the first instant after that deadline, 1 August 2020, as
 * the effective instant, and “设立1个月业务衔接过渡期” as a guided transition to 1 September.
 */
export const jiangningPlan: DemoRolloutPlan = {
  id: 'jiangning-2020-first-batch',
  name: '江宁区第一批街道赋权事项',
  city: 'nanjing',
  tenants: jiangningSubdistricts,
  matters: jiangningMatters.map((m) => m.code),
  mode: 'transfer',
  effectiveAt: '2020-08-01T00:00:00+08:00',
  from: fromDepartments('nanjing.jiangning', jiangningMatters),
  to: 'convenience-centre',
  seal: 'convenience-centre-seal',
  transition: { policy: 'guided', until: '2020-09-01T00:00:00+08:00' },
};
