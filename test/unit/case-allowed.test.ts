import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedCaseActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseActionName,
  type CaseCommand,
  type CaseState,
  DomainError,
  decide,
  EXTENSION_DAYS,
  guardOf,
  type MatterForIntake,
  STEP_KINDS,
  type Step,
} from '../../packages/domain/src';
import {
  ADMIN,
  APPLICANT,
  APPROVER,
  at,
  BINDING,
  BUREAU,
  BUREAU_HEAD,
  CLERK,
  CLOCK,
  ctx,
  domainError,
  GOVERNMENT_HEAD,
  GUIDED,
  HOUSING,
  HOUSING_APPROVER,
  intake,
  issue,
  MARKET,
  MARKET_APPROVER,
  MATTER,
  provided,
  Story,
  SUPERVISOR,
  T0,
} from '../support/case-fixtures';

const LATE = at('2026-04-01');
const OFFICER: Actor = {
  ...CLERK,
  sub: 'officer-1',
  windowMatters: [{ matter: MATTER.code, body: BINDING.body, id: 'wa-1', docNo: '审授〔2026〕1号' }],
};
const SPOT: MatterForIntake = { ...MATTER, limits: { ...MATTER.limits, onTheSpot: true } };
/** 联合办理 (art. 42(2)): 45 statutory days, extended on the government head's approval. */
const JOINT: MatterForIntake = {
  ...MATTER,
  limits: { ...MATTER.limits, statutoryDays: 45, jointHandling: 'joint' },
};

/** 承办 → 审核 → 签发 by the head (R16). */
const LEVELLED: MatterForIntake = {
  ...MATTER,
  levels: [{ kind: 'undertake' }, { kind: 'review' }, { kind: 'sign', head: true }],
};
const SECOND_APPROVER: Actor = { ...APPROVER, sub: 'approver-2' };
const THIRD_APPROVER: Actor = { ...APPROVER, sub: 'approver-3' };

const allowed = (state: CaseState, actor: Actor) => allowedCaseActions(state, ctx(LATE, actor));

/** A command of each action with input the decider takes, so only the precondition can refuse it. */
function commandOf(action: CaseActionName, state: CaseState, stepId = 's1'): CaseCommand {
  switch (action) {
    case 'supplement': {
      const missing = state.materials.filter((m) => !m.provided).map((m) => m.code);
      const codes = missing.length > 0 ? missing : ['photo'];
      return {
        type: 'supplement',
        materials: codes.map((code) => ({ code, provided: true })),
        binding: BINDING,
      };
    }
    case 'notify-correction': {
      // Within the one-time notice when there is one (beyond it needs a sign-off: the input's to check).
      const notice = state.notices.find((n) => n.kind === 'one-time-notice');
      return { type: 'notify-correction', materials: [notice?.missing?.[0]?.code ?? 'photo'] };
    }
    case 'accept':
      return { type: 'accept', binding: BINDING };
    case 'reject':
      return { type: 'reject', reason: '不符合受理条件', competentAuthority: '西安市住房和城乡建设局' };
    case 'withdraw':
      return { type: 'withdraw', reason: '申请人撤回' };
    case 'start-step':
      return { type: 'start-step', kind: 'review' };
    case 'finish-step':
      return { type: 'finish-step', stepId, outcome: 'pass' };
    case 'countersign':
      return { type: 'countersign', stepId, opinion: '同意', outcome: 'agree' };
    case 'countersign-override':
      return { type: 'countersign-override', stepId, reason: '重点项目，不再等待' };
    case 'request-guidance':
      return { type: 'request-guidance', question: '产权证明是否须原件？' };
    case 'give-guidance':
      return { type: 'give-guidance', opinion: '复印件加盖公章即可' };
    case 'extend':
      return { type: 'extend', days: 5, reason: '需补充调查' };
    case 'opinion': {
      // At the sign-off a level only sends the case back; below it, it passes the case up.
      const last = (state.levels?.length ?? 1) - 1;
      const outcome = (state.opinions?.length ?? 0) >= last ? 'return' : 'pass';
      return { type: 'opinion', opinion: '同意', outcome };
    }
    case 'decide':
      return { type: 'decide', outcome: 'approve' };
    case 'pay':
      return { type: 'pay' };
    case 'issue':
      return issue();
    case 'record-finding':
      return { type: 'record-finding', text: '抽查合格', severity: 'info' };
    case 'close-rectification':
      return { type: 'close-rectification', response: '已整改' };
    case 'record-callback':
      return { type: 'record-callback', view: 'satisfied' };
    case 'appeal-rating':
      return { type: 'appeal-rating', ground: 'malicious', statement: '恶意差评' };
    case 'decide-appeal':
      return { type: 'decide-appeal', outcome: 'dismissed', reason: '评价属实' };
  }
}

