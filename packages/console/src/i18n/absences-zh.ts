/** A/B posts (AB角): absences and who covers, in Chinese (absences-en.ts: the same keys). */
export const absencesZh = {
  title: '缺勤与代岗',
  intro: 'A角缺勤期间由B角代岗：办理其待办，使用其窗口授权和负责人身份，操作记为“代A角”；到期自动结束。',
  current: '当前缺勤',
  coming: '即将开始的缺勤',
  none: '当前没有缺勤。',
  staff: '缺勤人员（A角）',
  backup: '代岗人员（B角）',
  from: '开始时间',
  to: '结束时间',
  reason: '事由',
  record: '登记缺勤',
  recordFor: (name: string) => `登记 ${name} 缺勤`,
  recorded: '缺勤已登记，期间由B角代岗。',
  endNow: '立即结束',
  ended: '缺勤已结束。',
  mine: '我的缺勤',
  /** On the queue and the workbench: who is absent and who covers. */
  covering: (absent: string, backup: string) => `（${absent} 缺勤，由 ${backup} 代岗）`,
  /** On the timeline, after the actor's name. */
  onBehalfOf: (absent: string) => `（代 ${absent}）`,
  /** On a B's home page while they cover. */
  youCover: (absent: string, to: string) => `${absent} 缺勤，由您代岗至 ${to}。`,
};
