import { createHmac } from 'node:crypto';
import {
  type Actor,
  allowedCaseActions,
  type Binding,
  type CalendarFor,
  type CaseActionName,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  caseBodiesOf,
  clockOf,
  coverActor,
  DomainError,
  decide,
  documentIssuedBy,
  evolve,
  formatCaseNo,
  formatDocumentNo,
  isClosed,
  type MaterialFile,
  type Principal,
  parseBodyRef,
  queryCodeFrom,
  queryCodeHash,
  reachesCase,
  reachesCaseAsBody,
  reachesTenant,
  reachesTenantAsBody,
  resultOf,
  resultSignedData,
  type StoredCaseEvent,
  shanghaiDate,
  windowAuthorities,
  workingDaysBetween,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CaseRepository,
  type CaseRow,
  CatalogueRepository,
  cachedTimeline,
  caseWrites,
  kindOfTerm,
  type LookupKind,
  lookupWrites,
  materialFilesOf,
  normaliseTerm,
  rowBodies,
  type Store,
  type StoredCase,
  type StoredResponse,
  TenancyRepository,
} from '@onewindow/store';
import type { Invocation, Respond } from '../context';
import type { SealSigner } from '../esign/seal-keys';
import type { ResultSigner } from '../signing';
import { AuthorityBinding } from './binding';
import { coveredPost } from './cover';
import type { HolderFindings } from './holder-findings';
import { CaseReference } from './reference';

export interface CaseOutcome {
  readonly stored: StoredCase;
  /** The case's whole timeline, this command's events last. */
  readonly events: readonly StoredCaseEvent[];
  /** What the caller may do to the case now, by the decider's own guards. */
  readonly allowedActions: readonly CaseActionName[];
  /** The records of the case's files (scan, verification), when the read looked (issue 16). */
  readonly files?: readonly MaterialFile[];
}

/** An intake that keeps losing counter races is answered 409 after this many transactions. */
const INTAKE_ATTEMPTS = 6;

const caseNotFound = () => new DomainError('not-found', '办件不存在', 'no such case');

/**
 * How many index pages one list request reads for a district body, whose rows are filtered
 * after the Query: enough to fill a page in an ordinary district, and a bound on the cost
 * of one request where the body's cases are rare (the answer is then short, with a cursor).
 */
const BODY_LIST_PAGES = 8;

/** A case the caller does not reach does not exist for it: 404, never 403. */
function assertReach(principal: Principal, state: CaseState): void {
  if (!reachesCase(principal, caseBodiesOf(state))) throw caseNotFound();
}

/** One command on one existing case. */
export interface CaseRun {
  readonly tenant: string;
  readonly caseNo: string;
  /** The version the caller last saw (`If-Match`); a later one answers 409. */
  readonly ifMatch?: number;
  /** Builds the command from the case as stored (a step id, a fee from the matter). */
  readonly command: (state: CaseState) => Promise<CaseCommand> | CaseCommand;
  readonly respond: Respond<CaseOutcome>;
  /** The case as the caller already read it, to save a second read. */
  readonly loaded?: StoredCase;
  /** Who acts, when it is not the invocation's principal as staff (the applicant rating). */
  readonly actor?: Actor;
}

/** An application taken at the window: the command is built once the case has its number. */
export interface CaseIntake {
  readonly tenant: string;
  readonly matter: string;
  readonly build: (ctx: {
    caseNo: string;
    queryCodeHash: string;
    matter: Awaited<ReturnType<CaseReference['matter']>>;
    binding: Awaited<ReturnType<AuthorityBinding['at']>>;
  }) => CaseCommand;
  readonly random: () => Uint8Array;
  readonly respond: (outcome: CaseOutcome, queryCode: string) => ReturnType<Respond<CaseOutcome>>;
}

/**
 * Runs case commands: gathers what the decider needs (authority, calendar, seals),
 * decides, and writes the events, projection and counters in one transaction.
 */
export class CaseService {
  private readonly repo: CaseRepository;
  private readonly reference: CaseReference;
  private readonly binding: AuthorityBinding;

