import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createApp, createVerifier, parseWith, staticJwks } from '../../packages/api/src';
import { catalogueFiles } from '../../packages/api/src/catalogue-io';
import {
  type AppServices,
  createServices,
  createSigner,
  localKeyVault,
  type ResultSigner,
} from '../../packages/app/src';
import type { ObjectStore } from '../../packages/app/src/materials/objects';
import { useLocalCredentials } from '../../packages/local/src/dynamo';
import { localDynamoClient } from '../../packages/local/src/dynamo-retries';
import {
  createDevIssuer,
  DEV_AUDIENCE,
  DEV_ISSUER,
  type DevClaims,
  devRoutes,
} from '../../packages/local/src/issuer';
import { ensureTable } from '../../packages/local/src/table';
import { isStoreUnavailable, Store } from '../../packages/store/src';
import { expectContract, operationOf } from './response-contract';

export interface TestApp {
  readonly store: Store;
  readonly services: AppServices;
  readonly app: ReturnType<typeof createApp>;
  readonly signer: ResultSigner;
  /** Moves the app's clock (all requests after see this instant); undefined returns to real time. */
  setNow(at: string | undefined): void;
  token(claims: DevClaims): Promise<string>;
  /** Calls the app as `claims` (or anonymously); JSON bodies are sent as JSON. */
  call(
    as: DevClaims | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on their shape
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

/**
 * A fresh table in the run's DynamoDB Local and an app over it, as the local stack wires it;
 * or the app over `store`, outside vitest (bench/cases.ts).
 */
export async function testApp(
  options: {
    logger?: Logger;
    store?: Store;
    relayKey?: Uint8Array;
    /** Material files (issue 16): the object store, and whether a scanner runs. */
    objects?: ObjectStore;
    scannerless?: boolean;
  } = {},
): Promise<TestApp> {
  const store = options.store ?? (await freshStore());
  const issuer = await createDevIssuer();
  const signer = createSigner(randomBytes(32));
  let now: Date | undefined;
  // Seal keys wrapped by a per-run local key store, as the local stack does.
  const services = createServices({
    store,
    signer,
    vault: localKeyVault(randomBytes(32)),
    ...(options.objects ? { objects: options.objects } : {}),
    ...(options.scannerless ? { scannerless: true } : {}),
  });
  const app = createApp({
    services,
    ...(options.relayKey ? { relayKey: options.relayKey } : {}),
    now: () => now ?? new Date(),
    verify: createVerifier({
      jwks: staticJwks(issuer.publicKeys),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    }),
    logger: options.logger ?? new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    catalogueFiles,
  });
  app.route('/dev', devRoutes(issuer, parseWith));
  const tokens = new Map<string, string>();
  const token = async (claims: DevClaims) => {
    const key = JSON.stringify(claims);
    let t = tokens.get(key);
    if (!t) {
      t = await issuer.issue(claims);
      tokens.set(key, t);
    }
    return t;
  };
  return {
    store,
    services,
    app,
    signer,
    setNow: (at) => {
      now = at === undefined ? undefined : new Date(at);
    },
    token,
    async call(as, method, path, body, headers = {}) {
      const res = await app.request(path, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      const answer = { status: res.status, body: parsed, headers: res.headers };
      // Every JSON answer of a route the contract names is checked against it, in every test.
      if (isJson(res.headers) && path.startsWith('/v1/') && knownOperation(method, path)) {
        expectContract(method, path, answer);
      }
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
      return answer as { status: number; body: any; headers: Headers };
    },
  };
}

const isJson = (headers: Headers) => /^application\/(problem\+)?json/.test(headers.get('content-type') ?? '');

/** A path no route answers (a test of the 404 for unknown paths) has no contract to check. */
function knownOperation(method: string, path: string): boolean {
  try {
    operationOf(method, path);
    return true;
  } catch {
    return false;
  }
}

export async function freshStore(): Promise<Store> {
  useLocalCredentials();
  // One DynamoDB Local serves every file of the run: its lock timeouts are retried (dynamo-retries.ts).
  const client = localDynamoClient(inject('dynamoEndpoint'));
  reportUnavailable(client);
  const tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName);
  return new Store(client, tableName);
}

export const PLATFORM: DevClaims = { sub: 'root', roles: ['platform-admin'] };

/** Creates a city with a district and one of its sub-districts, as a platform admin. */
export async function seedTenancy(t: TestApp): Promise<void> {
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await t.call(PLATFORM, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok('POST', '/v1/cities', { id: 'nanjing', name: '南京市' });
  await ok('POST', '/v1/cities', { id: 'xian', name: '西安市' });
  await ok('POST', '/v1/cities/nanjing/tenants', {
    id: 'nanjing.jiangning',
    name: '江宁区',
    kind: 'district',
  });
  await ok('POST', '/v1/cities/nanjing/tenants', {
    id: 'nanjing.jiangning.dongshan',
    name: '东山街道',
    kind: 'subdistrict',
    parent: 'nanjing.jiangning',
  });
  await ok('POST', '/v1/cities/xian/tenants', { id: 'xian.yanliang', name: '阎良区', kind: 'district' });
  await ok('POST', '/v1/tenants/nanjing.jiangning.dongshan/bodies', {
    code: 'convenience-centre',
    name: '东山街道便民服务中心',
    kind: 'service-centre',
  });
  await ok('POST', '/v1/tenants/nanjing.jiangning/bodies', {
    code: 'civil-affairs',
    name: '江宁区民政局',
    kind: 'department',
  });
}

/**
 * Prints why DynamoDB Local could not serve a request, after the SDK's retries: the app answers
 * only "unavailable" (503), and a test that fails on it should say what the store said.
 */
function reportUnavailable(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isStoreUnavailable(error)) {
          const e = error as Error & {
            code?: string;
            $metadata?: { httpStatusCode?: number; attempts?: number };
          };
          console.error(
            `DynamoDB Local could not serve ${context.commandName}: ${e.name} ${e.code ?? ''} ` +
              `HTTP ${e.$metadata?.httpStatusCode ?? '-'} after ${e.$metadata?.attempts ?? '?'} attempts: ${e.message}`,
          );
        }
        throw error;
      }
    },
    // Inside the store's fault middleware (high), so this sees the SDK's own error.
    { step: 'initialize', priority: 'low', name: 'testReportUnavailable' },
  );
}
