/** Readiness of people before a rollout (培训记录, 交接清单确认), in Chinese (readiness-en.ts: the same keys). */
export const readinessZh = {
  nav: '培训记录',
  title: '培训记录',
  intro:
    '划转前，承接的审批人员和窗口人员须就移交事项完成跟班学习、业务培训或试运行；没有培训记录的，批次预检不予通过（R11）。',
  none: '尚无培训记录。',
  staff: '工作人员',
  kind: '培训方式',
  kinds: { shadowing: '跟班学习', training: '业务培训', 'trial-run': '试运行' } as Record<string, string>,
  matters: '事项编码',
  mattersHint: '每行一个事项编码（可从指导目录或批次中复制）。',
  completedAt: '完成日期',
  by: '组织单位',
  record: '登记培训记录',
  recorded: '培训记录已登记。',
  confirm: (item: string) => `确认“${item}”`,
  confirmTitle: '交接清单确认',
  confirmed: '已确认。',
};
