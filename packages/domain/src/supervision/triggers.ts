import { type CalendarFor, shanghaiDate } from '../calendar';
import { colourOn, provisionalCalendar, runningSteps, stepDeadline } from '../cases/clock';
import type { CaseEvent, StoredCaseEvent } from '../cases/events';
import { feesDue } from '../cases/preconditions';
import type { CaseState } from '../cases/types';
import type { CardDraft } from './cards';
import { type ClockProof, refOf, sinceOf, stepProof } from './proof';

/**
 * R19: what raises a card. The case's limits (acceptance, promised, statutory, issuance) and the
 * supervising body's receipt (R20) by the clock, as before; and the triggers of issue 15, each
 * by rule from the case's events, never from a typed date:
 * - `step`: a step past its own limit (`STEP_DAYS`), though the case is not (an excluded step
 *   pauses the case's clock, art. 45);
 * - `forwarding`: the promised limit of a 审核转报 matter (catalogue type `review-forward`);
 * - `no-reasons`: a refusal (`decided` deny) or a rejection without its reasons (art. 38, 32);
 * - `notice`: a notice, or a deficiency at acceptance, asking for a material the one-time notice
 *   did not name (一次性告知, signed off or not);
 * - `fee`: a fee paid that is not the catalogue's (the fees the case carried from intake).
 * The last three are red at once and carry the breaching events (`evidence`), not a clock proof.
 */
export const CARD_TRIGGERS = [
  'acceptance',
  'promised',
  'statutory',
  'issuance',
  'receipt',
  'step',
  'forwarding',
  'no-reasons',
  'notice',
  'fee',
] as const;
export type CardTrigger = (typeof CARD_TRIGGERS)[number];

/** The triggers raised from the events at once, red, with evidence instead of a clock proof. */
export const EVENT_TRIGGERS = ['no-reasons', 'notice', 'fee'] as const satisfies readonly CardTrigger[];

/**
 * The cards a clock limit has earned on `today` against `proof.deadline`: none while green; the
 * colour's card, and past the limit the yellow it went through too (a visit may have come only after it).
 */
export function clockCards(
  head: Pick<CardDraft, 'trigger' | 'subject'>,
  proof: ClockProof,
  today: string,
  calendarFor: CalendarFor,
): CardDraft[] {
  const warn = proof.warnDays;
  const colour = colourOn(today, proof.deadline, warn, calendarFor);
  if (colour === 'green') return [];
  const limit = proof.limit;
  const card = (c: 'yellow' | 'red'): CardDraft => ({
    ...head,
    limit,
    colour: c,
    since: sinceOf(c, proof.deadline, warn, calendarFor),
    proof,
  });
  return colour === 'red' && warn > 0 ? [card('yellow'), card('red')] : [card(colour)];
}

/** R19 `step`: each running step against its own limit, with the proof of it. */
export function stepCards(
  state: CaseState,
  events: readonly StoredCaseEvent[],
  today: string,
  baseCalendar: CalendarFor,
): CardDraft[] {
  const { calendarFor } = provisionalCalendar(baseCalendar);
  return runningSteps(state).flatMap((step) => {
    const proof = stepProof(state, events, step.id, today, baseCalendar);
    // The proof and the clock's visit agree on the deadline (clock.ts `stepDeadline`).
    if (!proof || proof.deadline !== stepDeadline(step, calendarFor)) return [];
    return clockCards({ trigger: 'step', subject: step.id }, proof, today, calendarFor);
  });
}

const blank = (text: string | undefined) => !text?.trim();
const yuan = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/**
 * R19's event triggers: `no-reasons`, `notice` and `fee`, red from the day of the breaching event.
 * The API refuses a denial or a rejection without reasons, a notice beyond the one-time notice
 * without a sign-off, and takes only the catalogue's fees; these guard the events whatever way
 * they came (an import, a migration, a fault), and a signed-off notice is carded all the same.
 */
