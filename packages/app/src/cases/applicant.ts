import { type AccessRecord, type Applicant, accessRecordOf } from '@onewindow/domain';
import { accessLogOf, accessRecordWrite, type Store } from '@onewindow/store';
import type { Invocation, Respond } from '../context';
import type { CaseService } from './service';

/** What a reveal discloses, with the record it left. */
export interface Revealed {
  readonly applicant: Applicant;
  readonly record: AccessRecord;
}

/**
 * The applicant's data in full, for the staff handling the case, each disclosure recorded
 * (PIPL art. 51): every view elsewhere shows the numbers masked (privacy.ts).
 */
export class ApplicantService {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
  ) {}

  /**
   * Reveals a case's applicant to the invocation's caller for `purpose`. The case is read
   * through the same check as its detail view (`CaseService.read`), so whoever cannot read
   * the case cannot reveal it; the access record is written in the call's own transaction
   * with its audit and idempotency record, so a retry under the same key records nothing more.
   */
  async reveal(
    invocation: Invocation,
    target: { readonly tenant: string; readonly caseNo: string; readonly purpose: string },
    respond: Respond<Revealed>,
  ) {
    const { principal, now } = invocation;
    const { stored } = await this.cases.read(principal, target.tenant, target.caseNo, now);
    const record = accessRecordOf(principal, stored.state, target.purpose, now);
    return invocation.commit({
      action: 'case.applicant-revealed',
      target: `${record.tenant}/${record.caseNo}`,
      writes: [accessRecordWrite(record)],
      response: respond({ applicant: stored.state.applicant, record }),
    });
  }

  /** Every access to a case's personal data, oldest first. */
  accessLog(tenant: string, caseNo: string): Promise<AccessRecord[]> {
    return accessLogOf(this.store, tenant, caseNo);
  }
}
