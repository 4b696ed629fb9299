import type { assessZh } from './assess-zh';

export const assessEn: typeof assessZh = {
  nav: 'Assessment',
  title: 'Monthly assessment',
  intro: (month: string) =>
    `The figures of ${month}, counted by every case command and every card in its own transaction: no case is scanned. Satisfaction leaves out ratings whose appeal was upheld; on time means within the promised limit, extensions and art. 45 pauses included.`,
  month: 'Month',
  show: 'Show',
  xlsx: 'Export .xlsx',
  none: 'Nothing this month.',
  totals: 'Whole tenant',
  sections: {
    bodies: 'By body',
    windows: 'By window',
    staff: 'By staff member',
    matters: 'By matter',
  },
  charts: {
    flow: 'Received, accepted and issued',
    onTime: 'On-time rate (%)',
    cards: 'Cards by trigger (yellow/red)',
    noCards: 'No cards this month.',
    satisfaction: 'Ratings by level',
  },
  cols: {
    name: 'Name',
    received: 'Received',
    accepted: 'Accepted',
    rejected: 'Rejected at intake',
    approved: 'Approved',
    denied: 'Denied',
    issued: 'Issued',
    onTimeRate: 'On time',
    averageDays: 'Average working days',
    extended: 'Extensions',
    paused: 'Pauses',
    yellow: 'Yellow',
    red: 'Red',
    satisfaction: 'Satisfaction',
    excluded: 'Excluded on appeal',
    rectOnTime: 'Rectified on time',
  },
  triggers: 'Card triggers',
  notes: {
    title: 'Urges addressed to you',
    urged: (at: string, by: string) => `Urged by ${by} at ${at}`,
  },
  city: {
    nav: 'Ranking',
    title: 'Monthly ranking',
    intro:
      'Score = on-time rate × 50 + satisfaction × 40 + rectifications on time × 10 (a rate with nothing behind it carries no weight), less 2 points per red card and 1 per yellow card raised in the month, never below 0.',
    rank: 'Rank',
    tenant: 'Tenant',
    score: 'Score',
    chart: 'Score',
  },
};