const unbound = () => {
  const { binding: _none, ...command } = intake();
  return command;
};
const undertaken = () =>
  accepted({ matter: LEVELLED }).act(
    { type: 'opinion', opinion: '材料齐全，符合条件，拟同意', outcome: 'pass' },
    at('2026-03-03'),
    APPROVER,
  );
const reviewed = () =>
  undertaken().act(
    { type: 'opinion', opinion: '审核同意', outcome: 'pass' },
    at('2026-03-04'),
    SECOND_APPROVER,
  );
const received = () => Story.begin().act(intake({ defer: true }), T0, CLERK);
const needsCorrection = () => Story.begin().act(intake({ materials: provided('form') }), T0, CLERK);
const accepted = (over: Parameters<typeof intake>[0] = {}) => Story.begin().act(intake(over), T0, CLERK);
const approved = () => accepted().act({ type: 'decide', outcome: 'approve' }, at('2026-03-05'), APPROVER);
const issued = () =>
  approved().act({ type: 'pay' }, at('2026-03-06'), CLERK).act(issue(), at('2026-03-09'), CLERK);
const badlyRated = () => issued().act({ type: 'rate', level: 1 }, at('2026-03-10'), APPLICANT);
const answered = () =>
  badlyRated().act({ type: 'close-rectification', response: '已整改' }, at('2026-03-12'), ADMIN);
const appealed = () =>
  badlyRated().act(
    { type: 'appeal-rating', ground: 'malicious', statement: '恶意差评' },
    at('2026-03-11'),
    ADMIN,
  );
const CITY_ADMIN: Actor = { sub: 'nanjing-admin', roles: ['city-admin'] };
const finish: CaseCommand = { type: 'finish-step', stepId: 's1', outcome: 'pass' };
/** A guided case whose bureau asked the housing department's opinion (R6). */
const asked = () =>
  accepted({ binding: GUIDED }).act({ type: 'request-guidance' }, at('2026-03-03'), APPROVER);
const answer: CaseCommand = { type: 'give-guidance', opinion: '可以办理' };
const withStep = (kind: Step['kind'], actor: Actor = APPROVER, over: Parameters<typeof intake>[0] = {}) =>
  accepted(over).act({ type: 'start-step', kind }, at('2026-03-03'), actor);

/** A joint review by the bureau with the market and housing departments (会签). */
const jointReview = () =>
  accepted().act(
    { type: 'start-step', kind: 'joint-review', bodies: [MARKET, HOUSING] },
    at('2026-03-03'),
    APPROVER,
  );
const marketSigned = () =>
  jointReview().act(
    { type: 'countersign', stepId: 's1', opinion: '同意', outcome: 'agree' },
    at('2026-03-04'),
    MARKET_APPROVER,
  );