export function eventCards(state: CaseState, events: readonly StoredCaseEvent[]): CardDraft[] {
  const cards: CardDraft[] = [];
  const red = (
    trigger: CardDraft['trigger'],
    breach: StoredCaseEvent,
    evidence: readonly StoredCaseEvent[],
    detail: CardDraft['detail'],
    subject?: string,
  ) =>
    cards.push({
      trigger,
      ...(subject ? { subject } : {}),
      colour: 'red',
      since: shanghaiDate(breach.at),
      evidence: evidence.map(refOf),
      ...(detail ? { detail } : {}),
    });
  const received = events.find((e) => e.type === 'received');
  const names = new Map(state.materials.map((m) => [m.code, m.name]));
  // One-time notice: what the case may still ask for (notices.ts `askedSoFar`, here from the events).
  const asked = new Set<string>();
  let first: StoredCaseEvent | undefined;
  for (const e of events) {
    if (e.type === 'received') for (const code of e.commitment?.materials ?? []) asked.add(code);
    if (
      (e.type === 'decided' && e.outcome === 'deny' && blank(e.reasons)) ||
      (e.type === 'rejected' && blank(e.reason))
    )
      red('no-reasons', e, [e], {
        zh:
          e.type === 'decided'
            ? '不予许可决定未说明理由（第三十八条）'
            : '不予受理决定未说明理由（第三十二条）',
        en:
          e.type === 'decided'
            ? 'a denial without its reasons (art. 38)'
            : 'a rejection without its reasons (art. 32)',
      });
    const wanted =
      e.type === 'correction-notified'
        ? (e.notice.missing ?? []).map((m) => m.code)
        : e.type === 'accepted'
          ? (e.deficiency?.materials ?? [])
          : [];
    const beyond = first ? wanted.filter((code) => !asked.has(code)) : [];
    if (first && beyond.length > 0) {
      const signed = e.type === 'correction-notified' && e.signOff !== undefined;
      const zh = beyond.map((code) => names.get(code) ?? code).join('、');
      red(
        'notice',
        e,
        [first, e],
        {
          zh: `一次性告知后又要求补正：${zh}${signed ? '（经签批）' : ''}`,
          en: `asked after the one-time notice for: ${beyond.join(', ')}${signed ? ' (signed off)' : ''}`,
        },
        String(e.seq),
      );
    }
    if (e.type === 'correction-notified') {
      first ??= e;
      for (const code of wanted) asked.add(code);
    }
    if (e.type === 'fee-paid') {
      const due = feesDue({ fees: received?.type === 'received' ? received.fees : state.fees });
      if (Math.round(e.amount * 100) !== Math.round(due * 100))
        red('fee', e, received ? [received, e] : [e], {
          zh:
            due === 0
              ? `目录未列收费项目，收取 ${yuan(e.amount)} 元`
              : `收取 ${yuan(e.amount)} 元，目录所列 ${yuan(due)} 元`,
          en:
            due === 0
              ? `CNY ${yuan(e.amount)} charged; the catalogue lists no fee`
              : `CNY ${yuan(e.amount)} charged; the catalogue lists CNY ${yuan(due)}`,
        });
    }
  }
  return cards;
}

/**
 * Whether `event`, just folded into `state`, may raise an event card: the case's transaction then
 * schedules a visit of the cards at once (store cards.ts `CASE_CARDS`), since the clock's own may
 * be days away, or never come for a closed case. A cheap test: the visit decides with `eventCards`.
 */
export function mayRaiseAtOnce(state: CaseState, event: CaseEvent): boolean {
  switch (event.type) {
    case 'decided':
      return event.outcome === 'deny' && blank(event.reasons);
    case 'rejected':
      return blank(event.reason);
    case 'correction-notified':
      return state.notices.filter((n) => n.kind === 'one-time-notice').length > 1;
    case 'accepted':
      return event.deficiency !== undefined && state.notices.some((n) => n.kind === 'one-time-notice');
    case 'fee-paid':
      return Math.round(event.amount * 100) !== Math.round(feesDue(state) * 100);
    default:
      return false;
  }
}
