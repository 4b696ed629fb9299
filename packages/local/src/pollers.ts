import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamRecordLike } from '@onewindow/store';

export interface Poller {
  stop(): Promise<void>;
}

/** Runs `tick` every `intervalMs` until stopped; a tick never overlaps the previous one. */
export function every(
  intervalMs: number,
  tick: () => Promise<unknown>,
  onError: (e: unknown) => void,
): Poller {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Feeds the table's stream to the real stream handler, as Lambda's event source
 * mapping does in AWS: records in order per shard, a batch retried from its first
 * failed record.
 */
export async function streamPoller(options: {
  readonly dynamo: DynamoDBClient;
  readonly endpoint: string;
  readonly tableName: string;
  readonly handle: (batch: {
    Records: StreamRecordLike[];
  }) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  readonly intervalMs?: number;
  readonly onError: (e: unknown) => void;
}): Promise<Poller> {
  const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: process.env.AWS_REGION ?? 'cn-north-1',
  });
  const iterators = new Map<string, string | undefined>();

  const tick = async () => {
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId || (iterators.has(shardId) && iterators.get(shardId) === undefined)) continue;
      let iterator = iterators.get(shardId);
      if (!iterator) {
        const out = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterator = out.ShardIterator;
      }
      if (!iterator) continue;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const records = (page.Records ?? []) as StreamRecordLike[];
      if (records.length > 0) {
        const result = await options.handle({ Records: records });
        const firstFailed = result.batchItemFailures[0]?.itemIdentifier;
        if (firstFailed) {
          // Start again at the failed record next tick, as the event source mapping would.
          const out = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shardId,
              ShardIteratorType: 'AT_SEQUENCE_NUMBER',
              SequenceNumber: firstFailed,
            }),
          );
          iterators.set(shardId, out.ShardIterator);
          continue;
        }
      }
      iterators.set(shardId, page.NextShardIterator);
    }
  };
  const poller = every(options.intervalMs ?? 250, tick, options.onError);
  return {
    async stop() {
      await poller.stop();
      streams.destroy();
    },
  };
}
