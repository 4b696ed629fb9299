import { inject } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import { OfdResults } from '../../packages/app/src';
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

/** The stream worker as the local stack runs it on closed cases: the OFD sealed, then the archive package. */
export function pollArchive(t: TestApp): Promise<() => Promise<void>> {
  const ofd = new OfdResults(
    t.store,
    t.services.cases,
    t.services.commands,
    t.services.esign,
    'https://ow.example',
  );
  return pollStream(
    t,
    createStreamHandler(async () => [], t.store, undefined, ofd, undefined, t.services.archive),
  );
}
