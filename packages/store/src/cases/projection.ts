import {
  type CaseClock,
  type CaseState,
  isClosed,
  type StoredCaseEvent,
  shanghaiDate,
} from '@onewindow/domain';
import { caseKeys, openPk, queuePk } from './keys';

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

export const tickJobId = (tenant: string, caseNo: string) => `case:${tenant}:${caseNo}`;
/** Midnight in Shanghai of a business date, as an instant: when a date's colour begins. */
export const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The deadline a list sorts by: acceptance, due date or issuance, whichever the case is running against. */
const deadlineOf = (c: CaseClock) => c.issueBy ?? c.dueDate ?? c.acceptBy ?? '9999-12-31';

export function caseItem(
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

export const wasOpen = (s: CaseState | undefined) => s?.acceptedAt !== undefined && !isClosed(s.status);
