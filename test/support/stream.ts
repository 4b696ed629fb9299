import { inject } from 'vitest';
import type { createStreamHandler } from '../../functions/stream/handler';
import { streamPoller } from '../../packages/local/src/pollers';
import type { TestApp } from './app';

/** Feeds the test table's stream to `handle` as the local stack does; answers how to stop it. */
export async function pollStream(
  t: TestApp,
  handle: ReturnType<typeof createStreamHandler>,
): Promise<() => Promise<void>> {
  const poller = await streamPoller({
    dynamo: t.store.client,
    endpoint: inject('dynamoEndpoint'),
    tableName: t.store.tableName,
    handle,
    intervalMs: 50,
    onError: (e) => {
      throw e;
    },
  });
  return () => poller.stop();
}

/** Waits until `predicate` holds, or ten seconds have passed (the assertions after it then say what is missing). */
export async function waitFor(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
