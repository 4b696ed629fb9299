import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Store } from './store';

/** Counters outlive their window by this much, so a late reader still finds them; TTL then deletes them. */
const GRACE_SECONDS = 60;

const limitPk = (name: string) => `LIMIT#${name}`;

/**
 * Request counters shared by every Lambda instance: one item per name and fixed window
 * (`LIMIT#<name>` / `W#<window start>`), counted with an atomic ADD and deleted by TTL after
 * the window; and locks (`LIMIT#<name>` / `LOCK`) that hold until an instant. Names are
 * whatever is limited: a client address, a case number.
 */
export class LimitCounters {
  constructor(private readonly store: Store) {}

  /** Counts one more request of `name` in the window around `nowMs`; answers the window's count and end. */
  async hit(name: string, windowSeconds: number, nowMs: number): Promise<{ count: number; endsAt: number }> {
    const windowMs = windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const endsAt = start + windowMs;
    const out = await this.store.client.send(
      new UpdateItemCommand({
        TableName: this.store.tableName,
        Key: marshall({ pk: limitPk(name), sk: `W#${start}` }),
        UpdateExpression: 'SET #entity = :entity, #exp = :exp ADD #n :one',
        ExpressionAttributeNames: { '#entity': 'entity', '#exp': 'expiresAt', '#n': 'n' },
        ExpressionAttributeValues: marshall({
          ':entity': 'limit',
          ':exp': Math.ceil(endsAt / 1000) + GRACE_SECONDS,
          ':one': 1,
        }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return { count: Number(out.Attributes?.n?.N ?? 1), endsAt };
  }

  /** The instant (ms) a lock on `name` holds until, if it holds after `nowMs`. */
  async lockedUntil(name: string, nowMs: number): Promise<number | undefined> {
    const out = await this.store.client.send(
      new GetItemCommand({
        TableName: this.store.tableName,
        Key: marshall({ pk: limitPk(name), sk: 'LOCK' }),
        ProjectionExpression: 'untilMs',
      }),
    );
    const until = Number(out.Item?.untilMs?.N ?? 0);
    // TTL deletes late (up to days): an expired lock is read as none.
    return until > nowMs ? until : undefined;
  }

  /** Locks `name` until `untilMs`. */
  async lock(name: string, untilMs: number): Promise<void> {
    await this.store.client.send(
      new PutItemCommand({
        TableName: this.store.tableName,
        Item: marshall({
          pk: limitPk(name),
          sk: 'LOCK',
          entity: 'limit-lock',
          untilMs,
          expiresAt: Math.ceil(untilMs / 1000) + GRACE_SECONDS,
        }),
      }),
    );
  }
}
