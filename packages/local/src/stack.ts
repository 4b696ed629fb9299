import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import { createApp, createVerifier, parseWith, staticJwks } from '@onewindow/api';
import { catalogueFiles } from '@onewindow/api/catalogue-io';
import { type ArchiveService, createServices, createSigner, localKeyVault, OfdResults } from '@onewindow/app';
import { consoleApp } from '@onewindow/console';
import { createDynamoClient, type OutboundEvent, Store } from '@onewindow/store';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import { createClockHandler } from '../../../functions/clock/handler';
import { createStreamHandler } from '../../../functions/stream/handler';
import { seedAll } from './demo/load';
import { demoUsers } from './demo/tenancy';
import { type LocalDynamo, startDynamo } from './dynamo';
import { localDynamoClient } from './dynamo-retries';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, devRoutes } from './issuer';
import { TableCopier } from './memory-table/copy';
import { answerFrom, MemoryTable } from './memory-table/table';
import { every, type Poller, streamPoller } from './pollers';
import { type LocalS3, startS3 } from './s3';
import { ensureTable } from './table';
import { SHARED_DB_FILE } from './wal';

export interface LocalStackOptions {
  readonly port: number;
  readonly host?: string;
  /** Where data persists; undefined keeps everything in memory. */
  readonly dataDir?: string;
  readonly demo?: boolean;
  readonly tableName?: string;
  readonly clockIntervalMs?: number;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Told of each step as it ends, with its time: `npm start` prints a line for each. */
  readonly onStep?: (step: string, ms: number) => void;
  /** DynamoDB Local already starting (main.ts starts the JVM before it loads the rest). */
  readonly dynamo?: Promise<LocalDynamo>;
  /**
   * Whether DynamoDB Local starts without the table (main.ts knows before it starts the JVM);
   * by default: in memory, or no database file yet in the data folder.
   */
  readonly freshTable?: boolean;
  /**
   * Answer on the port before the demo is loaded (`npm start`): the sign-in page, the assets,
   * the API reference and /dev answer at once; every other request waits until the demo is
   * complete, so no page ever shows part of it. Without it the stack resolves once it is loaded.
   */
  readonly serveEarly?: boolean;
}

export interface LocalStack {
  readonly url: string;
  readonly dynamo: LocalDynamo;
  /** The embedded S3 holding material files (one bucket, versioned, Object Lock on). */
  readonly s3: LocalS3;
  readonly events: OutboundEvent[];
  /** Settles when every page shows the whole demo (at once without one, or without `serveEarly`). */
  readonly shown: Promise<void>;
  /**
   * Settles when the demo is in DynamoDB Local and the workers run (at once without one, or
   * without `serveEarly`); rejects if it could not be loaded.
   */
  readonly demo: Promise<void>;
  /** Items still to be copied into DynamoDB Local (stopping waits for them). */
  unsaved(): number;
  stop(): Promise<void>;
}

/** What answers before the demo is loaded: nothing that shows demo data. */
const OPEN_EARLY = [
  /^\/console\/sign-in/,
  /^\/console\/assets\//,
  /^\/docs/,
  /^\/openapi\.json$/,
  /^\/dev\//,
  /^\/healthz$/,
  /^\/$/,
];
const opensEarly = (req: Request): boolean => {
  const path = new URL(req.url).pathname;
  if (OPEN_EARLY.some((p) => p.test(path))) return true;
  // Without a session the console's root only sends the visitor to the sign-in page.
  return (
    (path === '/console' || path === '/console/') &&
    !(req.headers.get('cookie') ?? '').includes('ow_session=')
  );
};

