import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type ApprovalLevel,
  type Binding,
  type CaseBodies,
  type CaseClock,
  type CaseState,
  caseBodiesOf,
  isClosed,
  type StoredCaseEvent,
  shanghaiDate,
} from '@onewindow/domain';
import { caseKeys, casesPk, openPk, queuePk } from './keys';

/**
 * What a list row shows of a case: the projection writes it as `summary`, and the list
 * indexes project only it (with the clock attributes), so an index entry stays a few hundred
 * bytes however long the case's record grows.
 */
export type CaseSummaryState = Pick<
  CaseState,
  | 'caseNo'
  | 'tenant'
  | 'matter'
  | 'matterName'
  | 'item'
  | 'applicant'
  | 'status'
  | 'body'
  | 'receivedAt'
  | 'acceptedAt'
  | 'deficiency'
  | 'version'
  | 'greenChannel'
> & {
  readonly binding?: Pick<Binding, 'seal' | 'supervisingBody' | 'guidedBy'>;
  /** The bodies of the steps still running: with the rest, who may list the case (`reachesCaseAsBody`). */
  readonly stepBodies?: readonly string[];
  /**
   * The approval level waiting for its signature and who signed the levels below it (R16), so a
   * queue leaves out the cases waiting on someone else; absent on one-level and decided cases.
   */
  readonly level?: {
    readonly kind: ApprovalLevel['kind'];
    readonly head?: boolean;
    readonly signedBy: readonly string[];
  };
};

/** The level a case waits on, while undecided and it has levels. */
const waitingLevel = (s: CaseState): CaseSummaryState['level'] => {
  const next = s.decision || isClosed(s.status) ? undefined : s.levels?.[s.opinions?.length ?? 0];
  if (!next) return undefined;
  return {
    kind: next.kind,
    ...(next.head ? { head: true } : {}),
    signedBy: (s.opinions ?? []).map((o) => o.by),
  };
};

/** A row of a case list: the summary and the clock, as the list indexes hold them. */
export interface CaseRow extends CaseClock {
  readonly state: CaseSummaryState;
}

/**
 * The case as stored: its state, plus what its clock said when it was last written. The
 * timeline is not here: it lives in the case's event items, which a read of the whole case
 * queries beside this item. `state.findings` is empty on the projection (findings are
 * unbounded, and the `finding-recorded` events carry them); a read with the events fills it.
 */
export interface StoredCase extends CaseClock {
  readonly state: CaseState;
  readonly tickJob?: string;
  /**
   * The timeline, gzipped, while it stays small (`TIMELINE_CACHE_BYTES`): an ordinary case
   * is then read, and commanded, with one GetItem. A longer one is left to its event items,
   * so the projection never grows with the case.
   */
  readonly timelineGz?: Uint8Array;
}

/** How large a gzipped timeline the projection may carry: an ordinary case's is 1–2 KB. */
export const TIMELINE_CACHE_BYTES = 16 * 1024;

const packTimeline = (timeline: readonly StoredCaseEvent[]): { timelineGz?: Uint8Array } => {
  const gz = gzipSync(JSON.stringify(timeline));
  return gz.length <= TIMELINE_CACHE_BYTES ? { timelineGz: gz } : {};
};

/** The timeline the projection carries, when it carries it whole (up to its own version). */
export function cachedTimeline(stored: StoredCase): StoredCaseEvent[] | undefined {
  if (!stored.timelineGz) return undefined;
  const events = JSON.parse(gunzipSync(stored.timelineGz).toString('utf8')) as StoredCaseEvent[];
  return events.at(-1)?.seq === stored.state.version ? events : undefined;
}

/** The projection and its timeline, read together. */
export interface CaseWithEvents {
  readonly stored: StoredCase;
  readonly events: readonly StoredCaseEvent[];
}

