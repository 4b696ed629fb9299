import { marshall } from '@aws-sdk/util-dynamodb';
import {
  type CaseClock,
  type CaseEvent,
  type CaseState,
  chainHash,
  DomainError,
  GENESIS_HASH,
  isClosed,
  type StoredCaseEvent,
  shanghaiDate,
} from '@onewindow/domain';
import { jobItem } from './jobs';
import { keys, tenantPk } from './keys';
import type { Item, Store, Write } from './store';
import { entityOf } from './tenancy';

export const caseKeys = {
  case: (tenant: string, caseNo: string) => ({ pk: tenantPk(tenant), sk: `CASE#${caseNo}` }),
  /** Events live in the case's own partition, in sequence order. */
  event: (tenant: string, caseNo: string, seq: number) => ({
    pk: `${tenantPk(tenant)}#CASE#${caseNo}`,
    sk: `EV#${String(seq).padStart(6, '0')}`,
  }),
  /** The last case number drawn on a Shanghai day. */
  sequence: (tenant: string, date: string) => ({ pk: tenantPk(tenant), sk: `CASESEQ#${date}` }),
  /** Month counters for the e-supervision charts. */
  stats: (tenant: string, month: string) => ({ pk: tenantPk(tenant), sk: `STATS#${month}` }),
  fee: (tenant: string, date: string, receiptNo: string) => ({
    pk: tenantPk(tenant),
    sk: `FEE#${date}#${receiptNo}`,
  }),
  /** A rectification opened by a poor rating, open until the tenant responds. */
  rectification: (tenant: string, caseNo: string) => ({ pk: tenantPk(tenant), sk: `RECT#${caseNo}` }),
  /** A window officer's chief-representative authorisation (首席代表授权). */
  windowAuthorisation: (tenant: string, staffId: string) => ({
    pk: tenantPk(tenant),
    sk: `WINAUTH#${staffId}`,
  }),
  /** A result pushed to a supervising body, in that body's tenant. */
  inbox: (tenant: string, body: string, at: string, caseNo: string) => ({
    pk: tenantPk(tenant),
    sk: `INBOX#${body}#${at}#${caseNo}`,
  }),
} as const;

/** A window officer's authorisation to decide named on-the-spot matters, until an optional instant. */
export interface WindowAuthorisation {
  readonly staff: string;
  readonly matters: readonly string[];
  readonly until?: string;
  readonly updatedAt: string;
}

/** The write that sets (or replaces) an officer's window authorisation. */
export const windowAuthorisationWrite = (tenant: string, a: WindowAuthorisation): Write => ({
  put: { ...caseKeys.windowAuthorisation(tenant, a.staff), entity: 'window-authorisation', ...a },
});

export const queuePk = (tenant: string, body: string) => `${tenantPk(tenant)}#Q#${body}`;
export const openPk = (tenant: string) => `${tenantPk(tenant)}#OPEN`;

/** The case as stored: its state, plus what its clock said when it was last written. */
export interface StoredCase extends CaseClock {
  readonly state: CaseState;
  /**
   * The case's events, as written to its event items: the projection carries them so a
   * command and a read need one GetItem. The event items stay the record the hash chain
   * is verified on.
   */
  readonly timeline?: readonly StoredCaseEvent[];
  readonly tickJob?: string;
}

const tickJobId = (tenant: string, caseNo: string) => `case:${tenant}:${caseNo}`;
/** Midnight in Shanghai of a business date, as an instant: when a date's colour begins. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The deadline a list sorts by: acceptance, due date or issuance, whichever the case is running against. */
const deadlineOf = (c: CaseClock) => c.issueBy ?? c.dueDate ?? c.acceptBy ?? '9999-12-31';

function caseItem(
  state: CaseState,
  clock: CaseClock,
  tickJob: string | undefined,
  timeline: readonly StoredCaseEvent[],
) {
  const closed = isClosed(state.status);
  const sortDate = closed ? shanghaiDate(state.closedAt ?? state.receivedAt) : deadlineOf(clock);
  return {
    ...caseKeys.case(state.tenant, state.caseNo),
    entity: 'case',
    state,
    timeline,
    ...clock,
    status: state.status,
    version: state.version,
    ...(tickJob ? { tickJob } : {}),
    ...(state.body
      ? { gsi1pk: queuePk(state.tenant, state.body), gsi1sk: `${closed ? 1 : 0}#${sortDate}#${state.caseNo}` }
      : {}),
    ...(closed ? {} : { gsi2pk: openPk(state.tenant), gsi2sk: `${clock.clock}#${sortDate}#${state.caseNo}` }),
  };
}

const wasOpen = (s: CaseState | undefined) => s?.acceptedAt !== undefined && !isClosed(s.status);

