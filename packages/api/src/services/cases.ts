import {
  type Actor,
  type Binding,
  type CalendarFor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  canonicalJson,
  cityOfTenant,
  clockOf,
  DomainError,
  decide,
  evolve,
  formatCaseNo,
  type MatterForIntake,
  type Principal,
  parseBodyRef,
  queryCodeFrom,
  queryCodeHash,
  resolveSeal,
  resultOf,
  type Seal,
  type StoredCaseEvent,
  shanghaiDate,
  viewAt,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CalendarRepository,
  CaseRepository,
  CatalogueRepository,
  type Command,
  caseWrites,
  type Store,
  type StoredCase,
  type StoredResponse,
  tenantPk,
} from '@onewindow/store';
import type { ResultSigner } from '../signing';
import { ttlCache } from './ttl-cache';

/** How a command reaches the table: the route's `commit` (with its idempotency record) or the clock's. */
export type Commit = (
  command: Omit<Command, 'actor' | 'at' | 'scopePk' | 'idempotency'>,
) => Promise<StoredResponse>;

export interface CaseOutcome {
  readonly stored: StoredCase;
  /** The case's whole timeline, this command's events last. */
  readonly events: readonly StoredCaseEvent[];
}

const DEFAULT_WARN_DAYS = 2;
/** How stale a calendar or matter definition may be in one instance (README: case handling). */
const REFERENCE_TTL_MS = 60_000;
const calendars = ttlCache<CalendarFor>(REFERENCE_TTL_MS);
const matters = ttlCache<MatterForIntake>(REFERENCE_TTL_MS);
/** Intakes racing for one day's numbers each win a round; enough rounds for a hall's windows all at once. */
const NUMBER_ATTEMPTS = 40;

const caseNotFound = () => new DomainError('not-found', '办件不存在', 'no such case');

/**
 * Runs case commands: gathers what the decider needs (authority, calendar, seals),
 * decides, and writes the events, projection and counters in one transaction.
 */
export class CaseService {
  readonly repo: CaseRepository;

  constructor(
    readonly store: Store,
    readonly signer?: ResultSigner,
  ) {
    this.repo = new CaseRepository(store);
  }

  async load(tenant: string, caseNo: string): Promise<StoredCase> {
    const stored = await this.repo.get(tenant, caseNo);
    if (!stored) throw caseNotFound();
    return stored;
  }

  calendar(tenant: string): Promise<CalendarFor> {
    return calendars(`${this.store.tableName}|${tenant}`, () =>
      new CalendarRepository(this.store).effectiveFor(tenant),
    );
  }

  /**
   * R2 and R6: what a case accepted now is bound to. Under `origin-leads` the origin body
   * handles it with the seal it held before the move; under `guided` the receiving body
   * handles it and the origin body reviews. Undefined when the tenant does not hold the matter.
   */
  async bindingAt(tenant: string, matter: string, at: string): Promise<Binding | undefined> {
    const authority = new AuthorityRepository(this.store);
    const period = await authority.at(tenant, matter, at);
    if (!period) return undefined;
    const view = viewAt(period, at);
    const base = {
      mode: view.mode,
      supervisingBody: view.supervisingBody,
      periodFrom: view.from,
      ...(view.originBody ? { originBody: view.originBody } : {}),
      ...(view.rollout ? { rollout: view.rollout } : {}),
    };
    if (view.transition?.policy === 'origin-leads' && view.originBody) {
      const before = await authority.at(tenant, matter, new Date(Date.parse(period.from) - 1).toISOString());
      const seal =
        before && before.body === view.originBody ? before.seal : await this.sealOf(view.originBody, at);
      if (!seal) {
        throw new DomainError(
          'invalid-state',
          `过渡期由原部门“${view.originBody}”牵头办理，但其没有可用的印章`,
          `the origin body '${view.originBody}' leads during the transition but has no usable seal`,
        );
      }
      return { ...base, body: view.originBody, seal };
    }
    return {
      ...base,
      body: view.body,
      seal: view.seal,
      ...(view.transition?.policy === 'guided' && view.originBody ? { guidedBy: view.originBody } : {}),
    };
  }

