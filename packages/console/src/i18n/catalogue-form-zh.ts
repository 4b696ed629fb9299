/** The single-matter add and edit form of the guidance catalogue, in Chinese (catalogue-form-en.ts: the same keys). */
export const catalogueFormZh = {
  add: '新增事项',
  edit: '编辑事项',
  editTitle: (name: string) => `编辑事项：${name}`,
  code: '事项编码',
  codeHint: '小写字母、数字和连字符，或 12 位数字；保存后不可更改',
  name: '事项名称',
  type: '事项类型',
  legalBasis: '设定依据',
  statutoryDays: '法定办结时限（工作日）',
  promisedDays: '承诺办结时限（工作日）',
  onTheSpot: '即办件（窗口当场办结）',
  department: '实施部门编码（选填）',
  basicCode: '基本编码（12 位，选填）',
  jointHandling: '统一办理、联合办理、集中办理',
  jointHandlingNone: '否（由一个机关办理）',
  jointHandlingHint:
    '第四十二条第二款：法定时限不超过 45 个工作日，经本级人民政府负责人批准可延长 15 个工作日。',
  jointHandlingNames: { unified: '统一办理', joint: '联合办理', centralised: '集中办理' } as Record<
    string,
    string
  >,
  items: '办理项（每行一项：编码 名称）',
  itemsHint: '例如：01 首次申请',
  materials: '申请材料（每行一项：编码 名称，核心材料在行末加 *）',
  materialsHint: '例如：m01 身份证复印件 *',
  fees: '收费项目（每行一项：编码 名称 金额，选填）',
  save: '保存事项',
  saved: '事项已保存。',
  beside: '逐条新增或修改事项，与表格导入并用。',
};
