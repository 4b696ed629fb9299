import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type ArchiveCustodian, CLOSED_STATUSES, DomainError, type SignedManifest } from '@onewindow/domain';
import { tenantPk } from './keys';
import type { StreamRecordLike } from './outbox';
import type { Store, Write } from './store';

/** Sort-key prefixes in the custodian's partition: the packages, and their use register (利用登记). */
const PACKAGE = 'ARCHIVE#';
const USE = 'ARCHUSE#';

/**
 * The archive packages a custodian tenant holds (R5), one item each in the custodian's own
 * partition, keyed by the case number (unique across tenants): the custodian's staff read them
 * under their own tenant's scope, never the case tenant's, which may be another tenant.
 */
export const archiveKeys = {
  package: (custodianTenant: string, caseNo: string) => ({
    pk: tenantPk(custodianTenant),
    sk: `${PACKAGE}${caseNo}`,
  }),
  use: (custodianTenant: string, caseNo: string, at: string, sub: string) => ({
    pk: tenantPk(custodianTenant),
    sk: `${USE}${caseNo}#${at}#${sub}`,
  }),
} as const;

/** A package as stored: the signed manifest and where each of its objects' retained versions is. */
export interface ArchivePackage {
  readonly id: string;
  readonly caseTenant: string;
  readonly caseNo: string;
  readonly matter: string;
  readonly matterName: string;
  readonly custodian: ArchiveCustodian;
  /** The key prefix every object of the package is under (`archivePrefix`). */
  readonly prefix: string;
  readonly closedAt: string;
  readonly createdAt: string;
  readonly retentionYears: number;
  readonly retainUntil: string;
  readonly signed: SignedManifest;
  /** SHA-256 and SM3 (hex) of `manifest.json`'s bytes (the signed manifest's canonical JSON). */
  readonly manifestSha256: string;
  readonly manifestSm3: string;
  /** Entry name (and `manifest.json`) → the S3 version written; absent where the store keeps no versions. */
  readonly versions: Readonly<Record<string, string>>;
  /** False between claiming the package and writing `manifest.json`: a retry finishes it. */
  readonly complete: boolean;
  /** Set when the custodian disposed of it (销毁) after retention: the record stays, the objects go. */
  readonly disposed?: { readonly at: string; readonly by: string };
}

/** One use of a package (档案利用登记): who downloaded which object, when. */
export interface ArchiveUse {
  readonly at: string;
  readonly sub: string;
  readonly caseNo: string;
  readonly name: string;
  readonly purpose: string;
}

export const archivePackageItem = (p: ArchivePackage) => ({
  ...archiveKeys.package(p.custodian.tenant, p.caseNo),
  entity: 'archive-package',
  ...p,
});

const packaged = () => new DomainError('conflict', '该办件已归档', 'the case is already archived');
const changed = () =>
  new DomainError(
    'conflict',
    '档案包已被同时变更，请刷新后重试',
    'the package changed meanwhile; reload and retry',
  );

export const archiveWrites = {
  /** The first packaging only: a retry or a second stream delivery finds it there and writes nothing. */
  create: (p: ArchivePackage): Write => ({ put: archivePackageItem(p), ifNew: packaged() }),
  /** `manifest.json` written: only over the claim it finishes. */
  complete: (p: ArchivePackage): Write => ({
    put: archivePackageItem(p),
    ifStill: { attribute: 'complete', equals: false, failure: changed() },
  }),
  /** Disposed of after retention, once. */
  dispose: (p: ArchivePackage): Write => ({
    put: archivePackageItem(p),
    ifStill: { attribute: 'disposed', equals: undefined, failure: changed() },
  }),
  use: (custodianTenant: string, u: ArchiveUse): Write => ({
    put: { ...archiveKeys.use(custodianTenant, u.caseNo, u.at, u.sub), entity: 'archive-use', ...u },
  }),
};

/** A row of the custodian's list: the package without its manifest. */
export type ArchivePackageRow = Omit<ArchivePackage, 'signed' | 'versions'> & {
  readonly entries: number;
  /** How the case closed, from the manifest (a list shows it without reading each package). */
  readonly status: SignedManifest['manifest']['case']['status'];
  readonly outcome?: string;
};

export const rowOf = (p: ArchivePackage): ArchivePackageRow => {
  const { signed, versions: _v, ...rest } = p;
  const { status, outcome } = signed.manifest.case;
  return { ...rest, entries: signed.manifest.entries.length, status, ...(outcome ? { outcome } : {}) };
};

const packageOf = (item: Record<string, unknown>): ArchivePackage => {
  const { pk: _pk, sk: _sk, entity: _e, ...p } = item;
  return p as unknown as ArchivePackage;
};

export class ArchiveRepository {
  constructor(private readonly store: Store) {}

  async get(custodianTenant: string, caseNo: string): Promise<ArchivePackage | undefined> {
    const item = await this.store.get<Record<string, unknown>>(archiveKeys.package(custodianTenant, caseNo));
    return item ? packageOf(item) : undefined;
  }

  /** The custodian's packages, a page at a time, by case number (so by case tenant, then day). */
  async list(
    custodianTenant: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: ArchivePackageRow[]; cursor?: string }> {
    const out = await this.store.query<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: marshall({ ':pk': tenantPk(custodianTenant), ':p': PACKAGE }),
      Limit: page.limit ?? 50,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return {
      items: out.items.map((i) => rowOf(packageOf(i))),
      ...(out.cursor ? { cursor: out.cursor } : {}),
    };
  }

  /** Every use of one package, oldest first. */
  async uses(custodianTenant: string, caseNo: string): Promise<ArchiveUse[]> {
    const items = await this.store.queryPrefix<ArchiveUse & { pk: string; sk: string; entity: string }>(
      tenantPk(custodianTenant),
      `${USE}${caseNo}#`,
    );
    return items.map(({ pk: _pk, sk: _sk, entity: _e, ...u }) => u);
  }
}

/**
 * Cases these stream records closed (issued, rejected at intake, withdrawn, terminated): a case
 * projection whose status turned closed. A projection written later on a closed case (a rating,
 * a finding) was closed before too, and is not a closing; a replayed record closes it again, which
 * the package's `ifNew` answers.
 */
export function closedCases(records: readonly StreamRecordLike[]): { tenant: string; caseNo: string }[] {
  const found: { tenant: string; caseNo: string }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
    if ((record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') || !image) continue;
    // Only the few attributes needed: the projection is large, and most records are not cases.
    if (image.entity?.S !== 'case') continue;
    const status = image.status?.S;
    if (!status || !closed(status)) continue;
    const old = record.dynamodb?.OldImage as Record<string, AttributeValue> | undefined;
    const before = old?.status?.S;
    if (before && closed(before)) continue;
    const tenant = image.state?.M?.tenant?.S;
    const caseNo = image.state?.M?.caseNo?.S;
    if (tenant && caseNo) found.push({ tenant, caseNo });
  }
  return found;
}

const closed = (status: string) => (CLOSED_STATUSES as readonly string[]).includes(status);
