/** 审管联动's liaisons on the supervision inbox, and the findings at intake, in Chinese (liaisons-en.ts: the same keys). */
export const liaisonsZh = {
  title: '联络人',
  intro:
    '为向本机构推送审批结果的各部门指定一名负责签收的本机构监管人员。每次推送记录当时的联络人；推送逾期未签收亮灯时，亮灯点名该联络人。',
  none: '尚未指定联络人。',
  department: '推送部门',
  departmentHint: '作出决定的部门，格式为“租户/机构编码”，可从下拉建议中选择。',
  staff: '联络人',
  staffHint: '本机构的监管人员（工作人员编号）。',
  updatedAt: '指定时间',
  save: '指定联络人',
  saved: '联络人已指定。',
  /** On an inbox item: who the push was for. */
  ofPush: '联络人',
  findings: {
    title: '该申请人此前的监管意见',
    intro: '监管部门对该申请人（同一身份证号码或统一社会信用代码）此前在本中心办件登记的意见，新的在前。',
    none: '该申请人此前的办件没有监管意见。',
    severity: '性质',
    text: '意见',
    caseNo: '办件编号',
    date: '日期',
    check: '查询此前监管意见',
  },
};
