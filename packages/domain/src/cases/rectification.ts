import { addWorkingDays, type CalendarFor } from '../calendar';
import { invalid } from '../errors';
import { type DecideContext, type Draft, refuse, requireRole } from './guards';
import type { CaseState } from './types';

/**
 * R18 after a 差评: the rectification (整改) the rating opened, its call-back to the rater (回访),
 * its escalation to the city when overdue, and the centre's appeal (申诉复核) decided by the city.
 * Each is an event of the case, in its hash chain like every other.
 */

/** What the rater says of the fix when called back; a dissatisfied rater reopens the rectification. */
export const CALLBACK_VIEWS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type CallbackView = (typeof CALLBACK_VIEWS)[number];

/** How the call-back reached the rater. */
export const CALLBACK_CHANNELS = ['phone', 'sms', 'visit', 'online'] as const;
export type CallbackChannel = (typeof CALLBACK_CHANNELS)[number];

/**
 * Why a centre appeals a 差评 (国办发〔2019〕51号: 恶意差评 and mistaken ratings are reviewed and,
 * when found so, left out of the results): a malicious rating, a mistaken one (the wrong service,
 * window or person), one about the law or policy rather than the service, or another ground stated.
 */
export const APPEAL_GROUNDS = ['malicious', 'mistaken', 'policy-not-service', 'other'] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

export const APPEAL_OUTCOMES = ['upheld', 'dismissed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export interface Callback {
  readonly at: string;
  readonly by: string;
  readonly view: CallbackView;
  readonly channel?: CallbackChannel;
  readonly note?: string;
}

export interface Appeal {
  readonly at: string;
  readonly by: string;
  readonly ground: AppealGround;
  readonly statement: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly outcome?: AppealOutcome;
  readonly reason?: string;
}

export interface Rectification {
  readonly openedAt: string;
  /** The last working day of the current round, on the tenant's calendar. */
  readonly dueDate: string;
  readonly closedAt?: string;
  readonly response?: string;
  /** Rounds so far: a dissatisfied call-back opens the next. */
  readonly round?: number;
  readonly callbacks?: readonly Callback[];
  /** When the clock told the city the current round was overdue. */
  readonly escalatedAt?: string;
  readonly appeal?: Appeal;
}

export type RectificationCommand =
  | { readonly type: 'close-rectification'; readonly response: string }
  | {
      readonly type: 'record-callback';
      readonly view: CallbackView;
      readonly channel?: CallbackChannel;
      readonly note?: string;
      /** The city's limit for the next round when the rater is dissatisfied, resolved by the app. */
      readonly rectificationDays?: number;
    }
  /** The clock, once a round's last working day has passed with no response. */
  | { readonly type: 'escalate-rectification' }
  | { readonly type: 'appeal-rating'; readonly ground: AppealGround; readonly statement: string }
  | { readonly type: 'decide-appeal'; readonly outcome: AppealOutcome; readonly reason: string };

export type RectificationEvent =
  | { readonly type: 'rectification-opened'; readonly dueDate: string }
  | { readonly type: 'rectification-closed'; readonly response: string }
  | {
      readonly type: 'rectification-called-back';
      readonly view: CallbackView;
      readonly channel?: CallbackChannel;
      readonly note?: string;
      /** Present when the rater was dissatisfied: the next round's last working day. */
      readonly dueDate?: string;
    }
  | { readonly type: 'rectification-escalated'; readonly dueDate: string }
  | { readonly type: 'rating-appealed'; readonly ground: AppealGround; readonly statement: string }
  | { readonly type: 'appeal-decided'; readonly outcome: AppealOutcome; readonly reason: string };

const ADMINS = ['tenant-admin', 'city-admin', 'platform-admin'] as const;

