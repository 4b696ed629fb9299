import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockHandler } from '../../functions/clock/handler';
import { createStreamHandler, eventBridgePublisher } from '../../functions/stream/handler';
import { dueJobs, type OutboundEvent, scheduleJob } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { pollStream, waitFor } from '../support/stream';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('stream worker', () => {
  const published: OutboundEvent[] = [];
  let failNext = 0;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const handle = createStreamHandler(async (events) => {
      if (failNext > 0 && events.length > 0) {
        failNext--;
        return [events[0]?.recordId ?? ''];
      }
      published.push(...events);
      return [];
    });
    stop = await pollStream(t, handle);
  });
  afterAll(async () => stop?.());

  it('publishes every committed change once, with actor and tenant, from the table stream', async () => {
    await seedTenancy(t);
    await waitFor(() =>
      published.some((e) => e.detailType === 'body.created' && e.detail.tenant === 'nanjing.jiangning'),
    );
    const bodies = published.filter((e) => e.detailType === 'body.created');
    expect(bodies).toHaveLength(2);
    expect(bodies.find((e) => e.detail.tenant === 'nanjing.jiangning')?.detail).toMatchObject({
      actor: PLATFORM.sub,
      target: 'nanjing.jiangning/civil-affairs',
    });
  });

  it('retries a batch from its failed record, so no event is lost', async () => {
    failNext = 1;
    await t.call(PLATFORM, 'POST', '/v1/cities', { id: 'retry-city', name: '重试市' });
    await waitFor(() => published.some((e) => e.detail.target === 'retry-city'));
    expect(failNext).toBe(0);
    expect(published.filter((e) => e.detail.target === 'retry-city')).toHaveLength(1);
  });
});

describe('EventBridge publisher', () => {
  it('sends at most 10 entries per call and fails only the records EventBridge refused', async () => {
    const mock = mockClient(EventBridgeClient);
    mock.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((_e, i) =>
        i === 2 ? { ErrorCode: 'ThrottlingException' } : { EventId: `e${i}` },
      ),
    }));
    const events = Array.from({ length: 12 }, (_v, i) => ({
      recordId: `r${i}`,
      detailType: 'x',
      detail: { i },
    }));
    const failed = await eventBridgePublisher(new EventBridgeClient({}), 'bus')(events);
    expect(mock.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(failed).toEqual(['r2']);
    expect(mock.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]).toMatchObject({
      EventBusName: 'bus',
      Source: 'onewindow',
    });
    mock.restore();
  });
});

describe('clock worker', () => {
  it('runs due jobs once, leaves future jobs, and keeps a failed job for the next tick', async () => {
    const runs: string[] = [];
    let failOnce = true;
    const clock = createClockHandler({
      services: t.services,
      logger: new Logger({ logLevel: 'SILENT' }),
      now: () => new Date('2026-01-01T00:00:00Z'),
      runners: {
        note: async (job) => {
          runs.push(job.id);
          return undefined;
        },
        flaky: async () => {
          if (failOnce) {
            failOnce = false;
            throw new Error('worker died');
          }
          runs.push('flaky');
          return undefined;
        },
      },
    });
    await scheduleJob(t.store, { id: 'past', kind: 'note', dueAt: '2025-12-31T23:59:00.000Z', payload: {} });
    await scheduleJob(t.store, { id: 'now', kind: 'note', dueAt: '2026-01-01T00:00:00.000Z', payload: {} });
    await scheduleJob(t.store, {
      id: 'future',
      kind: 'note',
      dueAt: '2026-01-01T00:01:00.000Z',
      payload: {},
    });
    await scheduleJob(t.store, { id: 'f', kind: 'flaky', dueAt: '2025-12-31T00:00:00.000Z', payload: {} });

    expect(await clock()).toEqual({ ran: 2, failed: 1 });
    expect(await clock()).toEqual({ ran: 1, failed: 0 });
    expect(await clock()).toEqual({ ran: 0, failed: 0 });
    expect(runs.sort()).toEqual(['flaky', 'now', 'past']);
    expect((await dueJobs(t.store, '2026-01-02T00:00:00.000Z')).map((j) => j.id)).toEqual(['future']);
  });
});
