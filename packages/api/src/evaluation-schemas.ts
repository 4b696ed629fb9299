import {
  APPEAL_GROUNDS,
  APPEAL_OUTCOMES,
  CALLBACK_CHANNELS,
  CALLBACK_VIEWS,
  CITY_LEDGER_FILTERS,
} from '@onewindow/domain';
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** R18 after a 差评: what the tenant answers, what the rater said when called back, the appeal and the city's decision. */
export const RectificationCloseInput = z.strictObject({ response: text(4000) });
export const CallbackInput = z.strictObject({
  view: z.enum(CALLBACK_VIEWS),
  channel: z.optional(z.enum(CALLBACK_CHANNELS)),
  note: z.optional(text(1000)),
});
export const AppealInput = z.strictObject({ ground: z.enum(APPEAL_GROUNDS), statement: text(2000) });
export const AppealDecisionInput = z.strictObject({ outcome: z.enum(APPEAL_OUTCOMES), reason: text(2000) });
export const CityLedgerQuery = z.strictObject({ filter: z.optional(z.enum(CITY_LEDGER_FILTERS)) });
export const RatingExportQuery = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  format: z.optional(z.enum(['jsonl', 'xlsx'])),
});

/** R19: what the body says against a card, an inspector's decision on it, and an urge (督办). */
export const CardContestInput = z.strictObject({ reasons: text(2000) });
export const CardReviewInput = z.strictObject({
  outcome: z.enum(['upheld', 'withdrawn']),
  reason: text(2000),
});
export const CardUrgeInput = z.strictObject({ note: text(1000) });

/** The monthly assessment (月度考核): the month, and the format of the tenant's report. */
export const AssessmentQuery = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  format: z.optional(z.enum(['json', 'xlsx'])),
});
