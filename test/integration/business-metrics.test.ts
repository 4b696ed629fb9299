import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStreamHandler, emfRecorder } from '../../functions/stream/handler';
import type { Measure } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { APPROVER, act, CLERK, intake, seedCases } from '../support/cases';
import { pollStream, waitFor } from '../support/stream';

let t: TestApp;
const measured: Measure[] = [];
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  stop = await pollStream(
    t,
    createStreamHandler(
      async () => [],
      t.store,
      (m) => measured.push(...m),
    ),
  );
});
afterAll(async () => stop?.());

const total = (name: Measure['name']) =>
  measured
    .filter((m) => m.name === name && 'tenant' in m.scope && m.scope.tenant === DONGSHAN)
    .reduce((s, m) => s + m.count, 0);

describe('business metrics from the table stream', () => {
  it('counts cases received, accepted and issued per tenant from committed events, each once', async () => {
    const a = await intake(t);
    await intake(t, {
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: false },
      ],
    });
    await act(t, APPROVER, a.caseNo, 'decide', { outcome: 'approve' });
    await act(t, CLERK, a.caseNo, 'issue', { delivery: 'window' });
    // A refused command writes nothing, so it is not counted.
    expect((await act(t, CLERK, a.caseNo, 'issue', { delivery: 'window' })).status).toBe(409);
    await waitFor(() => total('CasesIssued') >= 1);
    expect(total('CasesReceived')).toBe(2);
    expect(total('CasesAccepted')).toBe(1);
    expect(total('CasesIssued')).toBe(1);
  });

  it('writes each figure as an embedded-metric-format record dimensioned by tenant', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      emfRecorder(new Metrics({ namespace: 'OneWindow', serviceName: 'test' }))([
        { name: 'CasesReceived', scope: { tenant: DONGSHAN }, count: 3 },
      ]);
    } finally {
      spy.mockRestore();
    }
    const emf = lines.map((l) => JSON.parse(l)).find((o) => o._aws);
    expect(emf.CasesReceived).toBe(3);
    expect(emf.tenant).toBe(DONGSHAN);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'OneWindow',
      Dimensions: [expect.arrayContaining(['tenant'])],
      Metrics: [{ Name: 'CasesReceived', Unit: 'Count' }],
    });
  });
});
