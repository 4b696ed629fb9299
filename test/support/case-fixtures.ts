import {
  type Actor,
  APPLICANT_ACTOR,
  type Binding,
  type CalendarFor,
  type CaseCommand,
  type CaseEvent,
  type CaseResult,
  type CaseState,
  type DecideContext,
  DomainError,
  decide,
  evolve,
  formatCaseNo,
  type MatterForIntake,
  nationalCalendar,
  shanghaiDate,
} from '../../packages/domain/src';

/**
 * Pure fixtures for the case decider and clock tests: a tenant with an approval bureau
 * that holds one matter on transfer from the housing department (which supervises), the
 * State Council calendars, and a way to build a case by deciding and folding real events.
 */
export const TENANT = 'xian.yanliang';
export const BUREAU = `${TENANT}/approval-bureau`;
export const HOUSING = `${TENANT}/housing`;
export const MARKET = `${TENANT}/market`;

/** The national schedules: 2019–2026, nothing for 2027 on. */
export const national: CalendarFor = (year) => nationalCalendar(year);

export const CLERK: Actor = { sub: 'clerk-1', roles: ['window-clerk'] };
export const APPROVER: Actor = { sub: 'approver-1', roles: ['approver'], body: BUREAU };
/** An approver of the origin department: guides during a `guided` transition. */
/** The head (负责人) of the bound body: approves its extensions (art. 42). */
export const BUREAU_HEAD: Actor = {
  sub: 'head-1',
  roles: ['approver'],
  body: BUREAU,
  name: '王局长',
  head: true,
};
/** The head of the tenant's government: approves a jointly handled matter's extension (art. 42(2)). */
export const GOVERNMENT_HEAD: Actor = {
  sub: 'gov-head',
  roles: ['tenant-admin'],
  name: '李县长',
  governmentHead: true,
};
export const HOUSING_APPROVER: Actor = { sub: 'approver-h', roles: ['approver'], body: HOUSING };
export const MARKET_APPROVER: Actor = { sub: 'approver-m', roles: ['approver'], body: MARKET };
export const SUPERVISOR: Actor = { sub: 'supervisor-1', roles: ['supervisor'], body: HOUSING };
export const ADMIN: Actor = { sub: 'admin-1', roles: ['tenant-admin'] };
export const CLOCK: Actor = { sub: 'clock', roles: [] };
export const APPLICANT = APPLICANT_ACTOR;

export const BINDING: Binding = {
  body: BUREAU,
  seal: 'bureau-seal',
  supervisingBody: HOUSING,
  mode: 'transfer',
  periodFrom: '2019-06-01T00:00:00+08:00',
  originBody: HOUSING,
};
/** R6 `guided`: the housing department reviews before the bureau decides. */
export const GUIDED: Binding = { ...BINDING, guidedBy: HOUSING };

/** Two core materials, two non-core; 10 yuan; 10 promised / 20 statutory working days. */
export const MATTER: MatterForIntake = {
  code: 'm1',
  name: '房屋租赁登记备案',
  items: [],
  materials: [
    { code: 'form', name: '申请表', core: true },
    { code: 'licence', name: '营业执照', core: true },
    { code: 'plan', name: '平面图', core: false },
    { code: 'photo', name: '现场照片', core: false },
  ],
  fees: [{ code: 'f1', name: '工本费', amount: 10 }],
  limits: {
    promisedDays: 10,
    statutoryDays: 20,
    onTheSpot: false,
    warnDays: 2,
    deficiencyLapse: 'terminate',
  },
};

/** GB 11643's own sample number. */
export const PERSON_ID = '11010519491231002X';

/** Monday 2 March 2026, 09:00 in Shanghai: no holiday for weeks either side. */
export const T0 = '2026-03-02T09:00:00+08:00';

/** `date` (a Shanghai business date) at `time` Shanghai time, as an instant. */
export const at = (date: string, time = '10:00'): string => `${date}T${time}:00+08:00`;

export type Intake = Extract<CaseCommand, { type: 'intake' }>;

export const provided = (...codes: string[]) =>
  MATTER.materials.map((m) => ({ code: m.code, provided: codes.includes(m.code) }));

/** An intake of MATTER with every material on the desk and the tenant holding it. */
export const intake = (over: Partial<Intake> = {}): Intake => ({
  type: 'intake',
  tenant: TENANT,
  caseNo: formatCaseNo(TENANT, '2026-03-02', 1),
  queryCodeHash: 'query-code-hash',
  matter: MATTER,
  applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID },
  materials: provided('form', 'licence', 'plan', 'photo'),
  binding: BINDING,
  ...over,
});

export const ctx = (now: string, actor: Actor, calendarFor: CalendarFor = national): DecideContext => ({
  now,
  today: shanghaiDate(now),
  actor,
  calendarFor,
});

/** A case as the fold of the events its commands produced; each `act` decides one more. */
export class Story {
  private constructor(
    readonly state: CaseState | undefined,
    readonly events: readonly CaseEvent[],
    readonly calendarFor: CalendarFor,
  ) {}

  static begin(calendarFor: CalendarFor = national): Story {
    return new Story(undefined, [], calendarFor);
  }

  /** Decides `command` at `now` as `actor` and folds what it produced. */
  act(command: CaseCommand, now: string, actor: Actor): Story {
    const events = decide(this.state, command, ctx(now, actor, this.calendarFor));
    const state = events.reduce<CaseState | undefined>((s, e) => evolve(s, e), this.state);
    return new Story(state, [...this.events, ...events], this.calendarFor);
  }

  get case(): CaseState {
    if (!this.state) throw new Error('no case yet');
    return this.state;
  }

  /** The events `command` would produce now, without folding them. */
  try(command: CaseCommand, now: string, actor: Actor): CaseEvent[] {
    return decide(this.state, command, ctx(now, actor, this.calendarFor));
  }
}

/** The DomainError `fn` throws; fails the test when it throws nothing or something else. */
export function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** A result as `resultOf` would build it; the decider only carries it. */
export const RESULT: CaseResult = {
  caseNo: formatCaseNo(TENANT, '2026-03-02', 1),
  tenant: TENANT,
  matter: MATTER.code,
  matterName: MATTER.name,
  applicantName: '张三',
  outcome: 'approve',
  decidedAt: T0,
  issuedAt: T0,
  approvingBody: BUREAU,
  seal: { id: 'bureau-seal', body: BUREAU, tenant: TENANT },
  keyId: 'key-1',
};

export const issue = (): CaseCommand => ({
  type: 'issue',
  delivery: 'window',
  result: RESULT,
  signature: 'sig',
});
