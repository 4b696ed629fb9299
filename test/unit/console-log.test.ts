import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConsoleLog } from '../../functions/console/log';

const context = {
  functionName: 'onewindow-console',
  memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:onewindow-console',
  awsRequestId: 'req-1',
} as Context;

const capture = (env: NodeJS.ProcessEnv = {}) => {
  const lines: Record<string, unknown>[] = [];
  const log = new ConsoleLog('onewindow-console', env, (line) => lines.push(JSON.parse(line)));
  return { log, lines };
};

describe('the console Lambda’s log lines (Powertools’ shape, written out for the bundle budget)', () => {
  it('writes a security event with its keys at the top level, where the metric filter reads $.securityEvent', () => {
    const { log, lines } = capture();
    log.addContext(context);
    log.warn('security event', { securityEvent: 'forbidden', reason: 'role', ip: '203.0.113.9' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'security event',
        service: 'onewindow-console',
        securityEvent: 'forbidden',
        reason: 'role',
        cold_start: true,
        function_name: 'onewindow-console',
        function_memory_size: 512,
        function_request_id: 'req-1',
      }),
    ]);
    expect(Number.isNaN(Date.parse(String(lines[0]?.timestamp)))).toBe(false);
  });

  it('marks only the first request cold, and forgets a request’s context after it', () => {
    const { log, lines } = capture();
    log.addContext(context);
    log.reset();
    log.warn('between requests');
    log.addContext({ ...context, awsRequestId: 'req-2' });
    log.warn('second');
    expect(lines[0]).not.toHaveProperty('function_request_id');
    expect(lines[1]).toMatchObject({ cold_start: false, function_request_id: 'req-2' });
  });

  it('writes an error with its name, message and stack, and honours the log level', () => {
    const { log, lines } = capture({ POWERTOOLS_LOG_LEVEL: 'ERROR' });
    log.warn('not at this level');
    log.error('console error', new TypeError('boom'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', error: { name: 'TypeError', message: 'boom' } });
    expect(String((lines[0]?.error as { stack?: string } | undefined)?.stack)).toContain('boom');
  });
});
