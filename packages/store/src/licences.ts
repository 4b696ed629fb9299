import { marshall } from '@aws-sdk/util-dynamodb';
import { DomainError, type ELicence, holderKeyOf } from '@onewindow/domain';
import { tenantPk } from './keys';
import type { Store, Write } from './store';

/**
 * The e-licence library (电子证照库). A licence lives in a partition of its own, keyed by its
 * identifier, so the verification of a result (which derives the identifier from it) and a
 * revocation (which names it) each read one item. A holder's licences are one Query of gsi1,
 * keyed by a hash of the holder's number: no identity number is ever an index key.
 */
export const licenceKeys = {
  licence: (tenant: string, id: string) => ({ pk: `${tenantPk(tenant)}#LIC#${id}`, sk: 'LICENCE' }),
  holderPk: (tenant: string, idNumber: string) => `${tenantPk(tenant)}#HOLDER#${holderKeyOf(idNumber)}`,
} as const;

export const licenceItem = (licence: ELicence) => ({
  ...licenceKeys.licence(licence.tenant, licence.id),
  entity: 'e-licence',
  licence,
  status: licence.status,
  gsi1pk: licenceKeys.holderPk(licence.tenant, licence.holder.idNumber),
  gsi1sk: `${licence.issuedAt}#${licence.id}`,
  // The list reads the index alone: the row it shows travels in `summary` (table.ts listAttributes).
  summary: licence,
});

const exists = () => new DomainError('conflict', '电子证照已入库', 'the e-licence is already in the library');
const changed = () =>
  new DomainError(
    'conflict',
    '电子证照已被同时变更，请刷新后重试',
    'the e-licence changed meanwhile; reload and retry',
  );

export const licenceWrites = {
  /** The first issue only: a replayed issuance finds it there and writes nothing. */
  create: (licence: ELicence): Write => ({ put: licenceItem(licence), ifNew: exists() }),
  /** A change of status, only over the status it was decided against. */
  update: (before: ELicence, after: ELicence): Write => ({
    put: licenceItem(after),
    ifStill: { attribute: 'status', equals: before.status, failure: changed() },
  }),
};

export class LicenceRepository {
  constructor(private readonly store: Store) {}

  async get(tenant: string, id: string): Promise<ELicence | undefined> {
    const item = await this.store.get<{ licence: ELicence }>(licenceKeys.licence(tenant, id));
    return item?.licence;
  }

  /** A holder's licences in a tenant, newest first. */
  async byHolder(
    tenant: string,
    idNumber: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: ELicence[]; cursor?: string }> {
    const out = await this.store.query<{ summary: ELicence }>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': licenceKeys.holderPk(tenant, idNumber) }),
      ScanIndexForward: false,
      Limit: page.limit ?? 50,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return { items: out.items.map((i) => i.summary), ...(out.cursor ? { cursor: out.cursor } : {}) };
  }
}