/**
 * Everything one case command writes, for ONE transaction (DESIGN.md decision 3): each
 * new event (conditional on its sequence number being free), the projection
 * (conditional on the version the command was decided against), the open-case and
 * month counters, and the clock worker's wake-up for this case.
 */
export function caseWrites(
  before: StoredCase | undefined,
  events: readonly CaseEvent[],
  after: CaseState,
  clock: CaseClock,
): { writes: Write[]; stored: StoredCaseEvent[]; state: CaseState } {
  const writes: Write[] = [];
  const stored: StoredCaseEvent[] = [];
  let prev = before?.state.lastHash || GENESIS_HASH;
  let seq = before?.state.version ?? 0;
  const conflict = new DomainError(
    'conflict',
    '办件已被他人同时办理，请刷新后重试',
    'someone else changed the case at the same time; reload and retry',
  );
  for (const event of events) {
    seq += 1;
    const hash = chainHash(prev, { ...event, seq, prevHash: prev });
    const e = { ...event, seq, prevHash: prev, hash } as StoredCaseEvent;
    stored.push(e);
    writes.push({
      put: {
        ...caseKeys.event(after.tenant, after.caseNo, seq),
        entity: 'case-event',
        tenant: after.tenant,
        caseNo: after.caseNo,
        event: e,
      },
      ifNew: conflict,
    });
    prev = hash;
  }
  const state: CaseState = { ...after, lastHash: prev };
  const job = clock.nextTick && !isClosed(state.status) ? startOf(clock.nextTick) : undefined;
  const jobKey = job ? keys.job(job, tickJobId(state.tenant, state.caseNo)).sk : undefined;
  writes.push({
    put: caseItem(state, clock, jobKey, [...(before?.timeline ?? []), ...stored]),
    ...(before
      ? { ifStill: { attribute: 'version', equals: before.state.version, failure: conflict } }
      : {
          ifNew: new DomainError(
            'conflict',
            `办件编号“${state.caseNo}”已存在`,
            `case '${state.caseNo}' exists`,
          ),
        }),
  });
  if (before?.tickJob && before.tickJob !== jobKey)
    writes.push({ delete: { pk: 'JOB#', sk: before.tickJob } });
  if (job && jobKey !== before?.tickJob) {
    writes.push({
      put: jobItem({
        id: tickJobId(state.tenant, state.caseNo),
        kind: 'case-tick',
        dueAt: job,
        payload: { tenant: state.tenant, caseNo: state.caseNo },
      }),
    });
  }
  // R2 counters the rollout preview reads: a case is pending from acceptance to closing.
  const open = (wasOpen(state) ? 1 : 0) - (wasOpen(before?.state) ? 1 : 0);
  if (open !== 0)
    writes.push({
      add: keys.openCases(state.tenant, state.matter),
      values: { count: open },
      entity: 'counter',
    });
  const month = (instant: string) => shanghaiDate(instant).slice(0, 7);
  // One update per month item: a transaction may touch an item only once.
  const months = new Map<string, Record<string, number>>();
  for (const event of events) {
    const kind =
      event.type === 'received'
        ? 'received'
        : event.type === 'issued'
          ? 'issued'
          : event.type === 'accepted'
            ? 'accepted'
            : undefined;
    if (kind) {
      const counts = months.get(month(event.at)) ?? {};
      counts[kind] = (counts[kind] ?? 0) + 1;
      months.set(month(event.at), counts);
    }
    if (event.type === 'rectification-opened' || event.type === 'rectification-closed') {
      writes.push({
        put: {
          ...caseKeys.rectification(state.tenant, state.caseNo),
          entity: 'rectification',
          caseNo: state.caseNo,
          matterName: state.matterName,
          ...(state.body ? { body: state.body } : {}),
          level: state.rating?.level,
          comment: state.rating?.comment,
          ...state.rectification,
        },
      });
    }
    if (event.type === 'fee-paid') {
      writes.push({
        put: {
          ...caseKeys.fee(state.tenant, shanghaiDate(event.at), event.receiptNo),
          entity: 'fee',
          receiptNo: event.receiptNo,
          caseNo: state.caseNo,
          matter: state.matter,
          collectingBody: state.body ?? '',
          fees: state.fees,
          amount: event.amount,
          at: event.at,
          by: event.actor,
        },
        ifNew: new DomainError('conflict', '该收据号已使用', `receipt '${event.receiptNo}' exists`),
      });
    }
  }
  for (const [m, values] of months)
    writes.push({ add: caseKeys.stats(state.tenant, m), values, entity: 'stats' });
  return { writes, stored, state };
}

export class CaseRepository {
  constructor(private readonly store: Store) {}

  get(tenant: string, caseNo: string): Promise<StoredCase | undefined> {
    return this.store.get<StoredCase>(caseKeys.case(tenant, caseNo));
  }

