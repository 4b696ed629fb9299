import { describe, expect, it } from 'vitest';
import { allowedCaseActions, STEP_DAYS } from '../../packages/domain/src';
import {
  APPROVER,
  at,
  BUREAU,
  CLERK,
  ctx,
  domainError,
  HOUSING,
  HOUSING_APPROVER,
  intake,
  MARKET,
  MARKET_APPROVER,
  Story,
  T0,
} from '../support/case-fixtures';

/** The bureau (the lead) opens a joint review with the market and housing departments (会签). */
const opened = (days?: number) =>
  Story.begin()
    .act(intake(), T0, CLERK)
    .act(
      {
        type: 'start-step',
        kind: 'joint-review',
        bodies: [MARKET, HOUSING, BUREAU, MARKET],
        ...(days ? { days } : {}),
      },
      at('2026-03-03'),
      APPROVER,
    );
const sign = (outcome: 'agree' | 'disagree', opinion = '同意') =>
  ({ type: 'countersign', stepId: 's1', opinion, outcome }) as const;
const decide = { type: 'decide', outcome: 'approve' } as const;

describe('joint review with countersignatures (并联审批/会签)', () => {
  it('names the participants without the lead, once each, with the kind’s default limit', () => {
    const step = opened().case.steps[0];
    expect(step).toMatchObject({ kind: 'joint-review', bodies: [MARKET, HOUSING], joint: true });
    expect(step?.days).toBe(STEP_DAYS.defaults['joint-review']);
  });

  it('refuses a joint review that names no body but the lead', () => {
    const story = Story.begin().act(intake(), T0, CLERK);
    for (const bodies of [[], [BUREAU]]) {
      const error = domainError(() =>
        story.try({ type: 'start-step', kind: 'joint-review', bodies }, at('2026-03-03'), APPROVER),
      );
      expect([error.type, error.field]).toEqual(['validation', 'bodies']);
    }
  });

  it('holds the decision, naming the bodies still to countersign, until the last one signs', () => {
    const story = opened().act(sign('agree'), at('2026-03-04'), MARKET_APPROVER);
    expect(story.case.steps[0]?.countersigns).toEqual([
      { body: MARKET, by: MARKET_APPROVER.sub, at: at('2026-03-04'), opinion: '同意', outcome: 'agree' },
    ]);
    const held = domainError(() => story.try(decide, at('2026-03-05'), APPROVER));
    expect(held.type).toBe('invalid-state');
    expect(held.zh).toContain(HOUSING);
    expect(held.zh).not.toContain(MARKET);
    const done = story.act(sign('agree', '符合规划'), at('2026-03-05'), HOUSING_APPROVER);
    expect(done.events.slice(-2).map((e) => e.type)).toEqual(['countersigned', 'step-finished']);
    expect(done.case.steps[0]).toMatchObject({ outcome: 'pass', finishedAt: at('2026-03-05') });
    expect(done.try(decide, at('2026-03-06'), APPROVER).map((e) => e.type)).toEqual(['decided']);
  });

  it('finishes as failed when any body disagrees; the lead still decides', () => {
    const story = opened()
      .act(sign('disagree', '不符合消防要求'), at('2026-03-04'), MARKET_APPROVER)
      .act(sign('agree'), at('2026-03-05'), HOUSING_APPROVER);
    expect(story.case.steps[0]?.outcome).toBe('fail');
  });

  it('lets each participant sign once, and only participants', () => {
    const story = opened().act(sign('agree'), at('2026-03-04'), MARKET_APPROVER);
    expect(domainError(() => story.try(sign('agree'), at('2026-03-04'), MARKET_APPROVER)).type).toBe(
      'invalid-state',
    );
    expect(domainError(() => story.try(sign('agree'), at('2026-03-04'), APPROVER)).type).toBe('forbidden');
    expect(allowedCaseActions(story.case, ctx(at('2026-03-04'), HOUSING_APPROVER))).toContain('countersign');
    expect(allowedCaseActions(story.case, ctx(at('2026-03-04'), MARKET_APPROVER))).not.toContain(
      'countersign',
    );
    const blank = domainError(() => story.try(sign('agree', '  '), at('2026-03-04'), HOUSING_APPROVER));
    expect([blank.type, blank.field]).toEqual(['validation', 'opinion']);
    const unknown = domainError(() =>
      story.try({ ...sign('agree'), stepId: 's9' }, at('2026-03-04'), HOUSING_APPROVER),
    );
    expect([unknown.type, unknown.field]).toEqual(['validation', 'stepId']);
  });

  it('records a countersignature after the step’s limit as late', () => {
    const story = opened(2).act(sign('agree'), at('2026-03-10'), MARKET_APPROVER);
    expect(story.case.steps[0]?.countersigns?.[0]?.late).toBe(true);
  });

  it('is never finished by hand: the last countersignature or the lead’s override finishes it', () => {
    const error = domainError(() =>
      opened().try({ type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-04'), APPROVER),
    );
    expect(error.type).toBe('invalid-state');
  });

  it('lets the lead body decide without the missing countersignatures, recorded with its reason', () => {
    const story = opened().act(sign('agree'), at('2026-03-04'), MARKET_APPROVER);
    const override = {
      type: 'countersign-override',
      stepId: 's1',
      reason: '重点项目，住建部门逾期未会签',
    } as const;
    expect(domainError(() => story.try(override, at('2026-03-05'), MARKET_APPROVER)).type).toBe('forbidden');
    const blank = domainError(() => story.try({ ...override, reason: ' ' }, at('2026-03-05'), APPROVER));
    expect([blank.type, blank.field]).toEqual(['validation', 'reason']);
    const done = story.act(override, at('2026-03-05'), APPROVER);
    expect(done.case.steps[0]).toMatchObject({
      override: { by: APPROVER.sub, reason: override.reason, pending: [HOUSING] },
      outcome: 'pass',
      finishedAt: at('2026-03-05'),
    });
    expect(done.case.steps[0]?.note).toContain(override.reason);
    expect(done.try(decide, at('2026-03-06'), APPROVER)).toHaveLength(1);
    expect(domainError(() => done.try(sign('agree'), at('2026-03-06'), HOUSING_APPROVER)).type).toBe(
      'invalid-state',
    );
  });
});
