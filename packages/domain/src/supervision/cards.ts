import type { CalendarFor } from '../calendar';
import { provisionalCalendar } from '../cases/clock';
import type { StoredCaseEvent } from '../cases/events';
import { type CaseState, isClosed } from '../cases/types';
import { type ClockProof, clockProof, type EventRef, type ProofLimit } from './proof';
import { type CardTrigger, clockCards, eventCards, stepCards } from './triggers';

/**
 * R19: e-supervision cards (电子监察亮灯). A yellow card when a limit is near (within the matter's
 * warning days), a red one when it has passed; each raised from the case's events and the
 * working-day calendar, never from a typed date, and carrying its clock proof (proof.ts). The
 * triggers that are not limits (triggers.ts) are red at once and carry the events that breached.
 */

/**
 * The limits a card is raised against: acceptance (art. 32 (4)), promised, statutory, issuance
 * (art. 44), and the supervising body's receipt of a pushed decision (R20, 审管联动签收).
 */
export const CARD_LIMITS = ['acceptance', 'promised', 'statutory', 'issuance', 'receipt'] as const;
export type CardLimit = (typeof CARD_LIMITS)[number];
export const CARD_COLOURS = ['yellow', 'red'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

/** A card's state: raised; contested by the body; then upheld or withdrawn by an inspector. */
export const CARD_STATUSES = ['raised', 'contested', 'upheld', 'withdrawn'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export interface CardDraft {
  /** What raised it: a limit by its name, or one of issue 15's triggers (triggers.ts). */
  readonly trigger: CardTrigger;
  /** Which one, when the case may earn the trigger more than once: the step's id, the breaching event's seq. */
  readonly subject?: string;
  /** The limit a clock card counts against (its proof's); absent on the event triggers. */
  readonly limit?: ProofLimit;
  readonly colour: CardColour;
  /** The first day the colour held. */
  readonly since: string;
  /** A clock card's proof. */
  readonly proof?: ClockProof;
  /** An event card's evidence: the events that breached (and the one breached, e.g. the one-time notice). */
  readonly evidence?: readonly EventRef[];
  /** What the evidence shows, in words (the amounts of a fee, the materials asked beyond the notice). */
  readonly detail?: { readonly zh: string; readonly en: string };
}

/** The limits running for the case now: acceptance while received, promised and statutory in the back office, issuance once decided. */
function runningLimits(state: CaseState): CardLimit[] {
  if (isClosed(state.status)) return [];
  if (!state.acceptedAt) return state.status === 'received' ? ['acceptance'] : [];
  if (state.decision) return ['issuance'];
  return ['promised', 'statutory'];
}

/**
 * The cards the case has earned on `today`: for each running limit that is yellow or red, the
 * card of that colour with its proof (a red limit owes its yellow card too), the promised limit
 * of a 审核转报 matter as `forwarding`; each running step against its own limit; and the event
 * triggers (no reasons, beyond the one-time notice, a fee not the catalogue's), closed case or
 * not. Raising them is idempotent (one card per case, trigger, subject and colour), so the clock
 * may ask on every visit.
 */
export function cardsDue(
  state: CaseState,
  events: readonly StoredCaseEvent[],
  today: string,
  baseCalendar: CalendarFor,
): CardDraft[] {
  const { calendarFor } = provisionalCalendar(baseCalendar);
  const cards: CardDraft[] = [];
  for (const limit of runningLimits(state)) {
    const proof = clockProof(state, events, limit, today, baseCalendar);
    if (!proof) continue;
    const forwarding = limit === 'promised' && state.matterType === 'review-forward';
    cards.push(...clockCards({ trigger: forwarding ? 'forwarding' : limit }, proof, today, calendarFor));
  }
  cards.push(...stepCards(state, events, today, baseCalendar), ...eventCards(state, events));
  return cards;
}

/** The part of a card's id after the case number: the trigger, and its subject when it has one. */
export const cardKeyOf = (draft: Pick<CardDraft, 'trigger' | 'subject'>): string =>
  draft.subject ? `${draft.trigger}:${draft.subject}` : draft.trigger;

/**
 * A card's id within its tenant: the case, the key (a limit's name, `cardKeyOf` for a trigger:
 * `step:s2`, `notice:7`) and the colour: `<caseNo>~promised~red`, `<caseNo>~step:s2~yellow`.
 */
export const cardIdOf = (caseNo: string, key: string, colour: CardColour): string =>
  `${caseNo}~${key}~${colour}`;
