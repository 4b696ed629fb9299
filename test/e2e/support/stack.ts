import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../../../packages/local/src/dynamo';
import { startLocalStack } from '../../../packages/local/src/stack';
import { launchChromium } from './browser';

/** The whole local stack as `npm start -- --memory` runs it, with the demo data, on a free port. */
export async function startConsoleStack() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // A fast clock, so a rollout scheduled seconds ahead applies while the test watches.
  return startLocalStack({ port: await freePort(), demo: true, clockIntervalMs: 500 });
}

/**
 * The stack and a headless Chromium for one test file: started before its tests, stopped
 * after them. The fields are set once `beforeAll` has run.
 */
export function consoleStackForFile() {
  const env = {} as {
    stack: Awaited<ReturnType<typeof startConsoleStack>>;
    browser: Awaited<ReturnType<typeof launchChromium>>;
  };
  beforeAll(async () => {
    [env.stack, env.browser] = await Promise.all([startConsoleStack(), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });
  return env;
}
