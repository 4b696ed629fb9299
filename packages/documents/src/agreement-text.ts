import type { HandoverAgreement } from '@onewindow/domain';
import type { Lang } from './text';

const zh = {
  from: '移交方',
  to: '承接方',
  mode: '方式',
  effectiveAt: '生效时间',
  seal: '审批专用章',
  transition: '过渡期',
  until: (at: string, policy: string) => `至 ${at}（${policy}）`,
  matters: (n: number) => `一、交接事项（共 ${n} 项）`,
  columns: ['序号', '事项编码', '事项名称', '事项类型', '移交方'],
  clauses: '二、权责约定',
  codes: '三、实施编码对照（统计、评价、监管数据按此衔接）',
  codeColumns: ['事项编码', '原实施编码', '新实施编码', '状态'],
  recorded: (yes: boolean): string => (yes ? '已生效' : '预计'),
  checklist: '交接清单',
  checkColumns: ['项目', '确认人', '确认时间', '备注'],
  unconfirmed: '未确认',
  trained: (ready: boolean): string => (ready ? '培训记录齐全' : '尚有事项缺少经培训的人员'),
  fromSign: '移交方（盖章）：',
  toSign: '承接方（盖章）：',
  date: '日期：',
  modes: { transfer: '划转（审批权移交）', stationed: '进驻（窗口进驻）' } satisfies Record<
    HandoverAgreement['mode'],
    string
  >,
  policies: { 'origin-leads': '原部门牵头办理', guided: '原部门指导审核' } satisfies Record<
    NonNullable<HandoverAgreement['transition']>['policy'],
    string
  >,
};

export const AGREEMENT_TEXT: Readonly<Record<Lang, typeof zh>> = {
  zh,
  en: {
    from: 'Handing over',
    to: 'Receiving',
    mode: 'Mode',
    effectiveAt: 'Effective',
    seal: 'Approval seal',
    transition: 'Transition',
    until: (at, policy) => `until ${at} (${policy})`,
    matters: (n) => `1. Matters handed over (${n})`,
    columns: ['#', 'Matter code', 'Matter', 'Type', 'Handing over'],
    clauses: '2. Rights and duties',
    codes: '3. Implementation codes, old and new (statistics, ratings and supervision join on them)',
    codeColumns: ['Matter code', 'Old implementation code', 'New implementation code', 'Status'],
    recorded: (yes) => (yes ? 'In effect' : 'Expected'),
    checklist: 'Handover checklist',
    checkColumns: ['Item', 'Confirmed by', 'Confirmed at', 'Note'],
    unconfirmed: 'Not confirmed',
    trained: (ready) => (ready ? 'Training records complete' : 'Some matters lack trained staff'),
    fromSign: 'Handing over (seal):',
    toSign: 'Receiving (seal):',
    date: 'Date:',
    modes: { transfer: 'Transfer (authority moves)', stationed: 'Stationed (window at the centre)' },
    policies: { 'origin-leads': 'Original department leads', guided: 'Original department guides' },
  },
};
