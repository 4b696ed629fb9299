import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The pure half of the embedded S3's front door (s3.ts): SigV4 checks and the POST policy, as S3
 * documents them. s3rver's own check cannot be used: it canonicalises `/bucket/` as `/bucket`, so
 * every bucket-level call from the current SDK fails, and it lets unsigned requests through.
 */

export interface S3Denial {
  readonly code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'InvalidArgument';
  readonly message: string;
}

const deny = (code: S3Denial['code'], message: string): S3Denial => ({ code, message });

/** SigV4's signing key: the secret narrowed to a day, a region and a service. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const step = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return step(step(step(step(`AWS4${secret}`, date), region), service), 'aws4_request');
}

const hmacHex = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest('hex');
const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** RFC 3986 escaping, as SigV4 canonicalises query names and values. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20260101T000000Z` → Date (SigV4's basic ISO 8601). */
export function amzDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export interface SignedRequest {
  readonly method: string;
  /** The path as sent (still percent-encoded): S3 signs it as it came. */
  readonly rawPath: string;
  /** The query as sent, without the `?`. */
  readonly rawQuery: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Checks a request signed with SigV4 in the Authorization header or in the query (a presigned URL);
 * an unsigned request is refused, as a bucket with no public access refuses it.
 */
export function verifySigV4(
  req: SignedRequest,
  secretOf: (accessKeyId: string) => string | undefined,
  now: Date,
): S3Denial | undefined {
  const query = req.rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
      return [decodeURIComponent(k), decodeURIComponent(v)] as const;
    });
  const q = new Map(query);
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const auth = header('authorization');
  let credential: string;
  let signedHeaders: string[];
  let signature: string;
  let time: Date | undefined;
  let payload: string;
  if (auth) {
    const m = auth.match(
      /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/,
    );
    if (!m) return deny('AccessDenied', 'Only AWS4-HMAC-SHA256 Authorization headers are accepted');
    credential = m[1] ?? '';
    signature = m[3] ?? '';
    signedHeaders = (m[2] ?? '').split(';');
    time = amzDate(header('x-amz-date'));
    payload = header('x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD';
    if (!time || Math.abs(now.getTime() - time.getTime()) > 15 * 60_000)
      return deny('AccessDenied', 'The request time is missing or too far from the server time');
  } else if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = q.get('X-Amz-Credential') ?? '';
    signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
    signature = q.get('X-Amz-Signature') ?? '';
    time = amzDate(q.get('X-Amz-Date'));
    payload = 'UNSIGNED-PAYLOAD';
    const expires = Number(q.get('X-Amz-Expires'));
    if (!time || !(expires > 0 && expires <= 604_800))
      return deny('AccessDenied', 'X-Amz-Date and X-Amz-Expires (1..604800) are required');
    if (now.getTime() > time.getTime() + expires * 1000) return deny('AccessDenied', 'Request has expired');
  } else {
    return deny('AccessDenied', 'Anonymous access is refused: sign the request (SigV4)');
  }
  const [accessKeyId = '', day, region, service, terminator] = credential.split('/');
  const secret = secretOf(accessKeyId);
  if (!secret)
    return deny('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (!day || !region || service !== 's3' || terminator !== 'aws4_request')
    return deny('AccessDenied', 'The credential scope is malformed');
  const canonicalQuery = query
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((h) => `${h}:${(header(h) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonical = [
    req.method,
    req.rawPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    payload,
  ].join('\n');
  const stamp = (auth ? header('x-amz-date') : q.get('X-Amz-Date')) ?? '';
  const toSign = [
    'AWS4-HMAC-SHA256',
    stamp,
    `${day}/${region}/${service}/aws4_request`,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const expected = hmacHex(signingKey(secret, day, region, service), toSign);
  return sameHex(expected, signature)
    ? undefined
    : deny(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
}

/** What a POST form's policy allows, once its signature and conditions are checked. */
export interface PolicyGrant {
  readonly minBytes: number;
  readonly maxBytes: number;
}

type Condition = Record<string, string> | [string, string, string | number, (string | number)?];

/** Form fields S3 exempts from "every field needs a condition". */
const EXEMPT = new Set(['x-amz-signature', 'file', 'policy']);

/**
 * Checks a browser POST upload's form (field names lower-cased, the bucket added as `bucket`)
 * against its signed policy, before any byte of the file is stored: signature, expiry, and that
 * every field matches a condition and every condition a field. The size range is returned for the
 * caller to hold the file to while it streams.
 */
export function checkPostPolicy(
  fields: Readonly<Record<string, string>>,
  secretOf: (accessKeyId: string) => string | undefined,
  now: Date,
): PolicyGrant | S3Denial {
  const policy = fields.policy;
  if (!policy)
    return deny('AccessDenied', 'Bucket POST must contain a policy (anonymous uploads are refused)');
  if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256')
    return deny('InvalidArgument', 'Only AWS4-HMAC-SHA256 POST policies are accepted');
  const [accessKeyId = '', day, region, service] = (fields['x-amz-credential'] ?? '').split('/');
  const secret = secretOf(accessKeyId);
  if (!secret || !day || !region || !service)
    return deny('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const expected = hmacHex(signingKey(secret, day, region, service), policy);
  if (!sameHex(expected, fields['x-amz-signature'] ?? ''))
    return deny(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  let doc: { expiration?: string; conditions?: Condition[] };
  try {
    doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return deny('InvalidArgument', 'The policy is not valid base64-encoded JSON');
  }
  const expiry = Date.parse(doc.expiration ?? '');
  if (!(expiry > now.getTime())) return deny('AccessDenied', 'Invalid according to Policy: Policy expired.');
  let minBytes = 0;
  let maxBytes = Number.POSITIVE_INFINITY;
  const covered = new Set<string>();
  const failed = (c: Condition) =>
    deny('AccessDenied', `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(c)}`);
  for (const c of doc.conditions ?? []) {
    if (Array.isArray(c)) {
      const [op, target, value, high] = c;
      if (op === 'content-length-range') {
        minBytes = Number(target);
        maxBytes = Number(value);
        continue;
      }
      const name = String(target).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const actual = fields[name] ?? '';
      const ok =
        op === 'eq'
          ? actual === String(value)
          : op === 'starts-with'
            ? actual.startsWith(String(value))
            : false;
      if (!ok || high !== undefined) return failed(c);
    } else {
      for (const [k, v] of Object.entries(c)) {
        const name = k.toLowerCase();
        covered.add(name);
        if ((fields[name] ?? '') !== v) return failed({ [k]: v });
      }
    }
  }
  for (const name of Object.keys(fields)) {
    if (EXEMPT.has(name) || name.startsWith('x-ignore-') || covered.has(name)) continue;
    return deny('AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
  }
  return { minBytes, maxBytes };
}

export const isDenial = (x: PolicyGrant | S3Denial): x is S3Denial => 'code' in x;
