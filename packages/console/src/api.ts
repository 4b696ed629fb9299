import type { ProblemEntry } from '@onewindow/api/contract';
import { CLIENT_RELAY_HEADER } from '@onewindow/domain';
import type { ApiLike } from './options';

/** An entry of a problem's `errors` (the API's contract): a field's `pointer`, or a spreadsheet row and column. */
export type ProblemError = ProblemEntry;

/**
 * An RFC 9457 problem as the API answers it (the contract's `Problem`), with what the console
 * cannot count on when an answer was not a problem at all (a gateway's 502) left optional.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly titleEn?: string;
  readonly status: number;
  readonly detail?: string;
  readonly detailEn?: string;
  readonly errors?: readonly ProblemError[];
  readonly [extension: string]: unknown;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly problem: Problem };

/** The token was refused (expired, revoked): the person signs in again. */
export class SignInRequired extends Error {
  override readonly name = 'SignInRequired';
}

/** A read the page cannot do without (not found, forbidden…): the console shows the problem as a page. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(readonly problem: Problem) {
    super(problem.detailEn ?? problem.titleEn ?? problem.title);
  }
}

function asProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') {
    return { ...(body as Problem), status };
  }
  return { type: 'about:blank', title: `HTTP ${status}`, titleEn: `HTTP ${status}`, status };
}

export interface ConsoleApi {
  /** Sends a request; a problem comes back as `{ok: false}` for the page to show beside its fields. */
  send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult<T>>;
  /** A read the page needs: a problem throws ApiFailure (or SignInRequired on 401). */
  get<T>(path: string): Promise<T>;
  /** The raw answer, for media the console passes through (SVG imprints, exported spreadsheets). */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

/** An API client for one request, carrying the session's token (or none, for public routes). */
export function consoleApi(
  api: ApiLike,
  token: string | undefined,
  requestId?: string,
  /** The relay header naming the visitor (domain/client-relay.ts), when the console holds the key. */
  client?: string,
): ConsoleApi {
  const headers = (extra: Record<string, string> = {}) => ({
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(requestId ? { 'x-request-id': requestId } : {}),
    ...(client ? { [CLIENT_RELAY_HEADER]: client } : {}),
    ...extra,
  });
  const raw = async (path: string, init: RequestInit = {}) => {
    const res = await api.request(path, { ...init, headers: { ...headers(), ...(init.headers as object) } });
    if (res.status === 401 && token) throw new SignInRequired();
    return res;
  };
  const send = async <T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<ApiResult<T>> => {
    const init: RequestInit =
      body === undefined
        ? { method, headers: extra }
        : body instanceof FormData
          ? { method, body, headers: extra }
          : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...extra } };
    const res = await raw(path, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.ok) return { ok: true, status: res.status, data: parsed as T };
    return { ok: false, status: res.status, problem: asProblem(res.status, parsed) };
  };
  return {
    send,
    raw,
    async get<T>(path: string) {
      const r = await send<T>('GET', path);
      if (!r.ok) throw new ApiFailure(r.problem);
      return r.data;
    },
  };
}

/** Query strings for API paths, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(
    (e): e is [string, string | number] => e[1] !== undefined && e[1] !== '',
  );
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)]))}`;
}

/** A path segment from user input (ids are [a-z0-9.-], but a typed URL may hold anything). */
export const seg = (s: string) => encodeURIComponent(s);