/**
 * Everything `npm start` runs: DynamoDB Local, the table from the shared definition,
 * the API with the dev issuer, the real stream and clock handlers fed by pollers, and
 * the demo data.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? 'onewindow';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  let last = Date.now();
  const step = (name: string) => {
    const now = Date.now();
    options.onStep?.(name, now - last);
    last = now;
  };
  // The embedded S3 starts beside DynamoDB Local's JVM; the console's upload form posts to it from
  // the stack's own origin.
  const s3Started = startS3({
    host,
    ...(options.dataDir ? { dataDir: join(options.dataDir, 's3') } : {}),
    corsOrigins: [`http://${host}:${options.port}`, `http://localhost:${options.port}`],
  });
  s3Started.catch(() => undefined);
  // A table DynamoDB Local has never written (in memory, or no database file yet in the data
  // folder) is made empty: the demo's history can then be replayed in process while the JVM starts.
  const freshTable =
    options.freshTable ??
    (!options.dynamo && (!options.dataDir || !existsSync(join(options.dataDir, 'dynamodb', SHARED_DB_FILE))));
  const dynamoStarting =
    options.dynamo ?? startDynamo(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {});
  dynamoStarting.catch(() => undefined);
  // One stop however many ask (a failed demo and Ctrl-C may both): the last in, the first out, and
  // whoever asked waits until DynamoDB Local is gone, so no caller exits while the JVM still runs.
  const stops: (() => Promise<void>)[] = [
    async () => (await dynamoStarting.catch(() => undefined))?.stop(),
    async () => (await s3Started.catch(() => undefined))?.stop(),
  ];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const s of [...stops].reverse()) await s().catch(() => undefined);
    })();
    return stopped;
  };
  try {
    const s3 = await s3Started;
    step('embedded S3');
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
    const signer = createSigner(signingSeed(options.dataDir));
    const vault = localKeyVault(keyStoreSecret(options.dataDir));
    const objects = new S3ObjectStore(
      createS3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials }),
      s3.bucket,
    );
    const servicesOn = (on: Store) =>
      createServices({
        store: on,
        signer,
        vault,
        objects,
        // No malware scanner runs locally (GuardDuty is AWS-only): files stay `not-scanned`, usable.
        scannerless: true,
      });
    // The console names each visitor to the API with it, as in AWS (domain/client-relay.ts).
    const relayKey = randomBytes(32);
    const appOn = (on: ReturnType<typeof createServices>) => (now?: Date) =>
      createApp({
        services: on,
        verify,
        logger,
        catalogueFiles,
        relayKey,
        ...(now ? { now: () => now } : {}),
      });
    const seed = async (on: ReturnType<typeof createServices>) =>
      seedAll({ appAt: appsAt(appOn(on)), services: on, issuer, step });

    // Into a fresh table the demo's history is replayed through the application against an
    // in-process table (memory-table/) from now on, and copied into DynamoDB Local in batches once
    // the table exists: the same writes under the same conditions, a tenth of the requests.
    const inProcess = options.demo !== false && freshTable ? new MemoryTable(tableName) : undefined;
    const replay =
      inProcess &&
      seed(
        servicesOn(
          // Never sent: every item command is answered in process (the endpoint only satisfies the SDK).
          new Store(answerFrom(createDynamoClient({ endpoint: 'http://127.0.0.1:9' }), inProcess), tableName),
        ),
      );
    replay?.catch(() => undefined);

    const dynamo = await dynamoStarting;
    step('DynamoDB Local');
    const client = localDynamoClient(dynamo.endpoint);
    const created = await ensureTable(client, tableName);
    step('table');
    if (inProcess && !created) throw new Error(`the table ${tableName} already existed: it was expected new`);
    // The copy into DynamoDB Local outlasts the replay (each item costs DynamoDB Local 2–3 ms of
    // CPU), so until it has drained the app is answered from the in-process table
    // too: it holds the whole demo, and what the app writes there is copied after it. Once the
    // copier finds nothing left, in the same turn, every command goes to DynamoDB Local instead.
    const copier = inProcess && new TableCopier(inProcess, client, tableName);
    const store = new Store(
      copier ? answerFrom(localDynamoClient(dynamo.endpoint), inProcess, () => !copier.drained) : client,
      tableName,
    );
    const services = servicesOn(store);
    const app = appOn(services)();
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
        uploadOrigins: [s3.endpoint],
        onError: (e) => logger.error('console error', e as Error),
        onSecurityEvent: (e) => logger.warn('security event', { ...e }),
      }),
    );

    // Events leave through the real stream handler; locally they are kept for /dev/events.
    const events: OutboundEvent[] = [];
    app.get('/dev/events', (c) => c.json({ items: events.slice(-200) }));
    const streamHandler = createStreamHandler(
      async (batch) => {
        events.push(...batch);
        if (events.length > 1000) events.splice(0, events.length - 1000);
        for (const e of batch) logger.info('event published', { detailType: e.detailType, ...e.detail });
        return [];
      },
      store,
      undefined,
      // Each issued result's OFD is sealed right away, its verification link on this stack's URL.
      new OfdResults(
        store,
        services.cases,
        services.commands,
        services.esign,
        `http://${host}:${options.port}`,
      ),
      (message, error) => logger.warn(message, { error }),
      // Each closed case's archive package, under its custodian's prefix in the embedded S3 (R5):
      // packaged behind the poller, one case after another, so the demo's hundred closed cases never
      // hold up the events and supervision pushes of the cases handled now. (In AWS a failure fails
      // the batch and Lambda retries it; here it is only logged.)
      backgroundArchive(services.archive, (e) => logger.warn('archive package not written', { error: e })),
    );
    const clock = createClockHandler({ services, logger });

    step('API and console');
    const shown =
      options.demo === false ? Promise.resolve() : replay ? replay.then(() => undefined) : seed(services);
    let loaded = options.demo === false;
    shown.then(
      () => {
        loaded = true;
      },
      () => undefined,
    );
    const copied = shown.then(async () => {
      if (!copier) return;
      await copier.finish();
      step(`demo: ${inProcess?.size} items into DynamoDB Local`);
    });
    copied.catch(() => undefined);
    // Stopping while the copy runs finishes it first, so what the app wrote meanwhile is kept (a stop
    // during the replay waits for the demo, then its copy, as the workers' stop does).
    stops.push(async () => {
      if (copier && loaded) await copier.finish();
    });
    if (!options.serveEarly) await copied;
    // The demo loader calls the app itself; what comes over the port waits for it to finish.
    const fetch = (req: Request) =>
      loaded || opensEarly(req)
        ? app.fetch(req)
        : shown.then(
            () => app.fetch(req),
            (e: Error) =>
              new Response(`演示数据加载失败 / the demo data failed to load: ${e.message}`, { status: 503 }),
          );

    const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
      const s = serve({ fetch, port: options.port, hostname: host }, () => ok(s));
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
    // The workers start once the demo is in DynamoDB Local, as they would after it in AWS: the clock
    // must not visit cases the loader is still writing with its clock set back, and the stream
    // poller reads DynamoDB Local's stream, where the copied items appear.
    const workers = copied.then(
      async (): Promise<Poller[]> => [
        await streamPoller({
          dynamo: client,
          endpoint: dynamo.endpoint,
          tableName,
          handle: streamHandler,
          onError,
        }),
        every(options.clockIntervalMs ?? 5000, clock, onError),
      ],
    );
    if (!options.serveEarly) await workers;
    stops.push(async () => {
      const pollers = await workers.catch(() => [] as Poller[]);
      await Promise.all(pollers.map((p) => p.stop()));
    });
    return {
      url: `http://${host}:${options.port}`,
      dynamo,
      s3,
      events,
      shown,
      demo: workers.then(() => undefined),
      // Nothing is written in process after the drain, so what is pending is what is unsaved.
      unsaved: () => inProcess?.pendingChanges ?? 0,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The demo loader replays history as the app answered at each instant, asking for the app per
 * request; building it (every route and middleware) once per instant is enough.
 */
function appsAt<A>(appFor: (now?: Date) => A): (now?: Date) => A {
  const atInstant = new Map<number, A>();
  let onTheClock: A | undefined;
  return (now) => {
    if (!now) {
      onTheClock ??= appFor();
      return onTheClock;
    }
    let at = atInstant.get(now.getTime());
    if (!at) {
      if (atInstant.size >= 256) atInstant.clear();
      at = appFor(now);
      atInstant.set(now.getTime(), at);
    }
    return at;
  };
}

/** Runs `packageClosed` after the batch that saw the closings, in order, without the poller waiting. */
function backgroundArchive(
  archive: Pick<ArchiveService, 'packageClosed'>,
  onError: (error: Error) => void,
): Pick<ArchiveService, 'packageClosed'> {
  let queue: Promise<void> = Promise.resolve();
  return {
    packageClosed(records, now) {
      queue = queue.then(() => archive.packageClosed(records, now)).catch(onError);
      return Promise.resolve();
    },
  };
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
