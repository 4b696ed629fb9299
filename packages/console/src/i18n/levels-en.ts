import type { levelsZh } from './levels-zh';

export const levelsEn: typeof levelsZh = {
  title: 'Approval levels',
  kind: { undertake: 'Undertaking', review: 'Review', sign: 'Approval (sign-off)' },
  headMark: ' (signed by the head)',
  waiting: 'waiting',
  signedBy: (who: string, when: string) => `${who} · ${when}`,
  formTitle: (level: string) => `Sign the ${level} level`,
  opinion: 'Opinion',
  opinionHint:
    'Pass hands the case up a level; a return sends it back one level and must give reasons. Nobody signs two levels.',
  outcome: { pass: 'Agree, pass it up', return: 'Send it back one level' },
  button: 'Sign',
  signOffOpinion: 'Approval opinion',
  setting: 'Approval levels',
  settingHint:
    "One level: the approver decides. More: 承办 → 审核 → 签发 in turn; the sign-off may be the body's head's. On-the-spot matters have one level.",
  presets: {
    '': 'One level (decide directly)',
    'undertake,sign': 'Two: undertake → sign-off',
    'undertake,review,sign': 'Three: undertake → review → sign-off',
    'undertake,review,sign!': "Three: undertake → review → sign-off (the head's)",
  },
};
