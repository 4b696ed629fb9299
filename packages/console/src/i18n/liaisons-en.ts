import type { liaisonsZh } from './liaisons-zh';

export const liaisonsEn: typeof liaisonsZh = {
  title: 'Liaisons',
  intro:
    "For each department whose decisions are pushed to this body, name one of the body's supervisors to sign for them. Each push records the liaison named at the time; a push left unsigned past the limit raises a card naming them.",
  none: 'No liaison has been named yet.',
  department: 'Department pushing',
  departmentHint:
    'The deciding department as tenant/body code; the suggestions list those seen in the inbox.',
  staff: 'Liaison',
  staffHint: "A supervisor of this body (the staff member's id).",
  updatedAt: 'Named at',
  save: 'Name the liaison',
  saved: 'The liaison was named.',
  ofPush: 'Liaison',
  findings: {
    title: 'Earlier supervision findings on this applicant',
    intro:
      'What supervising departments recorded on this applicant’s earlier cases here (the same ID number or USCC), newest first.',
    none: 'No supervision findings on this applicant’s earlier cases.',
    severity: 'Severity',
    text: 'Finding',
    caseNo: 'Case number',
    date: 'Date',
    check: 'Check earlier findings',
  },
};
