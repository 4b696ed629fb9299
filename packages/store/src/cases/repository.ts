import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StoredCaseEvent, WindowGrant } from '@onewindow/domain';
import { tenantPk } from '../keys';
import type { Item, Store } from '../store';
import type { IndexName } from '../table';
import { entityOf } from '../tenancy';
import { sumBoard, sumMonths } from './counters';
import { caseKeys, casesPk, openPk, queuePk } from './keys';
import { lookupPk } from './lookup';
import { NumberBlocks } from './numbering';
import {
  type CaseRow,
  type CaseWithEvents,
  cachedTimeline,
  rowOf,
  type StoredCase,
  withFindings,
} from './projection';

/** The projection without its packed timeline: callers get the events as events. */
const stripped = ({ timelineGz: _t, ...stored }: StoredCase): StoredCase => stored;

export class CaseRepository {
  private readonly numbers: NumberBlocks;

  constructor(private readonly store: Store) {
    this.numbers = new NumberBlocks((tenant, date, count) => this.addToSequence(tenant, date, count));
  }

  /** The projection alone (no findings, no timeline): for commands and reads that need neither. */
  get(tenant: string, caseNo: string): Promise<StoredCase | undefined> {
    return this.store.get<StoredCase>(caseKeys.case(tenant, caseNo));
  }

