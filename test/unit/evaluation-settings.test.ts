import { describe, expect, it } from 'vitest';
import { checkEvaluation, DEFAULT_EVALUATION, DomainError } from '../../packages/domain/src';

/** R18: what a city may set for evaluation. */
describe('evaluation settings', () => {
  it('takes the defaults and the limits in use (5, 7, 15 working days; 1–90 days; 3–5)', () => {
    expect(() => checkEvaluation(DEFAULT_EVALUATION)).not.toThrow();
    for (const rectificationDays of [1, 5, 7, 15, 30])
      expect(() => checkEvaluation({ ...DEFAULT_EVALUATION, rectificationDays })).not.toThrow();
    expect(() =>
      checkEvaluation({
        rectificationDays: 15,
        defaultRatingDays: 90,
        defaultRatingLevel: 5,
        receiptDays: 5,
      }),
    ).not.toThrow();
  });

  it('names the field out of its bounds, and a default rating is never a 差评', () => {
    for (const [change, field] of [
      [{ rectificationDays: 0 }, 'rectificationDays'],
      [{ rectificationDays: 31 }, 'rectificationDays'],
      [{ rectificationDays: 5.5 }, 'rectificationDays'],
      [{ defaultRatingDays: 0 }, 'defaultRatingDays'],
      [{ defaultRatingDays: 91 }, 'defaultRatingDays'],
      [{ defaultRatingLevel: 2 }, 'defaultRatingLevel'],
      [{ defaultRatingLevel: 6 }, 'defaultRatingLevel'],
      // R20: a pushed decision is signed for within 1–5 working days.
      [{ receiptDays: 0 }, 'receiptDays'],
      [{ receiptDays: 6 }, 'receiptDays'],
    ] as const) {
      let thrown: unknown;
      try {
        checkEvaluation({ ...DEFAULT_EVALUATION, ...change });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect([(thrown as DomainError).type, (thrown as DomainError).field]).toEqual(['validation', field]);
    }
  });
});