  async events(tenant: string, caseNo: string): Promise<StoredCaseEvent[]> {
    const key = caseKeys.event(tenant, caseNo, 0);
    return (await this.store.queryPrefix<{ event: StoredCaseEvent }>(key.pk, 'EV#')).map((i) => i.event);
  }

  /** The next number of the day and the write that claims it; a concurrent claim makes the transaction fail. */
  async claimNumber(tenant: string, date: string): Promise<{ seq: number; write: Write }> {
    const key = caseKeys.sequence(tenant, date);
    const current = await this.store.get<{ seq: number }>(key);
    const seq = (current?.seq ?? 0) + 1;
    return {
      seq,
      write: {
        put: { ...key, entity: 'case-sequence', seq },
        ifStill: {
          attribute: 'seq',
          equals: current?.seq,
          failure: new DomainError('conflict', '办件编号已被占用', 'the case number was taken', 'caseNo'),
        },
      },
    };
  }

  /** One page of a list: a body's queue by deadline, the open cases by colour, or all cases by number. */
  async list(
    tenant: string,
    filter: {
      body?: string;
      status?: string;
      clock?: string;
      open?: boolean;
      cursor?: string;
      limit?: number;
    },
  ): Promise<{ items: StoredCase[]; cursor?: string }> {
    const limit = filter.limit ?? 50;
    const conditions: string[] = [];
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = {};
    if (filter.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.clock && filter.body) {
      conditions.push('#clock = :clock');
      names['#clock'] = 'clock';
      values[':clock'] = filter.clock;
    }
    const filterExpr = conditions.length
      ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }
      : {};
    const page = (index: 'gsi1' | 'gsi2' | undefined, pk: string, skPrefix?: string) => {
      const [pkName, skName] = index ? [`${index}pk`, `${index}sk`] : ['pk', 'sk'];
      return this.store.query<StoredCase>({
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: `${pkName} = :pk${skPrefix ? ` AND begins_with(${skName}, :p)` : ''}`,
        ExpressionAttributeValues: marshall({
          ':pk': pk,
          ...(skPrefix ? { ':p': skPrefix } : {}),
          ...values,
        }),
        ...filterExpr,
        Limit: limit,
        ...(filter.cursor ? { cursor: filter.cursor } : {}),
      });
    };
    if (filter.body) return page('gsi1', queuePk(tenant, filter.body));
    if (filter.clock || filter.open)
      return page('gsi2', openPk(tenant), filter.clock ? `${filter.clock}#` : undefined);
    return page(undefined, tenantPk(tenant), 'CASE#');
  }

  /** Every open case of a tenant, all pages of the sparse open index: the e-supervision board. */
  async openCases(tenant: string): Promise<StoredCase[]> {
    const items: StoredCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(tenant, { open: true, limit: 500, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  /** One page of a supervising body's inbox, newest first. */
  async inbox(
    tenant: string,
    body: string,
    cursor?: string,
  ): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
    const page = await this.store.query<Item>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: marshall({ ':pk': tenantPk(tenant), ':p': `INBOX#${body}#` }),
      ScanIndexForward: false,
      Limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    return { items: page.items.map((i) => entityOf(i)), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /** The tenant's window authorisations (首席代表授权), one per officer. */
  async windowAuthorisations(tenant: string): Promise<WindowAuthorisation[]> {
    return (await this.store.queryPrefix<Item>(tenantPk(tenant), 'WINAUTH#')).map((i) =>
      entityOf<WindowAuthorisation>(i),
    );
  }

  /** Rectification tasks opened by poor ratings, open and closed. */
  async rectifications(tenant: string): Promise<Record<string, unknown>[]> {
    return (await this.store.queryPrefix<Item>(tenantPk(tenant), 'RECT#')).map((i) => entityOf(i));
  }

  async windowMatters(tenant: string, staffId: string, at: string): Promise<string[]> {
    const item = await this.store.get<{ matters: string[]; until?: string }>(
      caseKeys.windowAuthorisation(tenant, staffId),
    );
    if (!item || (item.until && item.until <= at)) return [];
    return item.matters;
  }

  async stats(
    tenant: string,
  ): Promise<{ month: string; received: number; accepted: number; issued: number }[]> {
    return (await this.store.queryPrefix<Record<string, unknown>>(tenantPk(tenant), 'STATS#')).map((i) => ({
      month: String(i.sk).slice('STATS#'.length),
      received: Number(i.received ?? 0),
      accepted: Number(i.accepted ?? 0),
      issued: Number(i.issued ?? 0),
    }));
  }

  async fees(tenant: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<Record<string, unknown>>({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: marshall({
          ':pk': tenantPk(tenant),
          ':lo': `FEE#${from}`,
          ':hi': `FEE#${to}#~`,
        }),
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }
}
