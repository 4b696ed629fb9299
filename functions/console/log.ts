import type { Context } from 'aws-lambda';

type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const RANK: Record<Level, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };

/**
 * The console Lambda's log lines, written out: Powertools' Logger (with its commons and the
 * invoke store, about 23 KB) does not fit the console bundle's budget beside the pages. The lines
 * keep Powertools' shape — one JSON object with `level`, `message`, `timestamp`, `service`, the
 * Lambda context keys, the extra keys at the top level and `error: {name, message, stack}` — so
 * the security-event metric filters (`$.securityEvent`) and log queries read them as before.
 * The other Lambdas keep Powertools.
 */
export class ConsoleLog {
  private context: Record<string, unknown> = {};
  private coldStart = true;
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    env: NodeJS.ProcessEnv = process.env,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    const level = (env.POWERTOOLS_LOG_LEVEL ?? env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
    this.threshold = RANK[level as Level] ?? RANK.INFO;
  }

  /** The request's Lambda context on every line until `reset`. */
  addContext(context: Context): void {
    this.context = {
      cold_start: this.coldStart,
      function_name: context.functionName,
      function_memory_size: Number(context.memoryLimitInMB),
      function_arn: context.invokedFunctionArn,
      function_request_id: context.awsRequestId,
    };
    this.coldStart = false;
  }

  reset(): void {
    this.context = {};
  }

  warn(message: string, extra: Record<string, unknown> = {}): void {
    this.line('WARN', message, extra);
  }

  error(message: string, error?: Error): void {
    this.line(
      'ERROR',
      message,
      error ? { error: { name: error.name, message: error.message, stack: error.stack } } : {},
    );
  }

  private line(level: Level, message: string, extra: Record<string, unknown>): void {
    if (RANK[level] < this.threshold) return;
    const trace = process.env._X_AMZN_TRACE_ID?.match(/Root=([^;]+)/)?.[1];
    this.write(
      JSON.stringify({
        level,
        message,
        timestamp: new Date().toISOString(),
        service: this.service,
        ...this.context,
        ...(trace ? { xray_trace_id: trace } : {}),
        ...extra,
      }),
    );
  }
}
