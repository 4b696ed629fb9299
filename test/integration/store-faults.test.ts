import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoClient, isStoreUnavailable, Store } from '../../packages/store/src';
import { PLATFORM, testApp } from '../support/app';

// Nothing listens on the discard port: every request to this "table" is refused.
const downStore = () => new Store(createDynamoClient({ endpoint: 'http://127.0.0.1:9' }), 'down');

describe('when the store cannot answer', () => {
  it('keeps /healthz alive, and answers /readyz and every route 503 problem+json with Retry-After', async () => {
    const t = await testApp({ store: downStore() });
    expect((await t.call(undefined, 'GET', '/healthz')).status).toBe(200);

    const ready = await t.call(undefined, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toContain('application/problem+json');
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(ready.body).toMatchObject({ type: '/problems/unavailable', status: 503 });

    const read = await t.call(PLATFORM, 'GET', '/v1/cities');
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');
    const write = await t.call(PLATFORM, 'POST', '/v1/cities', { id: 'x', name: '某市' });
    expect(write.status).toBe(503);
    expect(write.body.detailEn).toContain('unavailable');
  });

  it('answers /readyz 200 when the table answers', async () => {
    const t = await testApp();
    expect(await (await t.call(undefined, 'GET', '/readyz')).body).toEqual({ status: 'ok' });
  });

  it('tells a store that cannot serve from a request it refused', () => {
    const meta = { $metadata: {} };
    expect(
      isStoreUnavailable(new ProvisionedThroughputExceededException({ message: 'slow down', ...meta })),
    ).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isStoreUnavailable(new ConditionalCheckFailedException({ message: 'no', ...meta }))).toBe(false);
    expect(isStoreUnavailable(new Error('a bug of ours'))).toBe(false);
  });
});
