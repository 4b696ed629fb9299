import { tenantPk } from './keys';
import type { Store, Write } from './store';
import { entityOf } from './tenancy';

/**
 * 审管联动's liaison (联络人): the staff member a supervising body names, per department whose
 * decisions it receives, to sign for that department's pushes. One item per pair, in the
 * supervising body's tenant, beside its inbox.
 */
export interface Liaison {
  readonly supervisingBody: string;
  /** The deciding department (body ref), in the supervising body's tenant or one below it. */
  readonly department: string;
  /** The staff member (id in the supervising body's tenant) who signs for its pushes. */
  readonly staff: string;
  /** Their name in the staff register when they were named. */
  readonly staffName?: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const PREFIX = 'LIAISON#';

export const liaisonKey = (tenant: string, supervisingBody: string, department: string) => ({
  pk: tenantPk(tenant),
  sk: `${PREFIX}${supervisingBody}#${department}`,
});

/** The write naming (or renaming) a department's liaison: the pair's one item, replaced. */
export const liaisonWrite = (tenant: string, l: Liaison): Write => ({
  put: { ...liaisonKey(tenant, l.supervisingBody, l.department), entity: 'liaison', ...l },
});

/** The liaison a supervising body named for a department, if any. */
export async function liaisonOf(
  store: Store,
  tenant: string,
  supervisingBody: string,
  department: string,
): Promise<Liaison | undefined> {
  const item = await store.get(liaisonKey(tenant, supervisingBody, department));
  return item ? entityOf<Liaison>(item) : undefined;
}

/** Every liaison a supervising body named, by department. */
export async function liaisonsOf(store: Store, tenant: string, supervisingBody: string): Promise<Liaison[]> {
  const items = await store.queryPrefix(tenantPk(tenant), `${PREFIX}${supervisingBody}#`);
  return items.map((i) => entityOf<Liaison>(i)).sort((a, b) => a.department.localeCompare(b.department));
}
