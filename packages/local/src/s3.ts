import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import S3rver, { type KoaContext } from '@20minutes/s3rver';
import { DUMMY_ACCOUNT } from '@20minutes/s3rver/lib/models/account.js';
import S3Error from '@20minutes/s3rver/lib/models/error.js';
import busboy from 'busboy';
import { checkPostPolicy, isDenial, verifySigV4 } from './s3-auth';
import { type RequestVersions, type Retention, requestVersions, VersionedStore } from './s3-versions';

/**
 * The embedded S3 behind `npm start` and the integration tests: s3rver (an npm package, in this
 * process, files on disk) for the S3 wire protocol, and a front door for what the product relies
 * on and s3rver lacks: every request signed, browser POST policies enforced, versioning and Object
 * Lock (s3-versions.ts), If-None-Match, and CORS for the console's upload form. Malware scanning
 * (GuardDuty) has no local counterpart.
 */

export interface LocalS3Options {
  /** Where objects are kept; a temporary folder, removed on stop, without one (`--memory`). */
  readonly dataDir?: string;
  readonly host?: string;
  /** 0 or none: a free port. */
  readonly port?: number;
  readonly bucket?: string;
  /** Origins whose browser uploads (the console's form) may read the answer. */
  readonly corsOrigins?: readonly string[];
}

export interface LocalS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  stop(): Promise<void>;
}

/** Fixed local credentials: the front door knows no other, so nothing unsigned gets in. */
export const LOCAL_S3_CREDENTIALS = {
  accessKeyId: 'onewindow-local',
  secretAccessKey: 'onewindow-local-secret',
};

