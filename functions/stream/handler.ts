import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  createDynamoClient,
  issuances,
  type OutboundEvent,
  outboundEvents,
  pushToInboxes,
  Store,
  type StreamRecordLike,
} from '@onewindow/store';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../shared/config';

/** Publishes events; answers the record ids it could not publish. */
export type Publisher = (events: readonly OutboundEvent[]) => Promise<string[]>;

export interface StreamBatch {
  readonly Records: readonly StreamRecordLike[];
}

/** `reportBatchItemFailures`: Lambda retries from the first failed record. */
export type BatchResponse = DynamoDBBatchResponse;

/**
 * Pushes issued results to the supervising body's inbox (R10), then publishes events.
 * A failed inbox write fails the whole batch, which Lambda retries; the inbox key is
 * fixed by the issuance, so a retry rewrites the same items.
 */
export function createStreamHandler(publish: Publisher, store?: Store) {
  return async (batch: StreamBatch): Promise<BatchResponse> => {
    if (store) await pushToInboxes(store, issuances(batch.Records));
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

export const handler = (batch: DynamoDBStreamEvent): Promise<BatchResponse> => {
  live ??= createStreamHandler(
    eventBridgePublisher(new EventBridgeClient({}), requireEnv('EVENT_BUS_NAME')),
    new Store(createDynamoClient(), requireEnv('TABLE_NAME')),
  );
  return live(batch);
};