  /** The case's event items in sequence order, from `after` on; strongly consistent, so a command's answer follows the last write. */
  async events(tenant: string, caseNo: string, after = 0): Promise<StoredCaseEvent[]> {
    const { pk } = caseKeys.event(tenant, caseNo, 0);
    const events: StoredCaseEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<{ event: StoredCaseEvent }>({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: marshall({
          ':pk': pk,
          ':lo': caseKeys.event(tenant, caseNo, after + 1).sk,
          ':hi': 'EV#~',
        }),
        ConsistentRead: true,
        ...(cursor ? { cursor } : {}),
      });
      events.push(...page.items.map((i) => i.event));
      cursor = page.cursor;
    } while (cursor);
    return events;
  }

  /**
   * The projection and its timeline in one round trip (GetItem and Query at once), cut to the
   * projection's version: a command committed between the two reads adds events the state has
   * not seen (dropped), or lands its projection before the Query (the missing tail is read).
   * With `loaded` (a projection the caller already read), only the events are read.
   */
  async withEvents(tenant: string, caseNo: string, loaded?: StoredCase): Promise<CaseWithEvents | undefined> {
    // An ordinary case carries its timeline: one GetItem. A long one reads its event items after it.
    const stored = loaded ?? (await this.get(tenant, caseNo));
    if (!stored) return undefined;
    const cached = cachedTimeline(stored);
    if (cached) return { stored: withFindings(stripped(stored), cached), events: cached };
    const events = await this.events(tenant, caseNo);
    const version = stored.state.version;
    const last = events.at(-1)?.seq ?? 0;
    const all = last < version ? [...events, ...(await this.events(tenant, caseNo, last))] : events;
    const timeline = all.filter((e) => e.seq <= version);
    return { stored: withFindings(stripped(stored), timeline), events: timeline };
  }

  /**
   * Claims the day's next case number from a block this instance took with one atomic ADD
   * (numbering.ts), outside the command's transaction, so parallel intakes never wait on or
   * retry against each other. A number whose transaction then fails is never used, and a
   * block's leftovers are not either: the day's numbers can have gaps. Neither the Licensing
   * Law nor the local rules we follow (the seeds) require gapless or time-ordered case
   * numbers; they require them unique, which the ADD and the case's `ifNew` guarantee.
   */
  claimNumber(tenant: string, date: string): Promise<number> {
    return this.numbers.next(tenant, date);
  }

  /**
   * The next document number of a kind in a year (one atomic ADD): claimed before the command's
   * transaction, like a case number, so a transaction that fails leaves a gap and never a repeat.
   */
  claimDocumentNo(tenant: string, kind: string, year: string): Promise<number> {
    return this.add(caseKeys.documentSequence(tenant, kind, year), 'document-sequence', 1);
  }

  /** Adds `count` to the day's case-number counter; answers the new total. */
  private addToSequence(tenant: string, date: string, count: number): Promise<number> {
    return this.add(caseKeys.sequence(tenant, date), 'case-sequence', count);
  }

  private async add(key: { pk: string; sk: string }, entity: string, count: number): Promise<number> {
    const out = await this.store.client.send(
      new UpdateItemCommand({
        TableName: this.store.tableName,
        Key: marshall(key),
        UpdateExpression: 'SET #entity = :entity ADD #seq :count',
        ExpressionAttributeNames: { '#entity': 'entity', '#seq': 'seq' },
        ExpressionAttributeValues: marshall({ ':entity': entity, ':count': count }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = out.Attributes?.seq?.N;
    if (!seq) throw new Error(`the ${entity} counter answered no number`);
    return Number(seq);
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
  ): Promise<{ items: CaseRow[]; cursor?: string }> {
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
    const page = async (index: IndexName, pk: string, skPrefix?: string) => {
      const found = await this.store.query<Parameters<typeof rowOf>[0]>({
        IndexName: index,
        // A prefix as a range (`BETWEEN p AND p + U+FFFF`: the keys are ASCII) rather than begins_with:
        // the same items on DynamoDB, but DynamoDB Local reads the whole index partition for a
        // begins_with, which made the red drill-down 1.6× slower at 50,000 cases than at 1,000.
        KeyConditionExpression: `${index}pk = :pk${skPrefix ? ` AND ${index}sk BETWEEN :p AND :q` : ''}`,
        ExpressionAttributeValues: marshall({
          ':pk': pk,
          ...(skPrefix ? { ':p': skPrefix, ':q': `${skPrefix}\uffff` } : {}),
          ...values,
        }),
        ...filterExpr,
        Limit: limit,
        ...(filter.cursor ? { cursor: filter.cursor } : {}),
      });
      return { ...found, items: found.items.map(rowOf) };
    };
    if (filter.body) return page('gsi1', queuePk(tenant, filter.body));
    if (filter.clock || filter.open)
      return page('gsi2', openPk(tenant), filter.clock ? `${filter.clock}#` : undefined);
    return page('gsi3', casesPk(tenant));
  }

  /**
   * One page of a search, newest case first: by an applicant term's keyed hash (`mac`, the
   * look-up items intake wrote), or through all of the tenant's cases; either narrowed to a
   * matter and to the days the case numbers carry (`from`/`to`, `yyyymmdd`, a key range).
   */
  async search(
    tenant: string,
    filter: { mac?: string; matter?: string; from?: string; to?: string; cursor?: string; limit: number },
  ): Promise<{ items: CaseRow[]; cursor?: string }> {
    const lo = `${tenant}-${filter.from ?? '00000000'}`;
    const hi = `${tenant}-${filter.to ?? '99999999'}-~`;
    const byMatter = filter.matter
      ? { FilterExpression: '#matter = :matter', ExpressionAttributeNames: { '#matter': 'matter' } }
      : {};
    const values = (pk: string) =>
      marshall({ ':pk': pk, ':lo': lo, ':hi': hi, ...(filter.matter ? { ':matter': filter.matter } : {}) });
    const common = {
      ...byMatter,
      ScanIndexForward: false,
      Limit: filter.limit,
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
    };
    if (!filter.mac) {
      const page = await this.store.query<Parameters<typeof rowOf>[0]>({
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: values(casesPk(tenant)),
        ...common,
      });
      return { ...page, items: page.items.map(rowOf) };
    }
    const page = await this.store.query<{ caseNo: string }>({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: values(lookupPk(tenant, filter.mac)),
      ...common,
    });
    const found = await Promise.all(
      page.items.map((i) => this.store.get<Parameters<typeof rowOf>[0]>(caseKeys.case(tenant, i.caseNo))),
    );
    return {
      items: found.flatMap((item) => (item ? [rowOf(item)] : [])),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /** The e-supervision board from its counter shards: open cases by colour, and per body. */
  async board(tenant: string): Promise<ReturnType<typeof sumBoard>> {
    return sumBoard(await this.store.queryPrefix<Item>(tenantPk(tenant), 'BOARD#'));
  }

  /**
   * The first open cases, red first, then yellow, then green, at most `limit`: one page of
   * each colour's list, read at once, so the cost stays the same however many cases are open.
   */
  async firstOpen(tenant: string, limit: number): Promise<CaseRow[]> {
    const pages = await Promise.all(
      (['red', 'yellow', 'green'] as const).map((clock) => this.list(tenant, { clock, limit })),
    );
    return pages.flatMap((p) => p.items).slice(0, limit);
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

  /** The tenant's chief representatives' written authorisations (首席代表授权书), revoked ones too. */
  async windowGrants(tenant: string): Promise<WindowGrant[]> {
    // `WINGRANT#` also begins `WINGRANTNO#`, the claimed numbers: only the grants are kept.
    return (await this.store.queryPrefix<Item>(tenantPk(tenant), 'WINGRANT#'))
      .filter((i) => i.entity === 'window-grant')
      .map((i) => entityOf<WindowGrant>(i));
  }

  /** Intake and completion per month, summed over the counter shards, oldest first. */
  async stats(
    tenant: string,
  ): Promise<{ month: string; received: number; accepted: number; issued: number }[]> {
    return sumMonths(await this.store.queryPrefix<Item>(tenantPk(tenant), 'STATS#'));
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
