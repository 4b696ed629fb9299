import type { intakeZh } from './intake-zh';

export const intakeEn: typeof intakeZh = {
  address: 'Address (optional)',
  addressHint: 'Needed for delivery by post: the result is sent there.',
  agent: 'Agent (when someone applies on the applicant’s behalf)',
  agentName: 'Agent’s name',
  agentId: 'Agent’s resident ID number',
  agentIdHint: 'A resident ID number; masked everywhere but in the recorded reveal.',
  agentPhone: 'Agent’s phone (optional)',
  delivery: 'Delivery of the result',
  window: 'Window number',
  windowHint:
    'E.g. A03; remembered on this browser for the next intake. The monthly assessment counts per window.',
  deliveries: { window: 'Collect at the window', post: 'By post', 'e-delivery': 'Electronic delivery' },
  counts: 'Originals and copies (optional)',
  originals: (name) => `${name}: originals`,
  copies: (name) => `${name}: copies`,
  search: 'Find a matter',
  searchHint: 'A name, pinyin initials (lsjz for 临时救助), the department or the matter code',
  searchButton: 'Find',
  mostUsed: 'Most used',
  results: (n) => `${n} found`,
  noResults: 'No matter matches; try other words.',
  pick: 'Choose',
  department: 'Department',
};