export const tickJobId = (tenant: string, caseNo: string) => `case:${tenant}:${caseNo}`;
/** Midnight in Shanghai of a business date, as an instant: when a date's colour begins. */
export const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The deadline a list sorts by: acceptance, due date or issuance, whichever the case is running against. */
const deadlineOf = (c: CaseClock) => c.issueBy ?? c.dueDate ?? c.acceptBy ?? '9999-12-31';

export function summaryOf(s: CaseState): CaseSummaryState {
  const { guidedBy, stepBodies } = caseBodiesOf(s);
  return {
    caseNo: s.caseNo,
    tenant: s.tenant,
    matter: s.matter,
    matterName: s.matterName,
    ...(s.item ? { item: s.item } : {}),
    applicant: s.applicant,
    status: s.status,
    ...(s.body ? { body: s.body } : {}),
    ...(s.binding
      ? {
          binding: {
            seal: s.binding.seal,
            supervisingBody: s.binding.supervisingBody,
            ...(guidedBy ? { guidedBy } : {}),
          },
        }
      : {}),
    ...(stepBodies ? { stepBodies } : {}),
    ...(waitingLevel(s) ? { level: waitingLevel(s) } : {}),
    receivedAt: s.receivedAt,
    ...(s.acceptedAt ? { acceptedAt: s.acceptedAt } : {}),
    ...(s.deficiency ? { deficiency: s.deficiency } : {}),
    ...(s.greenChannel ? { greenChannel: s.greenChannel } : {}),
    version: s.version,
  };
}

export function caseItem(
  state: CaseState,
  clock: CaseClock,
  tickJob: string | undefined,
  timeline: readonly StoredCaseEvent[] | undefined,
) {
  const closed = isClosed(state.status);
  const sortDate = closed ? shanghaiDate(state.closedAt ?? state.receivedAt) : deadlineOf(clock);
  return {
    ...caseKeys.case(state.tenant, state.caseNo),
    entity: 'case',
    state: { ...state, findings: [] },
    summary: summaryOf(state),
    ...clock,
    status: state.status,
    version: state.version,
    ...(tickJob ? { tickJob } : {}),
    ...(timeline ? packTimeline(timeline) : {}),
    gsi3pk: casesPk(state.tenant),
    gsi3sk: state.caseNo,
    ...(state.body
      ? { gsi1pk: queuePk(state.tenant, state.body), gsi1sk: `${closed ? 1 : 0}#${sortDate}#${state.caseNo}` }
      : {}),
    ...(closed ? {} : { gsi2pk: openPk(state.tenant), gsi2sk: `${clock.clock}#${sortDate}#${state.caseNo}` }),
  };
}

/**
 * The bodies a list row names, for `reachesCaseAsBody`. A row written before it carried
 * `guidedBy` and `stepBodies` still names its bound and supervising bodies.
 */
export const rowBodies = (s: CaseSummaryState): CaseBodies => ({
  tenant: s.tenant,
  ...(s.body ? { body: s.body } : {}),
  ...(s.binding?.supervisingBody ? { supervisingBody: s.binding.supervisingBody } : {}),
  ...(s.binding?.guidedBy ? { guidedBy: s.binding.guidedBy } : {}),
  ...(s.stepBodies ? { stepBodies: s.stepBodies } : {}),
});

/** A list index entry as a row: the indexes hold the summary, not the state. */
export function rowOf(item: CaseClock & { summary: CaseSummaryState }): CaseRow {
  const { summary, ...clock } = item;
  return { ...clock, state: summary };
}

/** The case's state with its findings, which the projection leaves to the `finding-recorded` events. */
export function withFindings(stored: StoredCase, events: readonly StoredCaseEvent[]): StoredCase {
  const findings = events.flatMap((e) => (e.type === 'finding-recorded' ? [e.finding] : []));
  return { ...stored, state: { ...stored.state, findings } };
}

export const wasOpen = (s: CaseState | undefined) => s?.acceptedAt !== undefined && !isClosed(s.status);
