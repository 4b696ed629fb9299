import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '@onewindow/store';
import type { MemoryTable } from './table';

/**
 * Loads what the in-process table holds into DynamoDB Local while the demo is still being
 * replayed and served: every item written since the last batch, as it is now, 25 to a
 * BatchWriteItem, four batches in flight. A key in a batch still in flight is left for the next
 * one, so an older image never lands after a newer one; `finish` waits until every change is in.
 */
export class TableCopier {
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  private finishing = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;
  /** Items written to DynamoDB Local (an item changed again after its batch counts again). */
  written = 0;
  private isDrained = false;
  /**
   * True from the turn that saw nothing left to copy after `finish`: DynamoDB Local holds
   * everything the in-process table does, so from then on commands may go to it instead.
   */
  get drained(): boolean {
    return this.isDrained;
  }

  constructor(
    private readonly source: MemoryTable,
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { readonly parallel?: number; readonly idleMs?: number } = {},
  ) {
    this.loop = this.run();
    this.loop.catch(() => undefined);
  }

  /**
   * Waits until every change made so far, and any made while it waits, is in DynamoDB Local; it
   * settles with `drained` set.
   */
  async finish(): Promise<void> {
    this.finishing = true;
    this.wake?.();
    await this.loop;
    if (this.failure) throw this.failure;
  }

  private async run(): Promise<void> {
    const parallel = this.options.parallel ?? 4;
    for (;;) {
      if (this.failure) return;
      const pending = this.source.pendingChanges;
      // Below a full batch, wait a little for more unless the replay is over.
      if (this.inFlight.size < parallel && (pending >= 25 || (this.finishing && pending > 0))) {
        const changes = this.source.takeChanges(25, this.busy);
        if (changes.length > 0) {
          const p = this.send(
            changes.map((c) => c.key),
            changes.map(toRequest),
          ).finally(() => this.inFlight.delete(p));
          this.inFlight.add(p);
          continue;
        }
      }
      if (this.finishing && pending === 0 && this.inFlight.size === 0) {
        this.isDrained = true;
        return;
      }
      await Promise.race([
        ...this.inFlight,
        new Promise<void>((ok) => {
          this.wake = ok;
          setTimeout(ok, this.options.idleMs ?? 20);
        }),
      ]);
    }
  }

  private async send(keys: readonly string[], requests: WriteRequest[]): Promise<void> {
    for (const k of keys) this.busy.add(k);
    try {
      let left = requests;
      for (let attempt = 0; left.length > 0; attempt++) {
        if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(1000, 20 * 2 ** attempt)));
        const out = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: left } }),
        );
        this.written += left.length - (out.UnprocessedItems?.[this.tableName]?.length ?? 0);
        left = out.UnprocessedItems?.[this.tableName] ?? [];
      }
    } catch (error) {
      this.failure ??= error as Error;
    } finally {
      for (const k of keys) this.busy.delete(k);
    }
  }
}

function toRequest(change: { key: string; item: Record<string, unknown> | undefined }): WriteRequest {
  if (change.item)
    return { PutRequest: { Item: change.item as NonNullable<WriteRequest['PutRequest']>['Item'] } };
  const [pk, sk] = change.key.split('\u0000');
  return {
    DeleteRequest: {
      Key: {
        [tableDefinition.partitionKey]: { S: pk as string },
        [tableDefinition.sortKey]: { S: sk as string },
      },
    },
  };
}
