import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StreamRecordLike } from './outbox';

/** The business figures the platform reports per tenant (cases) or city (rollouts). */
export const MEASURE_NAMES = [
  'CasesReceived',
  'CasesAccepted',
  'CasesIssued',
  'CasesOverdue',
  'RolloutPeriodsApplied',
] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];

export interface Measure {
  readonly name: MeasureName;
  readonly scope: { readonly tenant: string } | { readonly city: string };
  readonly count: number;
}

const EVENT_MEASURES: Readonly<Record<string, MeasureName>> = {
  received: 'CasesReceived',
  accepted: 'CasesAccepted',
  issued: 'CasesIssued',
};

const image = (i: Record<string, unknown> | undefined) =>
  i ? unmarshall(i as Record<string, AttributeValue>) : undefined;

/**
 * What a batch of stream records changed in the business figures: a case event item is
 * written once per event (its key is its sequence number), a case turning red is one
 * projection change, and a rollout's progress moves by the periods it wrote. Counted from
 * committed changes only, so a figure never counts a command that failed.
 */
export function businessMeasures(records: readonly StreamRecordLike[]): Measure[] {
  const totals = new Map<string, Measure>();
  const add = (m: Measure) => {
    const key = `${m.name}|${JSON.stringify(m.scope)}`;
    const sum = totals.get(key);
    totals.set(key, { ...m, count: (sum?.count ?? 0) + m.count });
  };
  for (const record of records) {
    const after = image(record.dynamodb?.NewImage);
    const before = image(record.dynamodb?.OldImage);
    if (!after) continue;
    if (after.entity === 'case-event' && record.eventName === 'INSERT') {
      const name = EVENT_MEASURES[String((after.event as { type?: string } | undefined)?.type)];
      if (name) add({ name, scope: { tenant: String(after.tenant) }, count: 1 });
    } else if (after.entity === 'case' && after.clock === 'red' && before?.clock !== 'red') {
      add({
        name: 'CasesOverdue',
        scope: { tenant: String(after.state && (after.state as { tenant: string }).tenant) },
        count: 1,
      });
    } else if (after.entity === 'rollout') {
      const done = (r: Record<string, unknown> | undefined) =>
        Number((r?.progress as { done?: number } | undefined)?.done ?? 0);
      const applied = done(after) - done(before);
      if (applied > 0)
        add({ name: 'RolloutPeriodsApplied', scope: { city: String(after.city) }, count: applied });
    }
  }
  return [...totals.values()];
}
