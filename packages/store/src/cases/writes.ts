import {
  type CaseClock,
  type CaseEvent,
  type CaseState,
  chainHash,
  DomainError,
  GENESIS_HASH,
  isClosed,
  mayRaiseAtOnce,
  type StoredCaseEvent,
  shanghaiDate,
} from '@onewindow/domain';
import { CASE_CARDS } from '../cards';
import { jobItem, jobKeyOf, jobKey as keyOfJob } from '../jobs';
import type { Write } from '../store';
import { counterWrites } from './counters';
import { ratingWrite, rectificationWrites } from './evaluation';
import { caseKeys } from './keys';
import { caseItem, type StoredCase, startOf, tickJobId } from './projection';

/**
 * Everything one case command writes, for ONE transaction (DESIGN.md decision 3): each
 * new event (conditional on its sequence number being free), the projection
 * (conditional on the version the command was decided against), the open-case and
 * month counters, and the clock worker's wake-up for this case.
 */
export function caseWrites(
  before: StoredCase | undefined,
  events: readonly CaseEvent[],
  after: CaseState,
  clock: CaseClock,
  /** The case's events before this command, when the caller read them: the projection then carries the timeline. */
  previous?: readonly StoredCaseEvent[],
): { writes: Write[]; stored: StoredCaseEvent[]; state: CaseState } {
  const writes: Write[] = [];
  const stored: StoredCaseEvent[] = [];
  let prev = before?.state.lastHash || GENESIS_HASH;
  let seq = before?.state.version ?? 0;
  const conflict = new DomainError(
    'conflict',
    '办件已被他人同时办理，请刷新后重试',
    'someone else changed the case at the same time; reload and retry',
  );
  for (const event of events) {
    seq += 1;
    const hash = chainHash(prev, { ...event, seq, prevHash: prev });
    const e = { ...event, seq, prevHash: prev, hash } as StoredCaseEvent;
    stored.push(e);
    writes.push({
      put: {
        ...caseKeys.event(after.tenant, after.caseNo, seq),
        entity: 'case-event',
        tenant: after.tenant,
        caseNo: after.caseNo,
        event: e,
      },
      ifNew: conflict,
    });
    prev = hash;
  }
  const state: CaseState = { ...after, lastHash: prev };
  const job = clock.nextTick && !isClosed(state.status) ? startOf(clock.nextTick) : undefined;
  const jobKey = job
    ? keyOfJob({ kind: 'case-tick', dueAt: job, id: tickJobId(state.tenant, state.caseNo) }).sk
    : undefined;
  writes.push({
    put: caseItem(state, clock, jobKey, before && !previous ? undefined : [...(previous ?? []), ...stored]),
    ...(before
      ? { ifStill: { attribute: 'version', equals: before.state.version, failure: conflict } }
      : {
          ifNew: new DomainError(
            'conflict',
            `办件编号“${state.caseNo}”已存在`,
            `case '${state.caseNo}' exists`,
          ),
        }),
  });
  if (before?.tickJob && before.tickJob !== jobKey)
    writes.push({ delete: jobKeyOf('case-tick', before.tickJob) });
  if (job && jobKey !== before?.tickJob) {
    writes.push({
      put: jobItem({
        id: tickJobId(state.tenant, state.caseNo),
        kind: 'case-tick',
        dueAt: job,
        payload: { tenant: state.tenant, caseNo: state.caseNo },
      }),
    });
  }
  // R19: an event that may raise a card at once has the clock raise the case's cards now.
  const breach = stored.find((e) => mayRaiseAtOnce(state, e));
  if (breach) {
    writes.push({
      put: jobItem({
        id: `${state.tenant}:${state.caseNo}:cards:${breach.seq}`,
        kind: CASE_CARDS,
        dueAt: new Date(breach.at).toISOString(),
        payload: { tenant: state.tenant, caseNo: state.caseNo },
      }),
    });
  }
  // The open-case, month and board counters, sharded by case number (counters.ts).
  writes.push(...counterWrites(before, events, state, clock));
  // R18's ledger, its city index, its escalation job and the rating's record: once per command.
  writes.push(...rectificationWrites(state, events), ...ratingWrite(state, events));
  for (const event of events) {
    if (event.type === 'fee-paid') {
      writes.push({
        put: {
          ...caseKeys.fee(state.tenant, shanghaiDate(event.at), event.receiptNo),
          entity: 'fee',
          receiptNo: event.receiptNo,
          caseNo: state.caseNo,
          matter: state.matter,
          collectingBody: state.body ?? '',
          fees: state.fees,
          amount: event.amount,
          at: event.at,
          by: event.actor,
        },
        ifNew: new DomainError('conflict', '该收据号已使用', `receipt '${event.receiptNo}' exists`),
      });
    }
  }
  return { writes, stored, state };
}
