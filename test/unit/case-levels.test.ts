import { describe, expect, it } from 'vitest';
import {
  type Actor,
  checkLevels,
  type MatterForIntake,
  resultOf,
  type Seal,
} from '../../packages/domain/src';
import {
  APPROVER,
  at,
  BUREAU,
  BUREAU_HEAD,
  CLERK,
  domainError,
  intake,
  MARKET_APPROVER,
  MATTER,
  Story,
  T0,
} from '../support/case-fixtures';

/** 承办 → 审核 → 签发, the sign-off the head's (R16). */
const LEVELLED: MatterForIntake = {
  ...MATTER,
  levels: [{ kind: 'undertake' }, { kind: 'review' }, { kind: 'sign', head: true }],
};
const REVIEWER: Actor = { ...APPROVER, sub: 'approver-2' };
const pass = (opinion: string) => ({ type: 'opinion', opinion, outcome: 'pass' }) as const;
const back = (opinion: string) => ({ type: 'opinion', opinion, outcome: 'return' }) as const;

const accepted = () => Story.begin().act(intake({ matter: LEVELLED }), T0, CLERK);
const undertaken = () => accepted().act(pass('材料齐全，拟同意'), at('2026-03-03'), APPROVER);
const reviewed = () => undertaken().act(pass('审核无误，同意'), at('2026-03-04'), REVIEWER);

describe('approval levels (R16)', () => {
  it('keeps the matter’s levels on its case at intake, and none for a one-level matter', () => {
    expect(accepted().case.levels).toEqual(LEVELLED.levels);
    expect(Story.begin().act(intake(), T0, CLERK).case.levels).toBeUndefined();
    expect(
      Story.begin().act(intake({ matter: { ...MATTER, levels: [{ kind: 'sign' }] } }), T0, CLERK).case.levels,
    ).toBeUndefined();
  });

  it('records each level’s signer, instant and opinion in order', () => {
    const story = reviewed();
    expect(story.events.slice(-2).map((e) => e.type)).toEqual(['level-passed', 'level-passed']);
    expect(story.case.opinions).toEqual([
      { level: 0, kind: 'undertake', by: APPROVER.sub, at: at('2026-03-03'), opinion: '材料齐全，拟同意' },
      { level: 1, kind: 'review', by: REVIEWER.sub, at: at('2026-03-04'), opinion: '审核无误，同意' },
    ]);
    expect(story.case.status).toBe('accepted');
  });

  it('decides only at the sign-off, by the head, keeping every level’s opinion on the decision and the result', () => {
    expect(
      domainError(() =>
        undertaken().try({ type: 'decide', outcome: 'approve' }, at('2026-03-04'), BUREAU_HEAD),
      ),
    ).toMatchObject({ type: 'invalid-state', zh: expect.stringContaining('审核') });
    expect(
      domainError(() =>
        reviewed().try({ type: 'decide', outcome: 'approve' }, at('2026-03-05'), {
          ...APPROVER,
          sub: 'approver-3',
        }),
      ).type,
    ).toBe('forbidden');
    const decided = reviewed().act(
      { type: 'decide', outcome: 'approve', opinion: '同意，准予许可' },
      at('2026-03-05'),
      BUREAU_HEAD,
    );
    expect(decided.case.status).toBe('approved');
    expect(decided.case.decision?.opinions?.map((o) => [o.kind, o.by, o.opinion])).toEqual([
      ['undertake', APPROVER.sub, '材料齐全，拟同意'],
      ['review', REVIEWER.sub, '审核无误，同意'],
      ['sign', BUREAU_HEAD.sub, '同意，准予许可'],
    ]);
    const seal: Seal = {
      tenant: 'xian.gaoxin',
      id: 'seal-1',
      body: BUREAU,
      name: '行政审批专用章',
      validFrom: T0,
      electronic: true,
    } as Seal;
    const result = resultOf(decided.case, seal, at('2026-03-06'), 'k1');
    expect(result.approvals).toEqual(decided.case.decision?.opinions);
  });

  it('sends the case back one level with reasons: the level below signs again', () => {
    const returned = reviewed().act(back('请补充核查场地证明'), at('2026-03-05'), BUREAU_HEAD);
    expect(returned.events.at(-1)).toMatchObject({
      type: 'level-returned',
      level: 2,
      kind: 'sign',
      to: 1,
      opinion: '请补充核查场地证明',
      actor: BUREAU_HEAD.sub,
    });
    // 审核's signature is void; 承办's stands.
    expect(returned.case.opinions?.map((o) => o.kind)).toEqual(['undertake']);
    expect(
      domainError(() => returned.try({ type: 'decide', outcome: 'approve' }, at('2026-03-05'), BUREAU_HEAD))
        .type,
    ).toBe('invalid-state');
    const again = returned.act(pass('已核查，同意'), at('2026-03-06'), REVIEWER);
    expect(again.case.opinions?.map((o) => o.opinion)).toEqual(['材料齐全，拟同意', '已核查，同意']);
    // 审核 may send it back to 承办 too; 承办 has nothing below it.
    const toFirst = undertaken().act(back('材料不全'), at('2026-03-04'), REVIEWER);
    expect(toFirst.case.opinions ?? []).toEqual([]);
    expect(domainError(() => toFirst.try(back('再退'), at('2026-03-04'), APPROVER))).toMatchObject({
      type: 'invalid-state',
    });
  });

  it('refuses an empty opinion naming the field, a pass at the sign-off, two levels by one person, another body', () => {
    expect(domainError(() => accepted().try(pass('  '), at('2026-03-03'), APPROVER))).toMatchObject({
      type: 'validation',
      field: 'opinion',
    });
    expect(domainError(() => reviewed().try(pass('同意'), at('2026-03-05'), BUREAU_HEAD)).type).toBe(
      'invalid-state',
    );
    expect(domainError(() => undertaken().try(pass('同意'), at('2026-03-04'), APPROVER))).toMatchObject({
      type: 'forbidden',
      zh: expect.stringContaining('同一人不能签署两级'),
    });
    expect(domainError(() => accepted().try(pass('同意'), at('2026-03-03'), MARKET_APPROVER)).type).toBe(
      'forbidden',
    );
    expect(domainError(() => accepted().try(pass('同意'), at('2026-03-03'), CLERK)).type).toBe('forbidden');
    // The head level is the head's even to send back.
    expect(
      domainError(() => reviewed().try(back('退回'), at('2026-03-05'), { ...APPROVER, sub: 'x' })).type,
    ).toBe('forbidden');
  });

  it('accepts 1–5 levels ending in the one sign-off, and one level for an on-the-spot matter', () => {
    expect(() => checkLevels([{ kind: 'sign' }], true)).not.toThrow();
    expect(() => checkLevels(LEVELLED.levels ?? [], false)).not.toThrow();
    for (const [levels, onTheSpot] of [
      [[], false],
      [[{ kind: 'undertake' }, { kind: 'review' }], false],
      [[{ kind: 'sign' }, { kind: 'sign' }], false],
      [Array.from({ length: 6 }, (_, i) => ({ kind: i === 5 ? 'sign' : 'review' })), false],
      [[{ kind: 'undertake' }, { kind: 'sign' }], true],
    ] as const) {
      const error = domainError(() => checkLevels(levels as never, onTheSpot));
      expect(error).toMatchObject({ type: 'validation', field: 'approvalLevels' });
    }
  });
});
