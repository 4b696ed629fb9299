import type { archiveZh } from './archive-zh';

export const archiveEn: typeof archiveZh = {
  title: 'Archive',
  cols: [
    'Case',
    'Matter',
    'Closed as',
    'Closed at',
    'Kept until',
    'Files',
    'Applicant',
    'Received',
    'Platform signature',
  ],
  files: ['File', 'Kind', 'Size', 'Digests', 'Download'],
  uses: ['By', 'At', 'File', 'Purpose'],
  kind: { result: 'Result', 'result-ofd': 'Result OFD', events: 'Case record', material: 'Material' },
  register: 'Use register',
  read: 'Consultation',
  years: (n: number) => `${n} years`,
  disposed: 'Disposed of',
};