export async function startS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  const bucket = options.bucket ?? 'onewindow-files';
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onewindow-s3-'));
  const objects = join(root, 'objects');
  mkdirSync(objects, { recursive: true });
  const { accessKeyId, secretAccessKey } = LOCAL_S3_CREDENTIALS;
  // s3rver's own signature check still looks the key up (its result is ignored: see s3-auth.ts).
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  const server = new S3rver({
    address: host,
    port: options.port ?? 0,
    silent: true,
    directory: objects,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const store = new VersionedStore(objects, join(root, 'versions'));
  server.store = store;
  server.context.store = store;
  const secretOf = (id: string) => (id === accessKeyId ? secretAccessKey : undefined);
  server.middleware.unshift(frontDoor(store, secretOf, new Set(options.corsOrigins ?? [])));
  const address = await server.run();
  return {
    endpoint: `http://${host}:${address.port}`,
    bucket,
    region: 'us-east-1',
    credentials: LOCAL_S3_CREDENTIALS,
    stop: async () => {
      server.httpServer?.closeAllConnections();
      await server.close().catch(() => undefined);
      if (!options.dataDir) rmSync(root, { recursive: true, force: true });
    },
  };
}

type Next = () => Promise<void>;

function frontDoor(
  store: VersionedStore,
  secretOf: (id: string) => string | undefined,
  origins: Set<string>,
) {
  return async (ctx: KoaContext, next: Next): Promise<void> => {
    const origin = ctx.get('origin');
    if (origin && origins.has(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Vary', 'Origin');
      ctx.set('Access-Control-Expose-Headers', 'ETag, Location, x-amz-version-id');
    }
    if (ctx.method === 'OPTIONS') {
      // A form upload with a progress listener is preflighted; only the configured origins pass.
      if (!origins.has(origin))
        throw new S3Error('AccessDenied', 'CORSResponse: This CORS request is not allowed.');
      ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, PUT, POST');
      const asked = ctx.get('access-control-request-headers');
      if (asked) ctx.set('Access-Control-Allow-Headers', asked);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    const [rawBucket = '', ...rest] = ctx.path.slice(1).split('/');
    const bucket = decodeURIComponent(rawBucket);
    const key = rest.map(decodeURIComponent).join('/');
    const query = ctx.query;
    if (
      ctx.method === 'POST' &&
      bucket &&
      !key &&
      !('delete' in query) &&
      /^multipart\/form-data/i.test(ctx.get('content-type'))
    )
      return postForm(ctx, bucket, store, secretOf);
    const denial = verifySigV4(
      { method: ctx.method, rawPath: ctx.path, rawQuery: ctx.querystring, headers: ctx.headers },
      secretOf,
      new Date(),
    );
    if (denial) throw new S3Error(denial.code, denial.message);
    if ('uploads' in query || 'uploadId' in query)
      throw new S3Error(
        'NotImplemented',
        'Multipart uploads are not emulated locally (PutObject takes up to 5 GB)',
      );
    if (!key && ('versioning' in query || 'object-lock' in query))
      return bucketSettings(ctx, 'versioning' in query);

    const req: RequestVersions = {};
    if (typeof query.versionId === 'string') req.versionId = query.versionId;
    const mode = ctx.get('x-amz-object-lock-mode');
    const until = ctx.get('x-amz-object-lock-retain-until-date');
    if (ctx.method === 'PUT' && (mode || until)) req.retention = retention(mode, until);
    if (ctx.method === 'PUT' && ctx.get('if-none-match') === '*') req.ifNoneMatch = true;
    if (ctx.method === 'PUT' && ctx.get('x-amz-tagging')) req.tagging = ctx.get('x-amz-tagging');
    const source = ctx.get('x-amz-copy-source');
    if (source.includes('?')) {
      // s3rver reads the whole header as the source key; the version is the front door's.
      const [path, search] = source.split('?');
      req.copySourceVersionId = new URLSearchParams(search).get('versionId') ?? undefined;
      ctx.headers['x-amz-copy-source'] = path;
    }
    if (key && 'retention' in query)
      return requestVersions.run(req, () => objectRetention(ctx, store, bucket, key, req));
    await requestVersions.run(req, next);
    answerVersion(ctx, req);
  };
}

function answerVersion(ctx: KoaContext, req: RequestVersions): void {
  const v = req.version;
  if (!v) return;
  ctx.set('x-amz-version-id', v.id);
  if (v.deleteMarker) ctx.set('x-amz-delete-marker', 'true');
  if (v.retention && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
    ctx.set('x-amz-object-lock-mode', v.retention.mode);
    ctx.set('x-amz-object-lock-retain-until-date', v.retention.until);
  }
}

function retention(mode: string, until: string): Retention {
  const at = Date.parse(until);
  if ((mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') || Number.isNaN(at))
    throw new S3Error(
      'InvalidArgument',
      'Object Lock needs a mode (COMPLIANCE or GOVERNANCE) and a retain-until date',
    );
  if (at <= Date.now()) throw new S3Error('InvalidArgument', 'The retain until date must be in the future!');
  return { mode, until: new Date(at).toISOString() };
}

const xml = (ctx: KoaContext, body: string) => {
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
};

async function readBody(ctx: KoaContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The bucket is always versioned with Object Lock on, as the deployment's bucket is. */
async function bucketSettings(ctx: KoaContext, versioning: boolean): Promise<void> {
  if (ctx.method === 'PUT') {
    await readBody(ctx);
    ctx.status = 200;
    ctx.body = '';
    return;
  }
  xml(
    ctx,
    versioning
      ? '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'
      : '<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>',
  );
}

/** GetObjectRetention / PutObjectRetention. */
async function objectRetention(
  ctx: KoaContext,
  store: VersionedStore,
  bucket: string,
  key: string,
  req: RequestVersions,
) {
  if (ctx.method === 'PUT') {
    const body = await readBody(ctx);
    const tag = (name: string) => body.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1] ?? '';
    req.version = await store.setRetention(bucket, key, retention(tag('Mode'), tag('RetainUntilDate')));
    ctx.status = 200;
    ctx.body = '';
    return answerVersion(ctx, req);
  }
  const entry = await store.resolve(bucket, key);
  if (!entry?.retention) {
    const error = new S3Error(
      'NoSuchObjectLockConfiguration',
      'The specified object does not have a ObjectLock configuration',
    );
    error.status = 404;
    throw error;
  }
  xml(
    ctx,
    `<Retention><Mode>${entry.retention.mode}</Mode><RetainUntilDate>${entry.retention.until}</RetainUntilDate></Retention>`,
  );
}

/**
 * A browser's form upload (presigned POST): the policy is checked before any byte is stored, the
 * size range while the file streams; a refused upload is read to its end so the browser sees the
 * answer, and leaves no version behind.
 */
async function postForm(
  ctx: KoaContext,
  bucket: string,
  store: VersionedStore,
  secretOf: (id: string) => string | undefined,
) {
  const fields: Record<string, string> = { bucket };
  // Buffers of 1 MB rather than Node's 16 KB: a 20 MB file passes in fewer, larger steps.
  const form = busboy({
    headers: ctx.headers,
    highWaterMark: 1024 * 1024,
    fileHwm: 1024 * 1024,
    limits: { files: 1, fields: 50, fieldSize: 64 * 1024 },
  });
  const req: RequestVersions = {};
  let refused: Error | undefined;
  let written: Promise<{ size: number; md5: string }> | undefined;
  let key = '';
  const done = new Promise<void>((ok, fail) => {
    form.on('close', ok);
    form.on('error', (e) =>
      fail(
        new S3Error(
          'MalformedPOSTRequest',
          `The body of your POST request is not well-formed multipart/form-data: ${e.message}`,
        ),
      ),
    );
  });
  form.on('field', (name, value) => {
    if (!written && !refused) fields[name.toLowerCase()] = value;
  });
  form.on('file', (name, file, info) => {
    if (name.toLowerCase() !== 'file' || written || refused) return void file.resume();
    const grant = checkPostPolicy(fields, secretOf, new Date());
    if (isDenial(grant)) {
      refused = new S3Error(grant.code, grant.message);
      return void file.resume();
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal `${filename}`
    key = (fields.key ?? '').replace('${filename}', info.filename);
    const mode = fields['x-amz-object-lock-mode'];
    const until = fields['x-amz-object-lock-retain-until-date'];
    try {
      if (!key) throw new S3Error('InvalidArgument', "Bucket POST must contain a field named 'key'.");
      if (mode || until) req.retention = retention(mode ?? '', until ?? '');
    } catch (e) {
      refused = e as Error;
      return void file.resume();
    }
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    let size = 0;
    let over = false;
    const stop = (error: Error) => {
      over = true;
      refused = error;
      body.destroy(error);
      file.resume();
    };
    // The store may not be reading yet when a limit stops the body: the error is `refused`'s.
    body.on('error', () => undefined);
    body.on('close', () => file.resume());
    file.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > grant.maxBytes)
        return stop(
          new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
            MaxSizeAllowed: grant.maxBytes,
          }),
        );
      if (!body.write(chunk)) {
        file.pause();
        body.once('drain', () => file.resume());
      }
    });
    file.on('end', () => {
      if (over) return;
      if (size < grant.minBytes)
        return stop(
          new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
            MinSizeAllowed: grant.minBytes,
          }),
        );
      body.end();
    });
    const metadata: Record<string, string> = {
      'content-type': fields['content-type'] ?? 'binary/octet-stream',
    };
    for (const [k, v] of Object.entries(fields))
      if (k.startsWith('x-amz-meta-') || k === 'content-disposition' || k === 'cache-control')
        metadata[k] = v;
    written = requestVersions.run(req, () => store.putObject({ bucket, key, content: body, metadata }));
    written.catch(() => undefined);
  });
  ctx.req.pipe(form);
  await done;
  const stored = await written?.catch((e: Error) => e);
  if (refused) throw refused;
  if (!stored) throw new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.');
  if (stored instanceof Error) throw stored;
  const { md5 } = stored;
  const location = `${ctx.get('x-forwarded-proto') || 'http'}://${ctx.get('host')}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  ctx.set('ETag', `"${md5}"`);
  ctx.set('Location', location);
  answerVersion(ctx, req);
  const status = fields.success_action_status;
  const redirect = fields.success_action_redirect ?? fields.redirect;
  if (redirect) {
    // A form without script lands back on the page that sent it, told what was stored.
    const to = new URL(redirect);
    for (const [k, v] of [
      ['bucket', bucket],
      ['key', key],
      ['etag', `"${md5}"`],
    ] as const)
      to.searchParams.set(k, v);
    ctx.status = 303;
    ctx.set('Location', to.href);
    ctx.body = '';
  } else if (status === '201') {
    ctx.status = 201;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    xml(
      ctx,
      `<PostResponse><Location>${esc(location)}</Location><Bucket>${esc(bucket)}</Bucket><Key>${esc(key)}</Key><ETag>"${md5}"</ETag></PostResponse>`,
    );
  } else {
    ctx.status = status === '200' ? 200 : 204;
    ctx.body = '';
  }
}