  /** A usable seal of a body, for a body that leads without a period of its own. */
  private async sealOf(body: string, at: string): Promise<string | undefined> {
    const { tenant } = parseBodyRef(body);
    const seals = await new CatalogueRepository(this.store).seals(tenant);
    return seals.find((s) => s.body === body && s.validFrom <= at && (!s.voidedAt || at < s.voidedAt))?.id;
  }

  /** The matter as this tenant handles it: the city's definition with the tenant's own settings. */
  matterFor(tenant: string, code: string): Promise<MatterForIntake> {
    return matters(`${this.store.tableName}|${tenant}|${code}`, () => this.loadMatter(tenant, code));
  }

  private async loadMatter(tenant: string, code: string): Promise<MatterForIntake> {
    const catalogue = new CatalogueRepository(this.store);
    const [matter, settings] = await Promise.all([
      catalogue.matter(cityOfTenant(tenant), code),
      catalogue.settings(tenant),
    ]);
    if (!matter) {
      throw new DomainError(
        'validation',
        `指导目录中没有事项“${code}”`,
        `the catalogue has no matter '${code}'`,
        'matter',
      );
    }
    const local = settings.get(code) ?? {};
    return {
      code,
      name: matter.name,
      items: matter.items,
      materials: matter.materials,
      fees: local.fees ?? matter.fees,
      limits: {
        promisedDays: local.promisedDays ?? matter.promisedDays,
        statutoryDays: matter.statutoryDays,
        onTheSpot: matter.onTheSpot,
        warnDays: local.warnDays ?? DEFAULT_WARN_DAYS,
        deficiencyLapse: local.deficiencyLapse ?? 'terminate',
      },
    };
  }

  async actorOf(principal: Principal, tenant: string, now: string, needWindow: boolean): Promise<Actor> {
    const windowMatters =
      needWindow && principal.roles.includes('window-clerk') && principal.tenant === tenant
        ? await this.repo.windowMatters(tenant, principal.sub, now)
        : undefined;
    return {
      sub: principal.sub,
      roles: principal.roles,
      ...(principal.body ? { body: principal.body } : {}),
      ...(windowMatters ? { windowMatters } : {}),
    };
  }

  /** Builds and signs the result with the seal R3 resolves now; refuses when none is usable. */
  async sealedResult(state: CaseState, now: string) {
    if (!this.signer) throw new Error('this app has no result signer');
    if (!state.binding) throw new DomainError('invalid-state', '办件未受理', 'the case was never accepted');
    const seal = await this.resolveSealOf(state.binding, now);
    const result = resultOf(state, seal, now, this.signer.keyId);
    return { result, signature: this.signer.sign(canonicalJson(result)) };
  }

  async resolveSealOf(binding: Binding, at: string): Promise<Seal> {
    const { tenant } = parseBodyRef(binding.body);
    const seals = await new CatalogueRepository(this.store).seals(tenant);
    return resolveSeal(new Map(seals.map((s) => [s.id, s])), binding.seal, at);
  }

  /**
   * Decides `command` against the stored case and commits the outcome as one transaction.
   * `ifMatch` is the version the caller last saw; a later one answers 409.
   */
  async run(input: {
    readonly tenant: string;
    readonly caseNo: string;
    readonly command: (state: CaseState) => Promise<CaseCommand> | CaseCommand;
    readonly actor: Actor;
    readonly now: string;
    readonly ifMatch?: number;
    readonly commit: Commit;
    readonly respond: (outcome: CaseOutcome) => StoredResponse;
  }): Promise<StoredResponse> {
    const [stored, calendarFor] = await Promise.all([
      this.load(input.tenant, input.caseNo),
      this.calendar(input.tenant),
    ]);
    const previous = stored.timeline ?? [];
    if (input.ifMatch !== undefined && input.ifMatch !== stored.state.version) {
      throw new DomainError(
        'conflict',
        `办件已更新（当前版本 ${stored.state.version}），请刷新后再办理`,
        `the case changed (now version ${stored.state.version}); reload and retry`,
      );
    }
    const command = await input.command(stored.state);
    return this.apply(stored, command, input.actor, input.now, calendarFor, input.commit, (outcome) =>
      input.respond({ ...outcome, events: [...previous, ...outcome.events] }),
    );
  }

