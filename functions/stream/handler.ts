import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type OutboundEvent, outboundEvents, type StreamRecordLike } from '@onewindow/store';
import { requireEnv } from '../shared/config';

/** Publishes events; answers the record ids it could not publish. */
export type Publisher = (events: readonly OutboundEvent[]) => Promise<string[]>;

export interface StreamBatch {
  readonly Records: readonly StreamRecordLike[];
}

/** `reportBatchItemFailures`: Lambda retries from the first failed record. */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export function createStreamHandler(publish: Publisher) {
  return async (batch: StreamBatch): Promise<BatchResponse> => {
    const failed = await publish(outboundEvents(batch.Records));
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** PutEvents takes at most 10 entries; a failed entry fails its stream record. */
export function eventBridgePublisher(client: EventBridgeClient, busName: string): Publisher {
  return async (events) => {
    const failed: string[] = [];
    for (let i = 0; i < events.length; i += 10) {
      const chunk = events.slice(i, i + 10);
      const out = await client.send(
        new PutEventsCommand({
          Entries: chunk.map((e) => ({
            EventBusName: busName,
            Source: 'onewindow',
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
          })),
        }),
      );
      out.Entries?.forEach((entry, index) => {
        const event = chunk[index];
        if (entry.ErrorCode && event) failed.push(event.recordId);
      });
    }
    return failed;
  };
}

let live: ReturnType<typeof createStreamHandler> | undefined;

export const handler = (batch: StreamBatch): Promise<BatchResponse> => {
  live ??= createStreamHandler(eventBridgePublisher(new EventBridgeClient({}), requireEnv('EVENT_BUS_NAME')));
  return live(batch);
};
