import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { businessMeasures, type StreamRecordLike } from '../../packages/store/src';

const record = (
  eventName: 'INSERT' | 'MODIFY',
  after: Record<string, unknown>,
  before?: Record<string, unknown>,
): StreamRecordLike => ({
  eventName,
  dynamodb: {
    NewImage: marshall(after, { removeUndefinedValues: true }),
    ...(before ? { OldImage: marshall(before, { removeUndefinedValues: true }) } : {}),
  },
});

const caseItem = (clock: string) => ({ entity: 'case', clock, state: { tenant: 'x.a' } });
const rollout = (done: number) => ({ entity: 'rollout', city: 'x', progress: { done, total: 10 } });

describe('business measures', () => {
  it('counts a case as overdue when it turns red, not while it stays red', () => {
    const m = businessMeasures([
      record('MODIFY', caseItem('red'), caseItem('yellow')),
      record('MODIFY', caseItem('red'), caseItem('red')),
      record('MODIFY', caseItem('yellow'), caseItem('green')),
    ]);
    expect(m).toEqual([{ name: 'CasesOverdue', scope: { tenant: 'x.a' }, count: 1 }]);
  });

  it("counts a rollout's periods by how far its progress moved, per city", () => {
    const m = businessMeasures([
      record('MODIFY', rollout(4), rollout(0)),
      record('MODIFY', rollout(10), rollout(4)),
      record('MODIFY', { ...rollout(10), status: 'applied' }, rollout(10)),
    ]);
    expect(m).toEqual([{ name: 'RolloutPeriodsApplied', scope: { city: 'x' }, count: 10 }]);
  });

  it('counts received, accepted and issued from new event items only', () => {
    const event = (type: string, tenant = 'x.a') => ({ entity: 'case-event', tenant, event: { type } });
    const m = businessMeasures([
      record('INSERT', event('received')),
      record('INSERT', event('accepted')),
      record('INSERT', event('received', 'x.b')),
      record('INSERT', event('decided')),
      record('MODIFY', event('issued'), event('issued')),
    ]);
    expect(m).toEqual([
      { name: 'CasesReceived', scope: { tenant: 'x.a' }, count: 1 },
      { name: 'CasesAccepted', scope: { tenant: 'x.a' }, count: 1 },
      { name: 'CasesReceived', scope: { tenant: 'x.b' }, count: 1 },
    ]);
  });
});