/** For each action, a case and a person it is offered to, and cases and people it is not. */
const EXAMPLES: Record<CaseActionName, { yes: [Story, Actor][]; no: [Story, Actor, DomainError['type']][] }> =
  {
    supplement: {
      yes: [[needsCorrection(), CLERK]],
      no: [
        [needsCorrection(), APPROVER, 'forbidden'],
        [accepted(), CLERK, 'invalid-state'],
      ],
    },
    'notify-correction': {
      // A signer may send one too: beyond the one-time notice only they may, with a sign-off (R19).
      yes: [
        [needsCorrection(), CLERK],
        [received(), CLERK],
        [needsCorrection(), ADMIN],
        [needsCorrection(), SUPERVISOR],
      ],
      no: [
        [needsCorrection(), APPROVER, 'forbidden'],
        [accepted(), CLERK, 'invalid-state'],
        [Story.begin().act(unbound(), T0, CLERK), CLERK, 'invalid-state'],
      ],
    },
    accept: {
      yes: [[received(), CLERK]],
      no: [
        [needsCorrection(), CLERK, 'invalid-state'],
        [Story.begin().act(unbound(), T0, CLERK), CLERK, 'invalid-state'],
        [received(), APPROVER, 'forbidden'],
      ],
    },
    reject: {
      yes: [
        [received(), CLERK],
        [needsCorrection(), CLERK],
      ],
      no: [[accepted(), CLERK, 'invalid-state']],
    },
    withdraw: {
      yes: [[accepted(), CLERK]],
      no: [
        [approved(), CLERK, 'invalid-state'],
        [accepted(), APPROVER, 'forbidden'],
      ],
    },
    'start-step': {
      yes: [
        [accepted(), APPROVER],
        [accepted({ binding: GUIDED }), APPROVER],
      ],
      no: [
        [accepted(), MARKET_APPROVER, 'forbidden'],
        [received(), APPROVER, 'invalid-state'],
        // R6: the guiding department advises; the case's steps are the bureau's.
        [accepted({ binding: GUIDED }), HOUSING_APPROVER, 'forbidden'],
      ],
    },
    'finish-step': {
      yes: [[withStep('review'), APPROVER]],
      no: [
        [withStep('review').act(finish, at('2026-03-04'), APPROVER), APPROVER, 'invalid-state'],
        [withStep('review'), MARKET_APPROVER, 'forbidden'],
      ],
    },
    countersign: {
      yes: [
        [jointReview(), MARKET_APPROVER],
        [marketSigned(), HOUSING_APPROVER],
      ],
      no: [
        [marketSigned(), MARKET_APPROVER, 'invalid-state'],
        // The lead does not countersign its own review; it may override.
        [jointReview(), APPROVER, 'forbidden'],
        [jointReview(), CLERK, 'forbidden'],
        [accepted(), MARKET_APPROVER, 'invalid-state'],
      ],
    },
    'countersign-override': {
      yes: [
        [jointReview(), APPROVER],
        [marketSigned(), APPROVER],
      ],
      no: [
        [jointReview(), MARKET_APPROVER, 'forbidden'],
        [accepted(), APPROVER, 'invalid-state'],
        [withStep('review'), APPROVER, 'invalid-state'],
      ],
    },
    'request-guidance': {
      yes: [
        [accepted({ binding: GUIDED }), APPROVER],
        [asked().act(answer, at('2026-03-04'), HOUSING_APPROVER), APPROVER],
      ],
      no: [
        [accepted(), APPROVER, 'invalid-state'],
        [asked(), APPROVER, 'invalid-state'],
        [accepted({ binding: GUIDED }), HOUSING_APPROVER, 'forbidden'],
        [accepted({ binding: GUIDED }), MARKET_APPROVER, 'forbidden'],
        [
          accepted({ binding: GUIDED }).act(
            { type: 'decide', outcome: 'approve' },
            at('2026-03-05'),
            APPROVER,
          ),
          APPROVER,
          'invalid-state',
        ],
      ],
    },
    'give-guidance': {
      yes: [
        [asked(), HOUSING_APPROVER],
        [accepted({ binding: GUIDED }), HOUSING_APPROVER],
      ],
      no: [
        [asked(), APPROVER, 'forbidden'],
        [accepted(), HOUSING_APPROVER, 'invalid-state'],
        [
          asked().act({ type: 'decide', outcome: 'approve' }, at('2026-03-05'), APPROVER),
          HOUSING_APPROVER,
          'invalid-state',
        ],
      ],
    },
    extend: {
      yes: [
        [accepted(), BUREAU_HEAD],
        [accepted({ matter: JOINT }), GOVERNMENT_HEAD],
      ],
      no: [
        [
          accepted().act({ type: 'extend', days: 3, reason: '复杂' }, at('2026-03-03'), BUREAU_HEAD),
          BUREAU_HEAD,
          'invalid-state',
        ],
        [accepted(), CLERK, 'forbidden'],
        // Art. 42: the head's approval, not any approver's; of the bound body, not another's.
        [accepted(), APPROVER, 'forbidden'],
        [accepted(), { ...MARKET_APPROVER, head: true }, 'forbidden'],
        [accepted(), GOVERNMENT_HEAD, 'forbidden'],
        // Art. 42(2): a jointly handled matter's extension is the government head's.
        [accepted({ matter: JOINT }), BUREAU_HEAD, 'forbidden'],
      ],
    },
    opinion: {
      yes: [
        [accepted({ matter: LEVELLED }), APPROVER],
        // The sign-off may send the case back to 审核 (R16).
        [reviewed(), BUREAU_HEAD],
      ],
      no: [
        [accepted(), APPROVER, 'invalid-state'],
        [accepted({ matter: LEVELLED }), MARKET_APPROVER, 'forbidden'],
        [accepted({ matter: LEVELLED }), CLERK, 'forbidden'],
        // Whoever signed 承办 does not sign 审核 too.
        [undertaken(), APPROVER, 'forbidden'],
        // 签发 is the head's: an approver cannot send the case back from it.
        [reviewed(), SECOND_APPROVER, 'forbidden'],
      ],
    },
    decide: {
      yes: [
        [accepted(), APPROVER],
        [reviewed(), BUREAU_HEAD],
        [accepted({ matter: SPOT }), OFFICER],
        // R6 corrected: a guided case is decided whether guidance was asked, awaited or given.
        [accepted({ binding: GUIDED }), APPROVER],
        [asked(), APPROVER],
      ],
      no: [
        [withStep('review'), APPROVER, 'invalid-state'],
        [accepted({ matter: SPOT }), CLERK, 'forbidden'],
        [accepted(), OFFICER, 'forbidden'],
        // With levels the decision waits for every level below the sign-off, then is the head's.
        [accepted({ matter: LEVELLED }), BUREAU_HEAD, 'invalid-state'],
        [undertaken(), BUREAU_HEAD, 'invalid-state'],
        [reviewed(), THIRD_APPROVER, 'forbidden'],
      ],
    },
    pay: {
      yes: [
        [accepted(), CLERK],
        [approved(), CLERK],
      ],
      no: [
        [approved().act({ type: 'pay' }, at('2026-03-06'), CLERK), CLERK, 'invalid-state'],
        [accepted({ matter: { ...MATTER, fees: [] } }), CLERK, 'invalid-state'],
      ],
    },
    issue: {
      yes: [[approved().act({ type: 'pay' }, at('2026-03-06'), CLERK), CLERK]],
      no: [
        [approved(), CLERK, 'invalid-state'],
        [accepted(), CLERK, 'invalid-state'],
      ],
    },
    'record-finding': {
      yes: [[issued(), SUPERVISOR]],
      no: [
        [issued(), { ...SUPERVISOR, body: MARKET }, 'forbidden'],
        [approved(), SUPERVISOR, 'invalid-state'],
      ],
    },
    'close-rectification': {
      yes: [[issued().act({ type: 'rate', level: 1 }, at('2026-03-10'), APPLICANT), ADMIN]],
      no: [
        [issued(), ADMIN, 'invalid-state'],
        [issued().act({ type: 'rate', level: 1 }, at('2026-03-10'), APPLICANT), CLERK, 'forbidden'],
      ],
    },
    'record-callback': {
      yes: [[answered(), ADMIN]],
      no: [
        [badlyRated(), ADMIN, 'invalid-state'],
        [answered(), CLERK, 'forbidden'],
      ],
    },
    // LATE (1 April) is past the 差评's limit of 17 March: an appeal is too late there.
    'appeal-rating': {
      yes: [],
      no: [
        [badlyRated(), ADMIN, 'invalid-state'],
        [issued(), ADMIN, 'invalid-state'],
      ],
    },
    'decide-appeal': {
      yes: [[appealed(), CITY_ADMIN]],
      no: [
        [appealed(), ADMIN, 'forbidden'],
        [badlyRated(), CITY_ADMIN, 'invalid-state'],
      ],
    },
  };

