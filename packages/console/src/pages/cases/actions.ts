import type { CaseActionName } from '@onewindow/domain';
import { many, numberOr, one, type Values } from '../../ui/form';
import { commitmentOf } from './commitment';

/** Joins a material's code and its file ids in one choice of the supplement form (no id holds it). */
export const FILES_SEP = '|';

/**
 * The case actions the console has a form for on the case page, each with the API body its
 * form makes (API.md `{action}`); whether one is shown is the API's `allowedActions`.
 * Supervision findings and rectifications have their own pages.
 */
export const ACTIONS = {
  supplement: (v: Values) => ({
    materials: many(v, 'materials').map((choice) => {
      const [code = '', ...files] = choice.split(FILES_SEP);
      return files.length > 0 ? { code, files } : { code, provided: true };
    }),
    ...commitmentOf(v),
  }),
  'notify-correction': (v: Values) => {
    const reason = one(v, 'signOff.reason');
    return { materials: many(v, 'materials'), ...(reason ? { signOff: { reason } } : {}) };
  },
  accept: () => ({}),
  reject: (v: Values) => {
    const competentAuthority = one(v, 'competentAuthority');
    return { reason: one(v, 'reason'), ...(competentAuthority ? { competentAuthority } : {}) };
  },
  withdraw: (v: Values) => ({ reason: one(v, 'reason') }),
  'start-step': (v: Values) => {
    const bodies = one(v, 'bodies')
      .split(/[\s,，、]+/)
      .filter(Boolean);
    const days = one(v, 'days');
    return {
      kind: one(v, 'kind'),
      ...(bodies.length > 0 ? { bodies } : {}),
      ...(days ? { days: numberOr(days) } : {}),
    };
  },
  'finish-step': (v: Values) => {
    const note = one(v, 'note');
    return { stepId: one(v, 'stepId'), outcome: one(v, 'outcome'), ...(note ? { note } : {}) };
  },
  countersign: (v: Values) => ({
    stepId: one(v, 'stepId'),
    opinion: one(v, 'opinion'),
    outcome: one(v, 'outcome'),
  }),
  'countersign-override': (v: Values) => ({ stepId: one(v, 'stepId'), reason: one(v, 'reason') }),
  'request-guidance': (v: Values) => {
    const question = one(v, 'question');
    return question ? { question } : {};
  },
  'give-guidance': (v: Values) => ({ opinion: one(v, 'opinion') }),
  extend: (v: Values) => ({ days: numberOr(one(v, 'days')), reason: one(v, 'reason') }),
  opinion: (v: Values) => ({ opinion: one(v, 'opinion'), outcome: one(v, 'outcome') }),
  decide: (v: Values) => {
    const reasons = one(v, 'reasons');
    const opinion = one(v, 'opinion');
    return { outcome: one(v, 'outcome'), ...(reasons ? { reasons } : {}), ...(opinion ? { opinion } : {}) };
  },
  pay: () => ({}),
  issue: (v: Values) => ({ delivery: one(v, 'delivery') }),
} as const satisfies { readonly [A in CaseActionName]?: (v: Values) => object };

export type ActionName = keyof typeof ACTIONS;
export const isAction = (name: string): name is ActionName => Object.hasOwn(ACTIONS, name);