  constructor(
    private readonly store: Store,
    private readonly signer?: ResultSigner,
    /** Signs results with each seal's SM2 key: the cases Lambda and the local stack have one. */
    private readonly sealKeys?: SealSigner,
    /** The holder index findings are kept in (issue 15): whoever records a finding has one. */
    private readonly holders?: HolderFindings,
    /** No malware scanner runs here (the local stack): a `not-scanned` file is usable (issue 16). */
    private readonly scannerless = false,
  ) {
    this.repo = new CaseRepository(store);
    this.reference = new CaseReference(store);
    this.binding = new AuthorityBinding(store);
  }

  /**
   * 剩余工作日: working days from today to each open row's running deadline (acceptance,
   * the promised date, issuance), on the tenant's calendar; negative when overdue.
   */
  async daysLeft(tenant: string, rows: readonly CaseRow[], now: string): Promise<Map<string, number>> {
    const left = new Map<string, number>();
    const open = rows.filter((r) => !isClosed(r.state.status));
    if (open.length === 0) return left;
    const calendarFor = await this.reference.calendar(tenant);
    const today = shanghaiDate(now);
    for (const r of open) {
      const deadline = r.issueBy ?? r.dueDate ?? r.acceptBy;
      if (!deadline) continue;
      try {
        left.set(r.state.caseNo, workingDaysBetween(today, deadline, calendarFor));
      } catch {
        // A deadline beyond the calendars the tenant has: the row shows its date alone.
      }
    }
    return left;
  }

  /** An applicant term's look-up hash: HMAC-SHA256 under the deployment's key, tenant and kind included. */
  private macOf(tenant: string, kind: LookupKind, term: string): string | undefined {
    const key = this.signer?.lookupKey;
    if (!key) return undefined;
    return createHmac('sha256', key).update(`${tenant}|${kind}|${term}`).digest('base64url').slice(0, 32);
  }