  async apply(
    stored: StoredCase | undefined,
    command: CaseCommand,
    actor: Actor,
    now: string,
    calendarFor: CalendarFor,
    commit: Commit,
    respond: (outcome: CaseOutcome) => StoredResponse,
    extraWrites: Command['writes'] = [],
  ): Promise<StoredResponse> {
    const today = shanghaiDate(now);
    const events = decide(stored?.state, command, { now, today, actor, calendarFor });
    const after = events.reduce<CaseState | undefined>((s, e) => evolve(s, e), stored?.state);
    if (!after) throw new Error('no case after the events');
    const clock = clockOf(after, today, calendarFor);
    const { writes, stored: chained, state } = caseWrites(stored, events, after, clock);
    return commit({
      // A command with no events is a clock visit that found no timer due: only the colour moved.
      action: events.length > 0 ? `case.${command.type}` : 'case.clock',
      target: `${after.tenant}/${after.caseNo}`,
      writes: [...extraWrites, ...writes],
      response: respond({ stored: { ...clock, state }, events: chained }),
    });
  }

  /**
   * Intake: draws the day's next case number under a conditional write and retries with
   * the next one when a concurrent intake took it, so numbers never repeat or skip.
   */
  async intake(input: {
    readonly tenant: string;
    readonly actor: Actor;
    readonly now: string;
    readonly commit: Commit;
    readonly build: (caseNo: string, queryCodeHash: string) => CaseCommand;
    readonly random: () => Uint8Array;
    readonly respond: (outcome: CaseOutcome, queryCode: string) => StoredResponse;
    /** Started by the caller beside its own reads, so intake waits on one round of reads, not several. */
    readonly prefetched?: {
      calendar: Promise<CalendarFor>;
      claim: ReturnType<CaseRepository['claimNumber']>;
    };
  }): Promise<StoredResponse> {
    const date = shanghaiDate(input.now);
    const calendarFor = await (input.prefetched?.calendar ?? this.calendar(input.tenant));
    for (let attempt = 1; ; attempt++) {
      const claim =
        attempt === 1 && input.prefetched
          ? await input.prefetched.claim
          : await this.repo.claimNumber(input.tenant, date);
      const caseNo = formatCaseNo(input.tenant, date, claim.seq);
      const code = queryCodeFrom(input.random());
      try {
        return await this.apply(
          undefined,
          input.build(caseNo, queryCodeHash(caseNo, code)),
          input.actor,
          input.now,
          calendarFor,
          input.commit,
          (outcome) => input.respond(outcome, code),
          [claim.write],
        );
      } catch (error) {
        const lostRace =
          error instanceof DomainError && error.type === 'conflict' && attempt < NUMBER_ATTEMPTS;
        if (!lostRace) throw error;
        // A little jitter so the losers of a round do not collide again in lockstep.
        await new Promise((ok) => setTimeout(ok, Math.random() * Math.min(50, 5 * attempt)));
      }
    }
  }
}

/** Parses `If-Match: 3`, `"3"` or `W/"3"`; anything else is a bad request naming the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m?.[1]) {
    throw new DomainError(
      'validation',
      'If-Match 应为办件版本号',
      'If-Match must be the case version',
      'If-Match',
    );
  }
  return Number(m[1]);
}

const CLOCK_ACTOR: Actor = { sub: 'clock', roles: [] };

/**
 * The clock worker's visit to one case (job `case-tick`): deems a received case accepted
 * after 5 working days (art. 32 (4)), ends or flags a lapsed deficiency, and rewrites the
 * colour, all as one transaction like any other command.
 */
export async function tickCase(store: Store, tenant: string, caseNo: string, now: string): Promise<void> {
  const svc = new CaseService(store);
  const stored = await svc.repo.get(tenant, caseNo);
  if (!stored) return;
  const calendarFor = await svc.calendar(tenant);
  // Deemed acceptance counts from receipt, so it binds the authority in force then (R2).
  const binding =
    stored.state.status === 'received'
      ? await svc.bindingAt(tenant, stored.state.matter, stored.state.receivedAt)
      : undefined;
  await svc.apply(
    stored,
    { type: 'tick', ...(binding ? { binding } : {}) },
    CLOCK_ACTOR,
    now,
    calendarFor,
    (command) => store.commit({ ...command, actor: CLOCK_ACTOR.sub, at: now, scopePk: tenantPk(tenant) }),
    () => ({ status: 200, body: {} }),
  );
}