/** The rectification a 差评 opened, unless an upheld appeal ended it; else a refusal. */
function current(state: CaseState): Rectification {
  const r = state.rectification;
  if (!r) throw refuse('没有整改事项', 'there is no rectification');
  if (r.appeal?.outcome === 'upheld')
    throw refuse('申诉已成立，该差评不再整改', 'the appeal was upheld: the rating needs no rectification');
  return r;
}

type Ctx = Pick<DecideContext, 'actor' | 'now' | 'today'>;

/** The preconditions, one per command: the case's actions list and `decide` both run them. */
type RectificationGuard = (s: CaseState, c: Ctx) => void;

export const closeGuard: RectificationGuard = (state, { actor }) => {
  requireRole(
    actor,
    ADMINS,
    '仅租户管理员可以办结整改',
    'only a tenant administrator can close a rectification',
  );
  if (current(state).closedAt) throw refuse('没有待整改事项', 'there is no open rectification');
};

export const callbackGuard: RectificationGuard = (state, { actor }) => {
  requireRole(actor, ADMINS, '仅租户管理员可以登记回访', 'only a tenant administrator records a call-back');
  const r = current(state);
  if (!r.closedAt) throw refuse('整改答复后方可回访', 'call the rater back once the fix is answered');
  const last = r.callbacks?.at(-1);
  if (last && last.at >= r.closedAt)
    throw refuse('本轮整改已回访', 'this round has been called back already');
};

/** No route sends it: the clock's job does, once the round's last working day has passed. */
export const escalateGuard: RectificationGuard = (state, { today }) => {
  const r = current(state);
  if (r.closedAt) throw refuse('整改已答复', 'the rectification is answered');
  if (today <= r.dueDate) throw refuse('整改尚未超期', 'the rectification is not overdue');
  if (r.escalatedAt && r.escalatedAt >= roundStart(r)) throw refuse('已上报', 'already escalated');
};

export const appealGuard: RectificationGuard = (state, { actor, today }) => {
  requireRole(actor, ADMINS, '仅租户管理员可以申诉', 'only a tenant administrator can appeal a rating');
  const r = current(state);
  if (r.appeal) throw refuse('该差评已申诉，每件只能申诉一次', 'the rating has been appealed; once only');
  // The appeal is made within the first round's limit, while the facts are fresh.
  if ((r.round ?? 1) > 1 || today > r.dueDate)
    throw refuse('申诉须在整改时限内提出', 'an appeal is made within the rectification limit');
};

export const decideAppealGuard: RectificationGuard = (state, { actor }) => {
  requireRole(actor, ['city-admin', 'platform-admin'], '申诉由市级复核', 'the city decides appeals');
  const appeal = state.rectification?.appeal;
  if (!appeal) throw refuse('没有待复核的申诉', 'there is no appeal to decide');
  if (appeal.outcome) throw refuse('申诉已复核', 'the appeal has been decided');
};

/** When the rectification's current round began. */
const roundStart = (r: Rectification) => r.callbacks?.at(-1)?.at ?? r.openedAt;

function text(field: string, value: string, zh: string, en: string, max = 2000): string {
  const t = value.trim();
  if (!t || t.length > max)
    throw invalid(field, `${zh}不能为空，且不超过 ${max} 字`, `${en} is 1–${max} characters`);
  return t;
}

function oneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw invalid(field, `“${field}”无效`, `'${field}' is one of ${allowed.join(', ')}`);
  return value;
}

