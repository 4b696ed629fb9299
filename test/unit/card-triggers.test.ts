import { describe, expect, it } from 'vitest';
import {
  type CardDraft,
  type CaseEvent,
  cardIdOf,
  cardKeyOf,
  cardsDue,
  clockOf,
  type MatterForIntake,
  STEP_DAYS,
  stepDeadline,
} from '../../packages/domain/src';
import { folded, recount, stored, summary } from '../support/card-stories';
import {
  APPROVER,
  at,
  CLERK,
  domainError,
  GUIDED,
  intake,
  MATTER,
  national,
  Story,
} from '../support/case-fixtures';

/**
 * R19's clock triggers of issue 15: a step against its own limit (on the 2020, 2024, 2025 and 2026
 * calendars), and the promised limit of a 审核转报 matter as forwarding. The event triggers:
 * card-event-triggers.test.ts.
 */

describe('R19 step: a step past its own limit though the case is not', () => {
  it('2026: a site inspection pauses the case (green) but goes red on its own ten working days', () => {
    // Accepted Monday 2 March 2026; inspection from Tuesday 3 March: 10 working days end 17 March.
    const story = Story.begin()
      .act(intake(), at('2026-03-02'), CLERK)
      .act({ type: 'start-step', kind: 'site-inspection' }, at('2026-03-03'), APPROVER);
    expect(story.case.steps[0]?.days).toBe(STEP_DAYS.defaults['site-inspection']);
    const events = stored(story.events);
    expect(cardsDue(story.case, events, '2026-03-12', national)).toEqual([]);
    const cards = cardsDue(story.case, events, '2026-03-18', national);
    expect(clockOf(story.case, '2026-03-18', national).clock).toBe('green');
    expect(summary(cards)).toEqual([
      ['step:s1', 'yellow', '2026-03-13'],
      ['step:s1', 'red', '2026-03-18'],
    ]);
    const red = cards[1];
    expect(red).toMatchObject({ trigger: 'step', subject: 's1', limit: 'step' });
    expect(cardIdOf(story.case.caseNo, cardKeyOf(red as CardDraft), 'red')).toBe(
      `${story.case.caseNo}~step:s1~red`,
    );
    expect(red?.proof).toMatchObject({
      limit: 'step',
      stepId: 's1',
      start: '2026-03-03',
      startEvent: { seq: 3, type: 'step-started', hash: 'h3' },
      allowed: 10,
      pauses: [],
      deadline: '2026-03-17',
      workingDaysLeft: -1,
    });
    expect(red?.proof?.deadline).toBe(stepDeadline(story.case.steps[0] as never, national));
    expect(recount(red)).toBe(10);
    // Finished, it earns nothing more.
    const done = story.act(
      { type: 'finish-step', stepId: 's1', outcome: 'pass' },
      at('2026-03-19'),
      APPROVER,
    );
    expect(cardsDue(done.case, stored(done.events), '2026-03-19', national)).toEqual([]);
  });

  it('2020 Spring Festival (extended to 2 February): a three-day hearing from 22 January ends 4 February', () => {
    const story = Story.begin()
      .act(intake(), at('2020-01-22', '09:00'), CLERK)
      .act({ type: 'start-step', kind: 'hearing', days: 3 }, at('2020-01-22'), APPROVER);
    const cards = cardsDue(story.case, stored(story.events), '2020-02-05', national);
    expect(summary(cards)).toEqual([
      ['step:s1', 'yellow', '2020-01-23'],
      ['step:s1', 'red', '2020-02-05'],
    ]);
    const proof = cards[1]?.proof;
    expect(proof?.deadline).toBe('2020-02-04');
    expect(recount(cards[1])).toBe(3);
    const kinds = Object.fromEntries((proof?.days ?? []).map((d) => [d.date, d.kind]));
    expect([kinds['2020-01-23'], kinds['2020-01-31'], kinds['2020-02-01'], kinds['2020-02-03']]).toEqual([
      'working',
      'holiday',
      'holiday',
      'working',
    ]);
  });

  it('2024 National Day: a review (not excluded) from 27 September counts the make-up Sunday, yellow from 8 October', () => {
    const story = Story.begin()
      .act(intake(), at('2024-09-27', '09:00'), CLERK)
      .act({ type: 'start-step', kind: 'review' }, at('2024-09-27'), APPROVER);
    // 29 Sep (make-up Sunday), 30 Sep, 8, 9, 10 October; the case's ten days run to 16 October.
    const cards = cardsDue(story.case, stored(story.events), '2024-10-09', national);
    expect(summary(cards)).toEqual([['step:s1', 'yellow', '2024-10-08']]);
    expect(cards[0]?.proof?.deadline).toBe('2024-10-10');
    expect(cards[0]?.proof?.days.find((d) => d.date === '2024-09-29')).toMatchObject({
      kind: 'make-up',
      counted: true,
    });
    expect(clockOf(story.case, '2024-10-09', national).clock).toBe('green');
  });

  it('2025: a step of days given at the start; an older step-started without days takes the default; none once decided', () => {
    const base = Story.begin().act(intake(), at('2025-03-03', '09:00'), CLERK);
    const story = base.act(
      { type: 'start-step', kind: 'expert-review', days: 7 },
      at('2025-03-03'),
      APPROVER,
    );
    // 4–7 and 10–12 March: seven working days.
    const red = cardsDue(story.case, stored(story.events), '2025-03-13', national).filter(
      (c) => c.colour === 'red',
    );
    expect(red.map((c) => [c.trigger, c.proof?.deadline])).toEqual([['step', '2025-03-12']]);
    // The same step as an event stored before limits: twenty working days, the expert review's default.
    const { days: _none, ...older } = story.events.at(-1) as Extract<CaseEvent, { type: 'step-started' }>;
    const old = folded(base, older as CaseEvent);
    expect(old.state.steps[0]?.days).toBeUndefined();
    expect(cardsDue(old.state, old.events, '2025-03-13', national)).toEqual([]);
    expect(
      cardsDue(old.state, old.events, '2025-04-01', national).map((c) => [c.colour, c.proof?.deadline]),
    ).toEqual([
      ['yellow', '2025-03-31'],
      ['red', '2025-03-31'],
    ]);
    // A guidance review is advice (R6): once the case is decided, it raises no step card.
    const guided = Story.begin()
      .act(intake({ binding: GUIDED }), at('2025-03-03', '09:00'), CLERK)
      .act({ type: 'start-step', kind: 'guidance-review' }, at('2025-03-03'), APPROVER)
      .act({ type: 'decide', outcome: 'approve' }, at('2025-03-04'), APPROVER);
    const late = cardsDue(guided.case, stored(guided.events), '2025-04-30', national);
    expect(late.map((c) => c.trigger)).toEqual(['issuance', 'issuance']);
  });

  it('refuses a step limit outside 1–60 working days, naming the field', () => {
    const story = Story.begin().act(intake(), at('2025-03-03'), CLERK);
    for (const days of [0, 61, 2.5]) {
      const error = domainError(() =>
        story.try({ type: 'start-step', kind: 'review', days }, at('2025-03-04'), APPROVER),
      );
      expect([error.type, error.field]).toEqual(['validation', 'days']);
    }
    expect(story.try({ type: 'start-step', kind: 'review', days: 60 }, at('2025-03-04'), APPROVER)).toEqual([
      expect.objectContaining({ type: 'step-started', days: 60 }),
    ]);
  });
});

