import type { absencesZh } from './absences-zh';

/** A/B posts: absences and who covers, in English (the keys of absences-zh.ts). */
export const absencesEn: typeof absencesZh = {
  title: 'Absences and cover',
  intro:
    "While A is absent, B covers: A's queue, window authorisation and head designation, each act on A's behalf; it ends by itself.",
  current: 'Absent now',
  coming: 'Coming absences',
  none: 'Nobody is absent.',
  staff: 'Absent (A)',
  backup: 'Covering (B)',
  from: 'From',
  to: 'To',
  reason: 'Reason',
  record: 'Record absence',
  recordFor: (name: string) => `Record an absence of ${name}`,
  recorded: 'Absence recorded; the B covers meanwhile.',
  endNow: 'End now',
  ended: 'Absence ended.',
  mine: 'My absences',
  covering: (absent: string, backup: string) => ` (${absent} absent, covered by ${backup})`,
  onBehalfOf: (absent: string) => ` (for ${absent})`,
  youCover: (absent: string, to: string) => `${absent} is absent; you cover until ${to}.`,
};