describe('allowed case actions', () => {
  it.each(CASE_ACTIONS)('%s: offered where the decider takes it, not where it refuses', (action) => {
    const { yes, no } = EXAMPLES[action];
    for (const [story, actor] of yes) {
      expect(allowed(story.case, actor)).toContain(action);
      expect(decide(story.case, commandOf(action, story.case), ctx(LATE, actor)).length).toBeGreaterThan(0);
    }
    for (const [story, actor, type] of no) {
      expect(allowed(story.case, actor)).not.toContain(action);
      const guard = domainError(() => guardOf(action)(story.case, ctx(LATE, actor)));
      expect(guard.type).toBe(type);
      // The refusal the person would get had the console offered the form anyway; a finish
      // is refused for the step it names.
      const refused = domainError(() => decide(story.case, commandOf(action, story.case), ctx(LATE, actor)));
      if (action === 'finish-step') expect(refused.type).toBe(type);
      else expect([refused.type, refused.zh, refused.en]).toEqual([guard.type, guard.zh, guard.en]);
    }
  });

  it('offers nothing on a closed case but supervision and the rectification, and nothing to the public', () => {
    expect(allowed(issued().case, CLERK)).toEqual([]);
    expect(allowed(issued().case, APPROVER)).toEqual([]);
    expect(allowed(accepted().case, APPLICANT)).toEqual([]);
    expect(allowed(accepted().case, CLOCK)).toEqual([]);
    expect(allowed(needsCorrection().case, CLERK)).toEqual([
      'supplement',
      'notify-correction',
      'reject',
      'withdraw',
    ]);
    expect(allowed(accepted().case, APPROVER)).toEqual(['start-step', 'decide']);
    expect(allowed(accepted().case, BUREAU_HEAD)).toEqual(['start-step', 'extend', 'decide']);
    expect(allowed(accepted({ matter: JOINT }).case, GOVERNMENT_HEAD)).toEqual(['extend']);
  });

  it('offers no finish without a running step; naming one there is an unknown step', () => {
    const story = accepted();
    expect(allowed(story.case, APPROVER)).not.toContain('finish-step');
    expect(domainError(() => story.try(finish, LATE, APPROVER)).type).toBe('validation');
  });

  it('leaves the extension days to the input check, bounded by EXTENSION_DAYS', () => {
    const story = accepted();
    expect(allowed(story.case, BUREAU_HEAD)).toContain('extend');
    const { min, max } = EXTENSION_DAYS;
    for (const days of [min, max]) {
      expect(story.try({ type: 'extend', days, reason: '复杂' }, LATE, BUREAU_HEAD)).toHaveLength(1);
    }
    for (const days of [min - 1, max + 1]) {
      const error = domainError(() => story.try({ type: 'extend', days, reason: '复杂' }, LATE, BUREAU_HEAD));
      expect([error.type, error.field, error.zh]).toEqual([
        'validation',
        'days',
        `延长期限应为 ${min}–${max} 个工作日（第四十二条）`,
      ]);
    }
  });
});

