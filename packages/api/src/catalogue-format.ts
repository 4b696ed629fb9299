import type { MatterDefinition } from '@onewindow/domain';

/**
 * The catalogue spreadsheet's column headers, as service centres title them, in the order the
 * export writes them. The route descriptions need only these, so they live apart from the
 * reading and writing code, which the api Lambda does not bundle.
 */
export const CATALOGUE_HEADER = {
  code: '事项编码',
  name: '事项名称',
  type: '事项类型',
  items: '办理项',
  legalBasis: '设定依据',
  statutoryDays: '法定办结时限（工作日）',
  promisedDays: '承诺办结时限（工作日）',
  onTheSpot: '是否即办件',
  materials: '申请材料',
  fees: '收费项目',
  specialSteps: '特别程序',
  department: '实施部门',
  basicCode: '基本编码',
  approvalLevels: '审批层级',
  jointHandling: '统一联合集中办理',
  archiveYears: '档案保管期限（年）',
} as const satisfies Record<keyof MatterDefinition, string>;

export const CATALOGUE_HEADERS: readonly string[] = Object.values(CATALOGUE_HEADER);

/** An optional column the import reads besides the matter's own: where the row's department held it first (R13). */
export const INITIAL_HOLDERS_HEADER = '初始实施租户';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const CATALOGUE_FORMAT_ZH =
  `每行一个事项，第 1 行为表头：${CATALOGUE_HEADERS.join('、')}（特别程序、实施部门、基本编码三列可省略）。` +
  '事项类型写中文名称；是否即办件写“是”或“否”；多值单元格以“；”“;”或换行分隔：' +
  '办理项“编码 名称”（01 新办；02 变更），申请材料“编码 名称”、核心材料加“【核心】”，' +
  '收费项目“编码 名称 金额”（f1 工本费 10.00），特别程序“名称 天数”（现场勘验 5），实施部门写部门编码，基本编码12位（有则办理项编码为两位序号），' +
  '审批层级按顺序写“承办；审核；签发”，须由机构负责人签署的一级加“（负责人）”，省略为一级审批；' +
  '统一联合集中办理写“统一办理”“联合办理”或“集中办理”（法定时限不超过45个工作日），可省略；' +
  '档案保管期限写年数（1至100），省略按事项类型（行政许可、确认、裁决30年，其他10年）';

export const CATALOGUE_FORMAT_EN =
  `One matter a row; row 1 holds the headers ${CATALOGUE_HEADERS.join(', ')} ` +
  '(特别程序, 实施部门 and 基本编码 may be left out). 事项类型 in Chinese (or its English code); 是否即办件 is 是 or 否. ' +
  "Multi-value cells separate entries with '；', ';' or line breaks: 办理项 'code name' (01 新办；02 变更), " +
  "申请材料 'code name' with 【核心】 marking a core material, 收费项目 'code name amount' " +
  "(f1 工本费 10.00), 特别程序 'name days' (现场勘验 5); 实施部门 is a department code; 基本编码 the " +
  'national basic code (12), with which each 办理项 code is its two-digit sequence; ' +
  "审批层级 lists the levels in order ('承办；审核；签发'), '（负责人）' marking one the body's head signs; left out, one level. " +
  '统一联合集中办理 is 统一办理, 联合办理 or 集中办理 (art. 42(2): at most 45 statutory working days), or left out; ' +
  "档案保管期限 is the archive retention in years (1 to 100), left out for the type's (licences, confirmations, rulings 30; others 10).";