  /**
   * 办件查询: one page of the cases matching a case number, or an applicant's identity number,
   * phone or name (through the keyed look-up items intake wrote, never the term itself), and
   * a matter and a range of days; newest first. A district body sees only the cases it reaches.
   */
  async search(
    principal: Principal,
    tenant: string,
    query: { q?: string; matter?: string; from?: string; to?: string; cursor?: string; limit?: number },
  ): Promise<{ items: CaseRow[]; cursor?: string }> {
    if (!reachesTenant(principal, tenant) && !reachesTenantAsBody(principal, tenant)) throw caseNotFound();
    const visible = (rows: CaseRow[]) =>
      reachesTenant(principal, tenant)
        ? rows
        : rows.filter((row) => reachesCaseAsBody(principal, rowBodies(row.state)));
    const q = query.q?.trim();
    if (q && q.startsWith(`${tenant}-`)) {
      const stored = await this.repo.get(tenant, q);
      return { items: stored ? visible([stored]) : [] };
    }
    let mac: string | undefined;
    if (q) {
      const kind = kindOfTerm(q);
      mac = this.macOf(tenant, kind, normaliseTerm(kind, q));
      if (!mac) return { items: [] };
    }
    const page = await this.repo.search(tenant, {
      ...(mac ? { mac } : {}),
      ...(query.matter ? { matter: query.matter } : {}),
      ...(query.from ? { from: query.from.replaceAll('-', '') } : {}),
      ...(query.to ? { to: query.to.replaceAll('-', '') } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit ?? 20,
    });
    return { items: visible(page.items), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /**
   * The stored case, or undefined, whoever asks: for callers that judge access their own way
   * (the public's query code, a supervisor's pushed result, the clock).
   */
  find(tenant: string, caseNo: string): Promise<StoredCase | undefined> {
    return this.repo.get(tenant, caseNo);
  }

  /** The stored case as `principal` may read it; 404 for a case that does not exist or that it does not reach. */
  async load(principal: Principal, tenant: string, caseNo: string): Promise<StoredCase> {
    const stored = await this.repo.get(tenant, caseNo);
    if (!stored) throw caseNotFound();
    assertReach(principal, stored.state);
    return stored;
  }

  /** The projection and its timeline, read in one round trip; 404 for a case that does not exist. */
  private async loadWithEvents(tenant: string, caseNo: string, loaded?: StoredCase) {
    const found = await this.repo.withEvents(tenant, caseNo, loaded);
    if (!found) throw caseNotFound();
    return found;
  }

  /** A case with its whole timeline (its event items) and what `principal` may do to it now. */
  async read(principal: Principal, tenant: string, caseNo: string, now: string): Promise<CaseOutcome> {
    const [{ stored, events }, actor] = await Promise.all([
      this.loadWithEvents(tenant, caseNo),
      // A window officer's authorised matters decide whether an on-the-spot decision is theirs to make.
      this.actorOf(principal, tenant, now, true),
    ]);
    assertReach(principal, stored.state);
    // Files' scan verdicts and verifications live in their records: read only for a case that has files.
    const files = stored.state.materials.some((m) => m.files)
      ? await materialFilesOf(this.store, tenant, caseNo)
      : undefined;
    return {
      stored,
      events,
      allowedActions: allowedCaseActions(stored.state, { actor, now, today: shanghaiDate(now) }),
      ...(files ? { files } : {}),
    };
  }

  /**
   * One page of a list: a body's queue by deadline, the open cases by colour, or all cases by
   * number. A district body's staff list only the cases that name their body.
   */
  async list(
    principal: Principal,
    tenant: string,
    filter: Parameters<CaseRepository['list']>[1],
  ): Promise<{ items: CaseRow[]; cursor?: string }> {
    const page = await this.listPage(principal, tenant, filter);
    // 绿色通道 first in a queue or the open cases: within the page (the indexes sort by deadline).
    if (filter.body === undefined && !filter.open) return page;
    const green = (row: CaseRow) => (row.state.greenChannel ? 0 : 1);
    return { ...page, items: [...page.items].sort((a, b) => green(a) - green(b)) };
  }

  private async listPage(
    principal: Principal,
    tenant: string,
    filter: Parameters<CaseRepository['list']>[1],
  ): Promise<{ items: CaseRow[]; cursor?: string }> {
    if (reachesTenant(principal, tenant)) return this.repo.list(tenant, filter);
    if (!reachesTenantAsBody(principal, tenant)) throw caseNotFound();
    // Its own queue (gsi1, keyed by the bound body) holds only cases bound to it: one Query.
    if (filter.body !== undefined && filter.body === principal.body) return this.repo.list(tenant, filter);
    // Any other list holds cases of other bodies, and no index is keyed by the supervising
    // body: filter the rows, and keep reading until the page is full or the list ends. Each
    // Query asks for no more rows than the page still lacks, so its cursor is exactly where
    // the next page starts; after BODY_LIST_PAGES the page is answered short, with its cursor.
    const limit = filter.limit ?? 50;
    const items: CaseRow[] = [];
    let cursor = filter.cursor;
    for (let read = 0; read < BODY_LIST_PAGES && items.length < limit; read++) {
      const page = await this.repo.list(tenant, {
        ...filter,
        limit: limit - items.length,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items.filter((row) => reachesCaseAsBody(principal, rowBodies(row.state))));
      cursor = page.cursor;
      if (!cursor) break;
    }
    return { items, ...(cursor ? { cursor } : {}) };
  }

  /** The case's event items, the record its hash chain is checked on; 404 for a case that does not exist or is out of reach. */
  async events(principal: Principal, tenant: string, caseNo: string): Promise<StoredCaseEvent[]> {
    // A district body's reach depends on the case's bodies: its projection is read first.
    if (!reachesTenant(principal, tenant)) await this.load(principal, tenant, caseNo);
    const events = await this.repo.events(tenant, caseNo);
    if (events.length === 0) await this.load(principal, tenant, caseNo);
    return events;
  }

  /**
   * Issue 16: a supplement's materials with the record of each file they name, read from the case's
   * partition (the cases Lambda has no S3 client, and needs none: the record holds the digests).
   */
  async givenMaterials(
    state: CaseState,
    given: readonly { code: string; provided?: true; original?: 'paper'; files?: readonly string[] }[],
  ): Promise<Pick<Extract<CaseCommand, { type: 'supplement' }>, 'materials' | 'scannerless'>> {
    // Paper alone reads nothing.
    const files = given.some((m) => m.files)
      ? await materialFilesOf(this.store, state.tenant, state.caseNo)
      : [];
    const withRecord = (code: string, id: string) => {
      const record = files.find((f) => f.code === code && f.id === id);
      return record ? { id, record } : { id };
    };
    return {
      materials: given.map(({ files: ids, ...m }) => ({
        ...m,
        ...(ids ? { files: ids.map((id) => withRecord(m.code, id)) } : {}),
      })),
      ...(this.scannerless ? { scannerless: true } : {}),
    };
  }

  /** R2: what a case is bound to when this command accepts it (from receipt or correction); nothing otherwise. */
  async bindingOnAcceptance(state: CaseState, now: string): Promise<{ binding?: Binding }> {
    if (state.status !== 'needs-correction' && state.status !== 'received') return {};
    const binding = await this.binding.at(state.tenant, state.matter, now);
    return binding ? { binding } : {};
  }

  /** The names a printed document shows beside the ids: the tenant's, and the issuing body's and seal's. */
  async printedNames(
    state: CaseState,
  ): Promise<{ tenantName: string; bodyName?: string; sealName?: string }> {
    const tenancy = new TenancyRepository(this.store);
    const seal = state.result?.seal;
    const ref = seal ? parseBodyRef(seal.body) : undefined;
    const [tenant, body, stored] = await Promise.all([
      tenancy.tenant(state.tenant),
      ref ? tenancy.body(ref.tenant, ref.code) : undefined,
      seal ? new CatalogueRepository(this.store).seal(seal.tenant, seal.id) : undefined,
    ]);
    return {
      tenantName: tenant?.name ?? state.tenant,
      ...(seal ? { bodyName: body?.name ?? seal.body, sealName: stored?.name ?? seal.id } : {}),
    };
  }

  /**
   * R16: what a window officer may decide on the spot at `now`: each matter of their authorisations
   * (授权书) in force whose department the authority timeline still gives it to.
   */
  private async windowMatters(tenant: string, staff: string, now: string) {
    const grants = (await this.repo.windowGrants(tenant)).filter((g) => g.staff === staff);
    const periods = await new AuthorityRepository(this.store).ofMatters(
      tenant,
      grants.flatMap((g) => g.matters),
    );
    return windowAuthorities(grants, (m) => periods.filter((p) => p.matter === m), now);
  }

  /**
   * The caller as the decider sees it. `needWindow` (deciding, extending, a case's allowed
   * actions) also reads what a window clerk deciding on the spot is authorised for, and the
   * caller's staff record: whether they head their body or the government (art. 42), and their
   * name, which an extension's notice gives.
   */
  async actorOf(principal: Principal, tenant: string, now: string, needWindow = false): Promise<Actor> {
    const own = principal.tenant === tenant;
    const [windowMatters, staff, covered] = await Promise.all([
      needWindow && own && principal.roles.includes('window-clerk')
        ? this.windowMatters(tenant, principal.sub, now)
        : undefined,
      needWindow && principal.tenant
        ? new TenancyRepository(this.store).staffMember(principal.tenant, principal.sub)
        : undefined,
      // AB角: while an A this caller backs up is absent, it acts with A's powers too, on A's behalf.
      own
        ? coveredPost(
            this.store,
            tenant,
            principal.sub,
            now,
            needWindow ? (a) => this.windowMatters(tenant, a, now) : undefined,
          )
        : undefined,
    ]);
    return coverActor(
      {
        sub: principal.sub,
        roles: principal.roles,
        ...(principal.body ? { body: principal.body } : {}),
        ...(windowMatters ? { windowMatters } : {}),
        ...(staff ? { name: staff.name } : {}),
        ...(staff?.head ? { head: true } : {}),
        // The head of another tenant's government approves nothing here.
        ...(staff?.governmentHead && own ? { governmentHead: true } : {}),
      },
      covered,
    );
  }

  /** Builds and signs the result with the seal R3 resolves now; refuses when none is usable. */
  async sealedResult(state: CaseState, now: string) {
    if (!state.binding) throw new DomainError('invalid-state', '办件未受理', 'the case was never accepted');
    const approving = parseBodyRef(state.binding.body);
    const [seal, body] = await Promise.all([
      this.binding.sealFor(state.binding, now),
      approving ? new TenancyRepository(this.store).body(approving.tenant, approving.code) : undefined,
    ]);
    // SM2 with the seal's own key (GB/T 38540's signature algorithm): the result's canonical
    // JSON, UTF-8, is exactly the signed data (signedData of the public verification).
    if (!this.sealKeys) throw new Error('this app has no seal signer');
    const key = await this.sealKeys.key(seal.tenant, seal.id, now);
    const result = resultOf(state, seal, now, key.keyId, body?.uscc);
    const signed = await this.sealKeys.sign(seal.tenant, seal.id, resultSignedData(result), now);
    return { result, signature: Buffer.from(signed.signature).toString('hex') };
  }

  /** Does `run.command` to the stored case as the invocation's caller, in one transaction. */
  async run(
    invocation: Invocation,
    run: CaseRun & { readonly needWindow?: boolean },
  ): Promise<StoredResponse> {
    // The answer carries the whole timeline: the events are read beside the projection, not after it.
    const [{ stored, events: previous }, calendarFor, actor] = await Promise.all([
      this.loadWithEvents(run.tenant, run.caseNo, run.loaded),
      this.reference.calendar(run.tenant),
      run.actor ?? this.actorOf(invocation.principal, run.tenant, invocation.now, run.needWindow),
    ]);
    // Staff act only on a case they reach; a run with its own actor (the applicant's rating)
    // was let in by its caller, on the case's query code.
    if (!run.actor) assertReach(invocation.principal, stored.state);
    if (run.ifMatch !== undefined && run.ifMatch !== stored.state.version) {
      throw new DomainError(
        'conflict',
        `办件已更新（当前版本 ${stored.state.version}），请刷新后再办理`,
        `the case changed (now version ${stored.state.version}); reload and retry`,
      );
    }
    return this.apply(invocation, {
      stored,
      command: await run.command(stored.state),
      actor,
      calendarFor,
      respond: (outcome) => run.respond({ ...outcome, events: [...previous, ...outcome.events] }),
      previous,
    });
  }

  /**
   * Intake: claims the day's next case number (one atomic ADD, read with the rest), then
   * writes the case in one transaction. When that transaction loses a race (a counter shard
   * another command held at the same instant), it is written again under a fresh number:
   * numbers never repeat, and may skip (no rule requires them gapless, see claimNumber).
   */
  async intake(invocation: Invocation, intake: CaseIntake): Promise<StoredResponse> {
    const { tenant } = intake;
    const { now } = invocation;
    const date = shanghaiDate(now);
    // Every read intake needs goes out at once: the command then waits on one round of reads.
    const [calendarFor, matter, binding, actor, firstSeq] = await Promise.all([
      this.reference.calendar(tenant),
      this.reference.matter(tenant, intake.matter),
      this.binding.at(tenant, intake.matter, now),
      this.actorOf(invocation.principal, tenant, now),
      this.repo.claimNumber(tenant, date),
    ]);
    for (let attempt = 1; ; attempt++) {
      const seq = attempt === 1 ? firstSeq : await this.repo.claimNumber(tenant, date);
      const caseNo = formatCaseNo(tenant, date, seq);
      const code = queryCodeFrom(intake.random());
      try {
        return await this.apply(invocation, {
          stored: undefined,
          command: intake.build({ caseNo, queryCodeHash: queryCodeHash(caseNo, code), matter, binding }),
          actor,
          calendarFor,
          respond: (outcome) => intake.respond(outcome, code),
          previous: [],
        });
      } catch (error) {
        const lostRace =
          error instanceof DomainError && error.type === 'conflict' && attempt < INTAKE_ATTEMPTS;
        if (!lostRace) throw error;
        // Jitter that grows, so the losers of a round do not meet again in lockstep.
        await new Promise((ok) => setTimeout(ok, Math.random() * 10 * 2 ** attempt));
      }
    }
  }

  /**
   * The clock's visit to one case (job `case-tick`): deems a received case accepted after
   * 5 working days (art. 32 (4)), ends or flags a lapsed deficiency, and rewrites the
   * colour, all as one transaction like any other command.
   */
  async tick(invocation: Invocation, tenant: string, caseNo: string): Promise<void> {
    const stored = await this.repo.get(tenant, caseNo);
    if (!stored) return;
    const calendarFor = await this.reference.calendar(tenant);
    // Deemed acceptance counts from receipt, so it binds the authority in force then (R2).
    const binding =
      stored.state.status === 'received'
        ? await this.binding.at(tenant, stored.state.matter, stored.state.receivedAt)
        : undefined;
    await this.apply(invocation, {
      stored,
      command: { type: 'tick', ...(binding ? { binding } : {}) },
      actor: { sub: invocation.principal.sub, roles: [] },
      calendarFor,
      respond: () => ({ status: 200, body: {} }),
      // A visit reads no event items: it carries the packed timeline on when there is one.
      previous: cachedTimeline(stored),
    });
  }

  /** Each event that issues a document gets the next number of its kind (文号, documents.ts). */
  private numbered(events: CaseEvent[], tenant: string, today: string): Promise<CaseEvent[]> {
    const year = today.slice(0, 4);
    return Promise.all(
      events.map(async (e) => {
        const kind = documentIssuedBy(e.type);
        if (!kind) return e;
        const n = await this.repo.claimDocumentNo(tenant, kind, year);
        return { ...e, docNo: formatDocumentNo(kind, year, n) } as CaseEvent;
      }),
    );
  }

  private async apply(
    invocation: Invocation,
    input: {
      readonly stored: StoredCase | undefined;
      readonly command: CaseCommand;
      readonly actor: Actor;
      readonly calendarFor: CalendarFor;
      readonly respond: Respond<CaseOutcome>;
      /** The case's events before this command, when read: the projection then carries the timeline on. */
      readonly previous: readonly StoredCaseEvent[] | undefined;
    },
  ) {
    const { stored, command, actor, calendarFor } = input;
    const { now } = invocation;
    const today = shanghaiDate(now);
    const events = await this.numbered(
      decide(stored?.state, command, { now, today, actor, calendarFor }),
      stored?.state.tenant ?? (command.type === 'intake' ? command.tenant : ''),
      today,
    );
    const after = events.reduce<CaseState | undefined>((s, e) => evolve(s, e), stored?.state);
    if (!after) throw new Error('no case after the events');
    const clock = clockOf(after, today, calendarFor);
    const { writes, stored: chained, state } = caseWrites(stored, events, after, clock, input.previous);
    // A new case is findable by its applicant's number, phone and name, keyed, in the same transaction.
    if (!stored && this.signer?.lookupKey)
      writes.push(...lookupWrites(state, (kind, term) => this.macOf(state.tenant, kind, term) ?? ''));
    // A supervision finding is kept under the holder too, keyed, for their next intake (issue 15).
    if (events.some((e) => e.type === 'finding-recorded')) {
      if (!this.holders) throw new Error('this app keeps no holder index: the finding would not reach it');
      writes.push(...this.holders.writes(state, events));
    }
    const allowedActions = allowedCaseActions(state, { actor, now, today });
    return invocation.commit({
      // A command with no events is a clock visit that found no timer due: only the colour moved.
      action: events.length > 0 ? `case.${command.type}` : 'case.clock',
      target: `${after.tenant}/${after.caseNo}`,
      ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
      writes,
      response: input.respond({ stored: { ...clock, state }, events: chained, allowedActions }),
    });
  }
}
