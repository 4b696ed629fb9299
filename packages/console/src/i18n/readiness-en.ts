import type { readinessZh } from './readiness-zh';

export const readinessEn: typeof readinessZh = {
  nav: 'Training records',
  title: 'Training records',
  intro:
    'Before a handover, the receiving approvers and window clerks shadow, train or run a trial on the matters that move; without a record the rollout check fails (R11).',
  none: 'No training records yet.',
  staff: 'Staff member',
  kind: 'Kind',
  kinds: { shadowing: 'Shadowing', training: 'Training', 'trial-run': 'Trial run' },
  matters: 'Matter codes',
  mattersHint: 'One matter code a line (copy them from the catalogue or the rollout).',
  completedAt: 'Completed on',
  by: 'Organised by',
  record: 'Record a training',
  recorded: 'The training is recorded.',
  confirm: (item: string) => `Confirm “${item}”`,
  confirmTitle: 'Checklist confirmation',
  confirmed: 'Confirmed.',
};