/** Any case the types allow, reachable or not: the guards must agree with the decider on all. */
const anyStep = fc
  .record({
    kind: fc.constantFrom(...STEP_KINDS),
    bodies: fc.subarray([BUREAU, HOUSING, MARKET], { minLength: 1 }),
    finished: fc.boolean(),
    outcome: fc.constantFrom('pass' as const, 'fail' as const),
  })
  .map(
    ({ kind, bodies, finished, outcome }): Omit<Step, 'id'> => ({
      kind,
      bodies,
      joint: bodies.length > 1,
      excluded: kind === 'site-inspection' || kind === 'expert-review' || kind === 'hearing',
      startedAt: at('2026-03-03'),
      ...(finished ? { finishedAt: at('2026-03-04'), outcome } : {}),
    }),
  );

const BASE = accepted().case;
const anyCase: fc.Arbitrary<CaseState> = fc
  .record({
    status: fc.constantFrom(...CASE_STATUSES),
    provided: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    competent: fc.boolean(),
    binding: fc.constantFrom(undefined, BINDING, GUIDED),
    onTheSpot: fc.boolean(),
    joint: fc.boolean(),
    steps: fc.array(anyStep, { maxLength: 3 }),
    extended: fc.boolean(),
    fees: fc.constantFrom(0, 10),
    paid: fc.boolean(),
    deficient: fc.boolean(),
    rated: fc.boolean(),
    rectification: fc.constantFrom('none', 'open', 'closed'),
    guidance: fc.constantFrom('none', 'asked', 'given'),
  })
  .map((g): CaseState => {
    const {
      binding: _b,
      extension: _e,
      payment: _p,
      deficiency: _d,
      rating: _r,
      rectification: _x,
      ...rest
    } = BASE;
    return {
      ...rest,
      status: g.status,
      competent: g.competent,
      materials: BASE.materials.map((m, i) => ({ ...m, provided: g.provided[i] ?? true })),
      limits: {
        ...BASE.limits,
        onTheSpot: g.onTheSpot,
        ...(g.joint ? { jointHandling: 'joint' as const } : {}),
      },
      steps: g.steps.map((step, i) => ({ ...step, id: `s${i + 1}` })),
      fees: g.fees ? [{ code: 'f1', name: '工本费', amount: g.fees }] : [],
      ...(g.binding ? { binding: g.binding } : {}),
      ...(g.extended ? { extension: { days: 3, reason: '复杂', at: at('2026-03-03') } } : {}),
      ...(g.paid ? { payment: { receiptNo: 'r', amount: g.fees, at: T0, by: CLERK.sub } } : {}),
      ...(g.deficient ? { deficiency: { materials: ['photo'], supplementBy: '2026-03-20' } } : {}),
      ...(g.rated ? { rating: { level: 1, at: T0 } } : {}),
      ...(g.guidance === 'none'
        ? {}
        : {
            guidance: [
              {
                id: 'g1',
                body: HOUSING,
                requestedAt: T0,
                requestedBy: APPROVER.sub,
                ...(g.guidance === 'given'
                  ? { opinion: '同意', givenAt: T0, givenBy: HOUSING_APPROVER.sub }
                  : {}),
              },
            ],
          }),
      ...(g.rectification === 'none'
        ? {}
        : {
            rectification: {
              openedAt: T0,
              dueDate: '2026-03-17',
              ...(g.rectification === 'closed' ? { closedAt: T0, response: '已整改' } : {}),
            },
          }),
    };
  });

