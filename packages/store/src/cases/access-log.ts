import type { AccessRecord } from '@onewindow/domain';
import type { Store, Write } from '../store';
import { entityOf } from '../tenancy';
import { caseKeys } from './keys';

const PREFIX = 'ACCESS#';

/**
 * In the case's own partition, before its events (`ACCESS#` sorts below `CASE` and `EV#`, so
 * neither the projection read nor the timeline's range ever meets it), in time order.
 */
const accessKey = (r: AccessRecord) => ({
  pk: caseKeys.case(r.tenant, r.caseNo).pk,
  sk: `${PREFIX}${r.at}#${r.sub}`,
});

/** One access record as stored: a reveal commits it in its transaction, an export puts many at once. */
export const accessRecordItem = (r: AccessRecord) => ({ ...accessKey(r), entity: 'access', ...r });

/** The write of one access record, committed with the reveal's audit and idempotency record. */
export const accessRecordWrite = (r: AccessRecord): Write => ({ put: accessRecordItem(r) });

/** Who saw a case's personal data, oldest first. */
export async function accessLogOf(store: Store, tenant: string, caseNo: string): Promise<AccessRecord[]> {
  const pk = caseKeys.case(tenant, caseNo).pk;
  return (await store.queryPrefix(pk, PREFIX)).map((i) => entityOf<AccessRecord>(i));
}