describe('R19 forwarding: the promised limit of a 审核转报 matter', () => {
  const FORWARD: MatterForIntake = { ...MATTER, type: 'review-forward' };

  it('2025: carries the catalogue type from intake and cards the promised limit as forwarding', () => {
    const story = Story.begin().act(intake({ matter: FORWARD }), at('2025-03-03'), CLERK);
    expect(story.events[0]).toMatchObject({ type: 'received', matterType: 'review-forward' });
    expect(story.case.matterType).toBe('review-forward');
    // Ten working days to 17 March 2025; the statutory twenty to 31 March stays statutory.
    const cards = cardsDue(story.case, stored(story.events), '2025-04-01', national);
    expect(cards.map((c) => [cardKeyOf(c), c.limit, c.colour])).toEqual([
      ['forwarding', 'promised', 'yellow'],
      ['forwarding', 'promised', 'red'],
      ['statutory', 'statutory', 'yellow'],
      ['statutory', 'statutory', 'red'],
    ]);
    expect(cards[1]?.proof?.deadline).toBe('2025-03-17');
    // Any other matter (and a case received before the type was kept) keeps `promised`.
    const plain = Story.begin().act(intake(), at('2025-03-03'), CLERK);
    expect(plain.case.matterType).toBeUndefined();
    expect(cardsDue(plain.case, stored(plain.events), '2025-03-18', national).map(cardKeyOf)).toEqual([
      'promised',
      'promised',
    ]);
  });
});