const ACTORS: readonly Actor[] = [
  CLERK,
  OFFICER,
  APPROVER,
  HOUSING_APPROVER,
  MARKET_APPROVER,
  SUPERVISOR,
  { ...SUPERVISOR, body: MARKET },
  ADMIN,
  APPLICANT,
  CLOCK,
  { sub: 'both-1', roles: ['window-clerk', 'approver'], body: BUREAU },
  BUREAU_HEAD,
  { ...HOUSING_APPROVER, head: true },
  GOVERNMENT_HEAD,
];

/** What `decide` does with a command: the events' count, or the error type it threw. */
function outcome(state: CaseState, command: CaseCommand, actor: Actor): number | DomainError['type'] {
  try {
    return decide(state, command, ctx(LATE, actor)).length;
  } catch (error) {
    if (error instanceof DomainError) return error.type;
    throw error;
  }
}

describe('allowed case actions against the decider, on generated cases', () => {
  it('lists an action iff its guard passes; decide takes a listed one and refuses an unlisted one with 403 or 409', () => {
    fc.assert(
      fc.property(anyCase, fc.constantFrom(...ACTORS), (state, actor) => {
        const list = allowedCaseActions(state, ctx(LATE, actor));
        for (const action of CASE_ACTIONS) {
          let passes = true;
          try {
            guardOf(action)(state, ctx(LATE, actor));
          } catch {
            passes = false;
          }
          expect(list.includes(action)).toBe(passes);
          // A finish or a countersignature names a step: try each the case has (none: the name is simply unknown, 400).
          const commands =
            action === 'finish-step' || action.startsWith('countersign')
              ? state.steps.map((s) => commandOf(action, state, s.id))
              : [commandOf(action, state)];
          const outcomes = commands.map((command) => outcome(state, command, actor));
          if (passes) {
            expect(outcomes.some((o) => typeof o === 'number' && o > 0)).toBe(true);
          } else if (action === 'finish-step' && state.steps.length === 0) {
            expect(outcome(state, commandOf(action, state), actor)).toMatch(/^(validation|invalid-state)$/);
          } else {
            for (const o of outcomes) expect(o).toMatch(/^(forbidden|invalid-state)$/);
          }
        }
      }),
      { seed: 20260302, numRuns: 400 },
    );
  });
});
