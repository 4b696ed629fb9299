import { tenantPk } from '../keys';

/** Sort-key prefix of the per-matter month counters. */
export const MATTER_MONTH = 'MMONTH#';
/** Sort-key prefix of the monthly assessment's counter shards. */
export const ASSESSMENT = 'ASSESS#';

export const caseKeys = {
  /**
   * The projection lives in the case's own partition, beside its events: a tenant's cases
   * spread over as many partitions as it has cases, so no tenant is capped by one
   * partition's 1,000 WCU/s (README, Capacity). Lists read the indexes.
   */
  case: (tenant: string, caseNo: string) => ({ pk: `${tenantPk(tenant)}#CASE#${caseNo}`, sk: 'CASE' }),
  /** Events live in the case's own partition, in sequence order. */
  event: (tenant: string, caseNo: string, seq: number) => ({
    pk: `${tenantPk(tenant)}#CASE#${caseNo}`,
    sk: `EV#${String(seq).padStart(6, '0')}`,
  }),
  /** The last case number claimed on a Shanghai day (an atomic counter). */
  sequence: (tenant: string, date: string) => ({ pk: tenantPk(tenant), sk: `CASESEQ#${date}` }),
  /** The last document number (文号) of a kind claimed in a year (an atomic counter). */
  documentSequence: (tenant: string, kind: string, year: string) => ({
    pk: tenantPk(tenant),
    sk: `DOCSEQ#${kind}#${year}`,
  }),
  /** One shard of a month's counters for the e-supervision charts. */
  stats: (tenant: string, month: string, shard: number) => ({
    pk: tenantPk(tenant),
    sk: `STATS#${month}#${shard}`,
  }),
  /**
   * One shard of the monthly assessment's counters (月度考核): per tenant, body, window, staff
   * member and matter, all in one item, so a month's report is one Query of WORK_SHARDS items.
   */
  assessment: (tenant: string, month: string, shard: number) => ({
    pk: tenantPk(tenant),
    sk: `${ASSESSMENT}${month}#${shard}`,
  }),
  /**
   * One shard of a month's counters of one matter (received, accepted, issued, and received per
   * clerk): month first, so the rollout impact preview reads a run of months in one Query.
   */
  matterMonth: (tenant: string, month: string, matter: string, shard: number) => ({
    pk: tenantPk(tenant),
    sk: `${MATTER_MONTH}${month}#${matter}#${shard}`,
  }),
  /** One shard of the e-supervision board: open cases by colour, in all and per body. */
  board: (tenant: string, shard: number) => ({ pk: tenantPk(tenant), sk: `BOARD#${shard}` }),
  /** One shard of the workbench's counts: open cases per status, and waiting on each body's approvers. */
  work: (tenant: string, shard: number) => ({ pk: tenantPk(tenant), sk: `WORK#${shard}` }),
  fee: (tenant: string, date: string, receiptNo: string) => ({
    pk: tenantPk(tenant),
    sk: `FEE#${date}#${receiptNo}`,
  }),
  /** A rectification opened by a poor rating, open until the tenant responds. */
  rectification: (tenant: string, caseNo: string) => ({ pk: tenantPk(tenant), sk: `RECT#${caseNo}` }),
  /** A chief representative's written authorisation (首席代表授权书), by its id. */
  windowGrant: (tenant: string, id: string) => ({ pk: tenantPk(tenant), sk: `WINGRANT#${id}` }),
  /** A 文号 claimed by one authorisation in the tenant. */
  windowGrantNo: (tenant: string, docNo: string) => ({ pk: tenantPk(tenant), sk: `WINGRANTNO#${docNo}` }),
  /**
   * One shard of the pushes a tenant's supervising bodies have not signed for (签收): `unsigned`
   * in all and `u:<body>` per body, moved by the push and by the receipt in their transactions.
   */
  pushes: (tenant: string, shard: number) => ({ pk: tenantPk(tenant), sk: `PUSHES#${shard}` }),
  /** A result pushed to a supervising body, in that body's tenant. */
  inbox: (tenant: string, body: string, at: string, caseNo: string) => ({
    pk: tenantPk(tenant),
    sk: `INBOX#${body}#${at}#${caseNo}`,
  }),
} as const;

export const queuePk = (tenant: string, body: string) => `${tenantPk(tenant)}#Q#${body}`;
export const openPk = (tenant: string) => `${tenantPk(tenant)}#OPEN`;
/** Every case of a tenant by number (gsi3). */
export const casesPk = (tenant: string) => `${tenantPk(tenant)}#CASES`;
