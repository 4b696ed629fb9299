import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoUsers } from './demo/tenancy';
import { startDynamo } from './dynamo';
import { acquireLock } from './lock';
import { SHARED_DB_FILE } from './wal';

const { values } = parseArgs({
  options: {
    memory: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string', default: '.data' },
    'no-demo': { type: 'boolean', default: false },
  },
});

// The SDK warns that it will need Node 22 from 2027; Lambda runs 22, and locally the warning is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The window clerk, the approver and the city administrator: intake, decision and rollout, the three journeys. */
const FIRST_USERS = ['dongshan-clerk', 'dongshan-approver', 'nanjing-admin'];

const port = Number(values.port ?? process.env.PORT ?? 8787);
const dataDir = values.memory ? undefined : resolve(values['data-dir'] ?? '.data');
const url = `http://127.0.0.1:${port}`;

function portFree(p: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(p, '127.0.0.1', () => s.close(() => ok(true)));
  });
}

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be 1–65535, got ${values.port}`);
  let lock: ReturnType<typeof acquireLock> | undefined;
  if (dataDir) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    lock = acquireLock(join(dataDir, 'lock.json'), url);
  }
  if (!(await portFree(port))) {
    lock?.release();
    throw new Error(
      `端口 ${port} 已被占用 / port ${port} is in use: is OneWindow already running? Set PORT to use another.`,
    );
  }
  console.log(
    `正在启动 OneWindow 本地环境 / starting OneWindow locally (${dataDir ? `data in ${dataDir}` : 'in memory'})…`,
  );
  const started = Date.now();
  // Known before the JVM starts (it makes the database file): a table it has never written is made
  // empty, and the demo is then replayed in process while the JVM warms up (stack.ts).
  const freshTable = !dataDir || !existsSync(join(dataDir, 'dynamodb', SHARED_DB_FILE));
  // The JVM starts first: DynamoDB Local warms up while the API, console and workers load.
  const dynamo = startDynamo({
    quick: true,
    ignoreInterrupt: true,
    ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
  });
  dynamo.catch(() => undefined);
  const { startLocalStack } = await import('./stack').catch(async (error: Error) => {
    await (await dynamo.catch(() => undefined))?.stop();
    throw error;
  });
  console.log(`  ✓ API, console and workers loaded (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const stack = await startLocalStack({
    port,
    dynamo,
    freshTable,
    ...(dataDir ? { dataDir } : {}),
    demo: !values['no-demo'],
    serveEarly: true,
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
    onStep: (step, ms) => console.log(`  ✓ ${step} (${(ms / 1000).toFixed(1)} s)`),
  });
  if (stack.dynamo.process.pid) lock?.update(stack.dynamo.process.pid);

  const first = FIRST_USERS.map((sub) => demoUsers.find((u) => u.sub === sub)).filter((u) => u !== undefined);
  console.log(`
一窗通办 OneWindow is running at ${stack.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  控制台 Console   ${stack.url}/console
  先用这三位演示用户登录 Sign in as one of these first (the sign-in page lists them all):
${first.map((u) => `    ${u.name.padEnd(14)} ${u.sub}  (${u.roles.join(', ')})`).join('\n')}

  API reference   ${stack.url}/docs      OpenAPI ${stack.url}/openapi.json
  DynamoDB Local  ${stack.dynamo.endpoint}
  S3 (embedded)   ${stack.s3.endpoint}/${stack.s3.bucket}  (versioned, Object Lock; no malware scan locally)
  Data            ${dataDir ?? 'in memory (--memory): nothing is kept'}
${values['no-demo'] ? '  (--no-demo: no demo data was loaded)\n' : ''}
演示用户 Demo users (get a token: curl -s -X POST ${stack.url}/dev/token -H 'content-type: application/json' -d '<claims>'):`);
  for (const u of demoUsers) {
    const { name, backupFor: _b, ...claims } = u;
    console.log(`  ${u.sub.padEnd(28)} ${name}\n    ${JSON.stringify(claims)}`);
  }
  console.log('\nCtrl-C 停止 / stops everything.');
  if (!values['no-demo']) {
    console.log('\n演示数据加载中 Loading the demo: pages that show its data wait until it is complete…');
    stack.shown.then(
      () =>
        console.log(
          `✓ 演示数据已就绪 The demo is complete (${((Date.now() - started) / 1000).toFixed(1)} s from the start)`,
        ),
      () => undefined,
    );
    stack.demo.catch(async (error: Error) => {
      console.error(`演示数据加载失败 The demo failed to load: ${error.message}`);
      await stack.stop();
      lock?.release();
      process.exit(1);
    });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const unsaved = stack.unsaved();
    console.log(
      `\n${signal}: 正在停止 / stopping…${unsaved > 0 ? ` (先保存 ${unsaved} 项到 DynamoDB Local / saving ${unsaved} items into DynamoDB Local first)` : ''}`,
    );
    await stack.stop();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
