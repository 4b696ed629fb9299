import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import { createApp, createVerifier, parseWith, staticJwks } from '@onewindow/api';
import { catalogueFiles } from '@onewindow/api/catalogue-io';
import { createServices, createSigner, localKeyVault } from '@onewindow/app';
import { consoleApp } from '@onewindow/console';
import { createDynamoClient, type OutboundEvent, Store } from '@onewindow/store';
import { createClockHandler } from '../../../functions/clock/handler';
import { createStreamHandler } from '../../../functions/stream/handler';
import { seedAuthorityDemo } from './demo/authority';
import { seedCaseDemo } from './demo/cases';
import { seedDemo } from './demo/seed';
import { demoUsers } from './demo/tenancy';
import { type LocalDynamo, startDynamo } from './dynamo';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, devRoutes } from './issuer';
import { every, type Poller, streamPoller } from './pollers';
import { ensureTable } from './table';

export interface LocalStackOptions {
  readonly port: number;
  readonly host?: string;
  /** Where data persists; undefined keeps everything in memory. */
  readonly dataDir?: string;
  readonly demo?: boolean;
  readonly tableName?: string;
  readonly clockIntervalMs?: number;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export interface LocalStack {
  readonly url: string;
  readonly dynamo: LocalDynamo;
  readonly events: OutboundEvent[];
  stop(): Promise<void>;
}

/**
 * Everything `npm start` runs: DynamoDB Local, the table from the shared definition,
 * the API with the dev issuer, the real stream and clock handlers fed by pollers, and
 * the demo data.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? 'onewindow';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startDynamo(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {});
  const stops: (() => Promise<void>)[] = [() => dynamo.stop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, tableName);
    const store = new Store(client, tableName);
    const logger = new Logger({ serviceName: 'onewindow-local', logLevel: options.logLevel ?? 'WARN' });
    const issuer = await createDevIssuer(
      options.dataDir ? join(options.dataDir, 'dev-keys.json') : undefined,
    );
    const verify = createVerifier({
      jwks: staticJwks(issuer.publicKeys),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    });
    // One process serves what AWS splits between the api and files Lambdas.
    const services = createServices({
      store,
      signer: createSigner(signingSeed(options.dataDir)),
      vault: localKeyVault(keyStoreSecret(options.dataDir)),
    });
    // The console names each visitor to the API with it, as in AWS (domain/client-relay.ts).
    const relayKey = randomBytes(32);
    const appAt = (now?: Date) =>
      createApp({ services, verify, logger, catalogueFiles, relayKey, ...(now ? { now: () => now } : {}) });
    const app = appAt();
    app.route('/dev', devRoutes(issuer, parseWith));
    // The console calls this same app in-process; locally its sign-in page lists the demo users.
    app.route(
      '/',
      consoleApp({
        api: app,
        signIn: {
          kind: 'demo',
          users: demoUsers,
          token: async (sub) => {
            const user = demoUsers.find((u) => u.sub === sub);
            if (!user) return undefined;
            // The name rides along as a claim so the console can greet the person; the API ignores it.
            const { backupFor: _b, ...claims } = user;
            return issuer.issue(claims);
          },
        },
        relayKey,
        onError: (e) => logger.error('console error', e as Error),
        onSecurityEvent: (e) => logger.warn('security event', { ...e }),
      }),
    );

    // Events leave through the real stream handler; locally they are kept for /dev/events.
    const events: OutboundEvent[] = [];
    app.get('/dev/events', (c) => c.json({ items: events.slice(-200) }));
    const streamHandler = createStreamHandler(async (batch) => {
      events.push(...batch);
      if (events.length > 1000) events.splice(0, events.length - 1000);
      for (const e of batch) logger.info('event published', { detailType: e.detailType, ...e.detail });
      return [];
    }, store);
    const clock = createClockHandler({ services, logger });

    if (options.demo !== false) {
      const token = await issuer.issue({ sub: 'demo-loader', roles: ['platform-admin'] }, 3600);
      await seedDemo(app, token);
      await seedAuthorityDemo({ appAt, services, token });
      await seedCaseDemo({ appAt, issue: (claims) => issuer.issue(claims, 3600) });
    }

    const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => ok(s));
      s.once('error', fail);
    });
    stops.push(
      () =>
        new Promise<void>((ok) => {
          server.close(() => ok());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    );
    const onError = (e: unknown) => logger.error('worker tick failed', e as Error);
    const pollers: Poller[] = [
      await streamPoller({
        dynamo: client,
        endpoint: dynamo.endpoint,
        tableName,
        handle: streamHandler,
        onError,
      }),
      every(options.clockIntervalMs ?? 5000, clock, onError),
    ];
    stops.push(async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    });
    return { url: `http://${host}:${options.port}`, dynamo, events, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The result-signing seed: kept in the data folder so results issued before a restart
 * still verify after it; a fresh one per run with `--memory`.
 */
function signingSeed(dataDir: string | undefined): Uint8Array {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'signing-seed');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/**
 * The local key store: the key that wraps the seals' SM2 private keys (AWS: a KMS key), kept in
 * the data folder beside the table that holds the wrapped keys; a fresh one per run with `--memory`.
 */
function keyStoreSecret(dataDir: string | undefined): Uint8Array {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'seal-key-store');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
