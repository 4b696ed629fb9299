import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp } from '../support/app';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('structured logging', () => {
  it('writes one JSON line per request carrying the request id and the tenant', async () => {
    const t = await testApp({ logger: new Logger({ serviceName: 'onewindow-api', logLevel: 'INFO' }) });
    const token = await t.token({ sub: 'c', roles: ['window-clerk'], tenant: 'nanjing.jiangning.dongshan' });
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const res = await t.app.request('/v1/tenants/nanjing.jiangning.dongshan/bodies', {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-123' },
    });
    vi.restoreAllMocks();
    expect(res.headers.get('x-request-id')).toBe('req-123');
    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'onewindow-api',
      requestId: 'req-123',
      tenant: 'nanjing.jiangning.dongshan',
      status: 200,
      path: '/v1/tenants/nanjing.jiangning.dongshan/bodies',
    });
  });
});
