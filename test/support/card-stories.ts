import {
  type CardDraft,
  type CaseEvent,
  type CaseState,
  cardKeyOf,
  evolve,
  type StoredCaseEvent,
} from '../../packages/domain/src';
import type { Story } from './case-fixtures';

/** The story's events as stored: numbered and chained (cards cite them by seq and hash). */
export const stored = (events: readonly CaseEvent[]): StoredCaseEvent[] =>
  events.map((e, i) => ({ ...e, seq: i + 1, prevHash: `h${i}`, hash: `h${i + 1}` }) as StoredCaseEvent);

/** A case and its stored events after `story`, with `extra` events appended as if they came in another way. */
export function folded(story: Story, ...extra: CaseEvent[]): { state: CaseState; events: StoredCaseEvent[] } {
  const state = extra.reduce<CaseState>((s, e) => evolve(s, e), story.case);
  return { state, events: stored([...story.events, ...extra]) };
}

/** Each card as [its id's key, colour, first day]. */
export const summary = (cards: readonly CardDraft[]) => cards.map((c) => [cardKeyOf(c), c.colour, c.since]);

/** Anyone's recount of a proof: the counted days after the start, up to and with the deadline. */
export const recount = (c: CardDraft | undefined) =>
  c?.proof?.days.filter((d) => d.counted && d.date <= (c.proof?.deadline ?? '')).length;
