import { freePort } from '../../../packages/local/src/dynamo';
import { startLocalStack } from '../../../packages/local/src/stack';

/** The whole local stack as `npm start -- --memory` runs it, with the demo data, on a free port. */
export async function startConsoleStack() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // A fast clock, so a rollout scheduled seconds ahead applies while the test watches.
  return startLocalStack({ port: await freePort(), demo: true, clockIntervalMs: 500 });
}
