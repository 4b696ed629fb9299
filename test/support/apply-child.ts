/**
 * A rollout apply worker in its own process, so a test can kill it outright midway.
 * argv: endpoint table city rollout now
 */

import { RolloutService } from '../../packages/app/src/rollouts';
import { useLocalCredentials } from '../../packages/local/src/dynamo';
import { createDynamoClient, Store } from '../../packages/store/src';

useLocalCredentials();

const [endpoint, table, city, rollout, now] = process.argv.slice(2);
const store = new Store(createDynamoClient({ endpoint: endpoint ?? '' }), table ?? '');
await new RolloutService(store).apply(city ?? '', rollout ?? '', {
  now: now ?? '',
  groupSize: 200,
  concurrency: 1,
});
