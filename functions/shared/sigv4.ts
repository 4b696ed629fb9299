import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Signs one JSON POST to an AWS service with the SDK's own SigV4 signer. The cases Lambda
 * reads one secret at cold start; the Secrets Manager client for that one call would cost its
 * bundle 13 KB, while the signer already ships inside the DynamoDB client.
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
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    sha256: Hash.bind(null, 'sha256'),
    // Only S3 wants the payload hash as a header; the body is signed through the canonical request either way.
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname || '/',
    headers: { ...input.headers, host: url.host },
    body: input.body,
  });
  const signed = await signer.sign(request, { signingDate: input.now });
  return signed.headers;
}

/** One JSON call to an AWS service (`x-amz-target` protocol), as `awsJsonCall` takes it. */
export interface AwsJsonInput {
  readonly url: string;
  readonly service: string;
  readonly target: string;
  /** What a failure names: the call and what it was for. */
  readonly what: string;
  readonly body: unknown;
  readonly env: NodeJS.ProcessEnv;
  readonly send: typeof fetch;
  readonly now?: Date;
}

/**
 * One JSON call to an AWS service (`x-amz-target` protocol) with the function's own credentials
 * from the environment: the cold-start secret and the seal key vault's KMS calls.
 */
export const awsJsonCall = <T>(input: AwsJsonInput): Promise<T> => awsJsonCallWith<T>(signV4, input);

/**
 * `awsJsonCall` signed by `sign`: the console passes the node:crypto signer (./sigv4-node.ts), so
 * its bundle carries no SDK signer.
 */
export async function awsJsonCallWith<T>(sign: typeof signV4, input: AwsJsonInput): Promise<T> {
  const { env } = input;
  const body = JSON.stringify(input.body);
  const headers = await sign({
    url: input.url,
    body,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': input.target },
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '',
    service: input.service,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    now: input.now ?? new Date(),
  });
  const res = await input.send(input.url, { method: 'POST', headers, body });
  if (!res.ok) throw new Error(`${input.what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
