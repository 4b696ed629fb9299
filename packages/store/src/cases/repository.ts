import { marshall } from '@aws-sdk/util-dynamodb';
import { DomainError, type StoredCaseEvent } from '@onewindow/domain';
import { tenantPk } from '../keys';
import type { Item, Store, Write } from '../store';
import { entityOf } from '../tenancy';
import { caseKeys, openPk, queuePk } from './keys';
import type { StoredCase } from './projection';
import type { WindowAuthorisation } from './window';

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
