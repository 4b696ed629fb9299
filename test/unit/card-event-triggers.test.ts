import { describe, expect, it } from 'vitest';
import {
  type CardDraft,
  type CaseEvent,
  cardIdOf,
  cardKeyOf,
  cardsDue,
  type MatterForIntake,
  mayRaiseAtOnce,
} from '../../packages/domain/src';
import { folded, stored, summary } from '../support/card-stories';
import {
  ADMIN,
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
 * R19's event triggers of issue 15, red at once with the events as evidence: a refusal or
 * rejection without reasons, a fee not the catalogue's, a notice beyond the one-time notice. The
 * API refuses the first and takes only the catalogue's fees, so those events are crafted here as
 * an import or a migration could write them. The clock triggers: card-triggers.test.ts.
 */

describe('R19 no-reasons: a refusal or rejection without its reasons, red at once', () => {
  // The API and the decider refuse both commands without reasons (art. 38, 32): these events are
  // crafted, as one written in any other way (an import, a migration) would be.
  const accepted = () => Story.begin().act(intake(), at('2026-03-02'), CLERK);

  it('cards a deny event whose reasons are missing or blank, with the event as evidence', () => {
    const refused = domainError(() =>
      accepted().try({ type: 'decide', outcome: 'deny', reasons: '  ' }, at('2026-03-04'), APPROVER),
    );
    expect(refused.field).toBe('reasons');
    for (const reasons of [undefined, '  ']) {
      const deny: CaseEvent = {
        type: 'decided',
        outcome: 'deny',
        ...(reasons === undefined ? {} : { reasons }),
        at: at('2026-03-04'),
        actor: APPROVER.sub,
      };
      const { state, events } = folded(accepted(), deny);
      expect(mayRaiseAtOnce(state, deny)).toBe(true);
      expect(cardsDue(state, events, '2026-03-04', national)).toEqual([
        {
          trigger: 'no-reasons',
          colour: 'red',
          since: '2026-03-04',
          evidence: [{ seq: 3, type: 'decided', at: at('2026-03-04'), hash: 'h3' }],
          detail: expect.objectContaining({ zh: expect.stringContaining('不予许可') }),
        },
      ]);
    }
    const reasoned = accepted().act(
      { type: 'decide', outcome: 'deny', reasons: '不符合条件' },
      at('2026-03-04'),
      APPROVER,
    );
    expect(mayRaiseAtOnce(reasoned.case, reasoned.events.at(-1) as CaseEvent)).toBe(false);
    expect(cardsDue(reasoned.case, stored(reasoned.events), '2026-03-04', national)).toEqual([]);
  });

  it('cards a rejection without its reason, though the case is closed', () => {
    const received = Story.begin().act(intake({ defer: true }), at('2026-03-02'), CLERK);
    const reject: CaseEvent = { type: 'rejected', reason: '', at: at('2026-03-03'), actor: CLERK.sub };
    const { state, events } = folded(received, reject);
    expect(state.status).toBe('rejected');
    expect(mayRaiseAtOnce(state, reject)).toBe(true);
    expect(summary(cardsDue(state, events, '2026-05-01', national))).toEqual([
      ['no-reasons', 'red', '2026-03-03'],
    ]);
  });
});

describe('R19 fee: a fee paid that is not the catalogue’s', () => {
  const accepted = (matter: MatterForIntake = MATTER) =>
    Story.begin().act(intake({ matter }), at('2026-03-02'), CLERK);
  const paid = (amount: number): CaseEvent => ({
    type: 'fee-paid',
    receiptNo: 'r-1',
    amount,
    at: at('2026-03-05'),
    actor: CLERK.sub,
  });

  it('takes the catalogue’s fees through the decider, and raises nothing', () => {
    const story = accepted().act({ type: 'pay' }, at('2026-03-05'), CLERK);
    expect(story.case.payment?.amount).toBe(10);
    expect(mayRaiseAtOnce(story.case, story.events.at(-1) as CaseEvent)).toBe(false);
    expect(cardsDue(story.case, stored(story.events), '2026-03-05', national)).toEqual([]);
  });

  it('cards an amount other than the fees carried from intake, with both events as evidence', () => {
    const { state, events } = folded(accepted(), paid(12));
    expect(mayRaiseAtOnce(state, paid(12))).toBe(true);
    const [card, ...rest] = cardsDue(state, events, '2026-03-05', national);
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ trigger: 'fee', colour: 'red', since: '2026-03-05' });
    expect(card?.evidence?.map((e) => [e.seq, e.type])).toEqual([
      [1, 'received'],
      [3, 'fee-paid'],
    ]);
    expect(card?.detail?.zh).toBe('收取 12.00 元，目录所列 10.00 元');
    expect(card?.proof).toBeUndefined();
    // To the fen: 10.004 is the catalogue's 10.00.
    const fen = folded(accepted(), paid(10.004));
    expect(cardsDue(fen.state, fen.events, '2026-03-05', national)).toEqual([]);
  });

  it('cards any fee on a matter whose catalogue lists none', () => {
    const free = accepted({ ...MATTER, fees: [] });
    const { state, events } = folded(free, paid(5));
    const cards = cardsDue(state, events, '2026-03-05', national);
    expect(cards.map((c) => [c.trigger, c.detail?.en])).toEqual([
      ['fee', 'CNY 5.00 charged; the catalogue lists no fee'],
    ]);
  });
});