/** The events of a rectification command; its guard has run. */
export function decideRectification(
  state: CaseState,
  command: RectificationCommand,
  ctx: { readonly today: string; readonly calendarFor: CalendarFor; readonly defaultDays: number },
): Draft[] {
  switch (command.type) {
    case 'close-rectification':
      return [
        {
          type: 'rectification-closed',
          response: text('response', command.response, '整改答复', 'the response'),
        },
      ];
    case 'record-callback': {
      const view = oneOf('view', command.view, CALLBACK_VIEWS);
      if (command.channel !== undefined) oneOf('channel', command.channel, CALLBACK_CHANNELS);
      const note = command.note?.trim();
      const days = command.rectificationDays ?? ctx.defaultDays;
      return [
        {
          type: 'rectification-called-back',
          view,
          ...(command.channel ? { channel: command.channel } : {}),
          ...(note ? { note } : {}),
          ...(view === 'dissatisfied' ? { dueDate: addWorkingDays(ctx.today, days, ctx.calendarFor) } : {}),
        },
      ];
    }
    case 'escalate-rectification':
      return [{ type: 'rectification-escalated', dueDate: state.rectification?.dueDate ?? ctx.today }];
    case 'appeal-rating':
      return [
        {
          type: 'rating-appealed',
          ground: oneOf('ground', command.ground, APPEAL_GROUNDS),
          statement: text('statement', command.statement, '申诉理由', 'the statement'),
        },
      ];
    case 'decide-appeal':
      return [
        {
          type: 'appeal-decided',
          outcome: oneOf('outcome', command.outcome, APPEAL_OUTCOMES),
          reason: text('reason', command.reason, '复核意见', 'the reason'),
        },
      ];
  }
}

/** The case after a rectification event. */
export function evolveRectification(
  s: CaseState,
  event: RectificationEvent & { readonly at: string; readonly actor: string },
): CaseState {
  if (event.type === 'rectification-opened')
    return { ...s, rectification: { openedAt: event.at, dueDate: event.dueDate } };
  const r = s.rectification;
  if (!r) return s;
  switch (event.type) {
    case 'rectification-closed':
      return { ...s, rectification: { ...r, closedAt: event.at, response: event.response } };
    case 'rectification-called-back': {
      const callback: Callback = {
        at: event.at,
        by: event.actor,
        view: event.view,
        ...(event.channel ? { channel: event.channel } : {}),
        ...(event.note ? { note: event.note } : {}),
      };
      const callbacks = [...(r.callbacks ?? []), callback];
      if (!event.dueDate) return { ...s, rectification: { ...r, callbacks } };
      // A dissatisfied rater: the next round starts, with no response yet.
      const { closedAt: _c, response: _r, ...open } = r;
      return {
        ...s,
        rectification: { ...open, callbacks, dueDate: event.dueDate, round: (r.round ?? 1) + 1 },
      };
    }
    case 'rectification-escalated':
      return { ...s, rectification: { ...r, escalatedAt: event.at } };
    case 'rating-appealed':
      return {
        ...s,
        rectification: {
          ...r,
          appeal: { at: event.at, by: event.actor, ground: event.ground, statement: event.statement },
        },
      };
    case 'appeal-decided': {
      const appeal = r.appeal && {
        ...r.appeal,
        decidedAt: event.at,
        decidedBy: event.actor,
        outcome: event.outcome,
        reason: event.reason,
      };
      const upheld = event.outcome === 'upheld';
      return {
        ...s,
        rectification: { ...r, ...(appeal ? { appeal } : {}) },
        // An upheld appeal leaves the rating out of every statistic, saying why.
        ...(upheld && s.rating
          ? { rating: { ...s.rating, excluded: { at: event.at, reason: event.reason } } }
          : {}),
      };
    }
  }
}

/** What a city's list shows: the rectifications it has a part in, or only those waiting on it. */
export const CITY_LEDGER_FILTERS = ['all', 'escalated', 'appealed', 'awaiting-decision'] as const;
export type CityLedgerFilter = (typeof CITY_LEDGER_FILTERS)[number];

/** Where a rectification stands, for lists and the ledger. */
export type RectificationStatus = 'open' | 'overdue' | 'answered' | 'called-back' | 'appeal-upheld';

export function rectificationStatus(r: Rectification, today: string): RectificationStatus {
  if (r.appeal?.outcome === 'upheld') return 'appeal-upheld';
  if (r.closedAt) return (r.callbacks?.at(-1)?.at ?? '') >= r.closedAt ? 'called-back' : 'answered';
  return today > r.dueDate ? 'overdue' : 'open';
}
