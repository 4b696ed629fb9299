import { createHash, createHmac } from 'node:crypto';
import { type AwsJsonInput, awsJsonCallWith, type Credentials } from './sigv4';

/** Headers SigV4 never signs (as @smithy/signature-v4 leaves them out), and its proxy-/sec- prefixes. */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
/** RFC 3986 escaping, as SigV4 wants it: encodeURIComponent, and !'()* too. */
const escapeUri = (uri: string) =>
  encodeURIComponent(uri).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical URI of a service other than S3: dot segments and empty segments resolved, then escaped. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalised).replace(/%2F/g, '/');
}

/**
 * `signV4` of ./sigv4.ts over node:crypto alone, for the console's one cold-start secret: the
 * console has no DynamoDB client, so the SDK's signer (~13 KB with the Smithy parts it needs) would
 * ride in its bundle for that one call, while the other Lambdas carry it anyway. The same canonical
 * request, headers and signature as `@smithy/signature-v4` with applyChecksum off (only S3 wants the
 * payload hash as a header), checked against AWS's published suite and the SDK signer itself
 * (test/unit/sigv4-node.test.ts).
 * Returns the headers to send: the given ones, host, x-amz-date, the session token and authorization.
 */
export async function signV4(input: {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly region: string;
  readonly service: string;
  readonly credentials: Credentials;
  readonly now: Date;
}): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const { credentials } = input;
  const longDate = input.now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${input.region}/${input.service}/aws4_request`;
  const headers: Record<string, string> = { ...input.headers, host: url.host };
  for (const name of Object.keys(headers)) {
    if (['authorization', 'x-amz-date', 'date'].includes(name.toLowerCase())) delete headers[name];
  }
  headers['x-amz-date'] = longDate;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const given = Object.keys(headers).find((name) => name.toLowerCase() === 'x-amz-content-sha256');
  const payloadHash = given ? (headers[given] as string) : sha256Hex(input.body);
  const canonical: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE.has(lower) || /^(proxy|sec)-/.test(lower)) continue;
    canonical[lower] = (headers[name] as string)
      .replace(/[\r\n]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/^ | $/g, '');
  }
  const signedNames = Object.keys(canonical).sort();
  const signedHeaders = signedNames.join(';');
  const canonicalRequest = [
    'POST',
    canonicalPath(url.pathname || '/'),
    '',
    ...signedNames.map((name) => `${name}:${canonical[name]}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', longDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, shortDate);
  for (const part of [input.region, input.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** `awsJsonCall` of ./sigv4.ts, signed by the node:crypto signer above. */
export const awsJsonCall = <T>(input: AwsJsonInput): Promise<T> => awsJsonCallWith<T>(signV4, input);