describe('R19 notice: asking beyond the one-time notice', () => {
  /** The one-time notice names the licence, the plan and the photo (the form alone was brought). */
  const noticed = () =>
    Story.begin().act(
      intake({
        materials: MATTER.materials.map((m) => ({ code: m.code, provided: m.code === 'form' })),
      }),
      at('2026-03-02'),
      CLERK,
    );

  it('cards a signed-off later notice, citing the one-time notice and the notice that broke it', () => {
    const story = noticed()
      .act({ type: 'notify-correction', materials: ['licence'] }, at('2026-03-03'), CLERK)
      .act(
        { type: 'notify-correction', materials: ['form'], signOff: { reason: '申请表签字页缺失' } },
        at('2026-03-04'),
        ADMIN,
      );
    const events = stored(story.events);
    expect(events.map((e) => e.type)).toEqual([
      'received',
      'correction-notified',
      'correction-notified',
      'correction-notified',
    ]);
    expect(mayRaiseAtOnce(story.case, story.events[3] as CaseEvent)).toBe(true);
    const cards = cardsDue(story.case, events, '2026-03-04', national);
    // The repeat of the licence (within the notice) raises nothing; the form beyond it does.
    expect(summary(cards)).toEqual([['notice:4', 'red', '2026-03-04']]);
    expect(cards[0]?.evidence?.map((e) => e.seq)).toEqual([2, 4]);
    expect(cards[0]?.detail).toEqual({
      zh: '一次性告知后又要求补正：申请表（经签批）',
      en: 'asked after the one-time notice for: form (signed off)',
    });
    expect(cardIdOf(story.case.caseNo, cardKeyOf(cards[0] as CardDraft), 'red')).toBe(
      `${story.case.caseNo}~notice:4~red`,
    );
  });

  it('cards a notice or a deficiency beyond it however the event came, and not what the applicant committed to', () => {
    const base = noticed();
    const unsigned: CaseEvent = {
      ...(base.events[1] as Extract<CaseEvent, { type: 'correction-notified' }>),
      notice: {
        kind: 'one-time-notice',
        at: at('2026-03-03'),
        zh: '补正',
        en: 'more',
        missing: [{ code: 'form', name: '申请表', core: true }],
      },
      at: at('2026-03-03'),
    };
    const a = folded(base, unsigned);
    expect(summary(cardsDue(a.state, a.events, '2026-03-03', national))).toEqual([
      ['notice:3', 'red', '2026-03-03'],
    ]);
    // Committed at intake (容缺承诺, before the notice): the photo may be asked for at acceptance.
    const committed = Story.begin().act(
      intake({
        materials: MATTER.materials.map((m) => ({
          code: m.code,
          provided: m.code === 'form' || m.code === 'plan',
        })),
        commitment: { materials: ['photo'], supplementBy: '2026-03-20' },
      }),
      at('2026-03-02'),
      CLERK,
    );
    const deficient = (materials: string[]): CaseEvent => ({
      type: 'accepted',
      acceptedAt: at('2026-03-05'),
      deemed: false,
      binding: GUIDED,
      deficiency: { materials, supplementBy: '2026-03-20' },
      at: at('2026-03-05'),
      actor: CLERK.sub,
    });
    const ok = folded(committed, deficient(['photo']));
    expect(
      cardsDue(ok.state, ok.events, '2026-03-05', national).filter((c) => c.trigger === 'notice'),
    ).toEqual([]);
    const beyond = folded(committed, deficient(['photo', 'plan']));
    expect(
      summary(
        cardsDue(beyond.state, beyond.events, '2026-03-05', national).filter((c) => c.trigger === 'notice'),
      ),
    ).toEqual([['notice:3', 'red', '2026-03-05']]);
  });
});
