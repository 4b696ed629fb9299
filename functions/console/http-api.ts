import type { Context } from 'aws-lambda';

/** What API Gateway's HTTP API sends a Lambda integration (payload format 2.0, the CDK default). */
export interface HttpApiEvent {
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly cookies?: readonly string[];
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly domainName: string;
    readonly http: { readonly method: string; readonly sourceIp?: string };
  };
}

/** Answers sent as text; everything else (seal imprints as PNG, PDFs, spreadsheets) goes base64. */
const TEXT = /^(text\/|application\/([\w.+-]*json|javascript|xml)|image\/svg)/;

/**
 * The console Lambda's adapter, written out for HTTP API payload 2.0 only: `hono/aws-lambda`
 * (about 5 KB with its API Gateway v1, ALB and VPC Lattice processors) does not fit the console
 * bundle's budget. The app's env is what hono's adapter passes (`event`, `requestContext`,
 * `lambdaContext`): security-event.ts reads the visitor's address from `event.requestContext`.
 */
export function httpApiHandler(app: { fetch(req: Request, env: object): Response | Promise<Response> }) {
  return async (event: HttpApiEvent, lambdaContext: Context) => {
    const { method } = event.requestContext.http;
    const headers = new Headers();
    for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
    // Payload 2.0 takes the Cookie header apart into `cookies`.
    if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
    const body =
      method === 'GET' || method === 'HEAD' || event.body === undefined
        ? undefined
        : event.isBase64Encoded
          ? Buffer.from(event.body, 'base64')
          : event.body;
    const url = `https://${event.requestContext.domainName}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
    const res = await app.fetch(new Request(url, { method, headers, body }), {
      event,
      requestContext: event.requestContext,
      lambdaContext,
    });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (k !== 'set-cookie') out[k] = v;
    });
    const text = TEXT.test(res.headers.get('content-type') ?? 'text/');
    return {
      statusCode: res.status,
      headers: out,
      // Payload 2.0 sends each Set-Cookie from this list (a headers map holds one value per name).
      cookies: res.headers.getSetCookie(),
      body: Buffer.from(await res.arrayBuffer()).toString(text ? 'utf8' : 'base64'),
      isBase64Encoded: !text,
    };
  };
}
