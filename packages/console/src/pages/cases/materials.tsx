import type { Progress } from '@onewindow/api/contract';
import { isClosed, MATERIAL_FILE_TYPES, type MaterialFile } from '@onewindow/domain';
import type { Child } from 'hono/jsx';
import { ApiFailure, type ApiResult, type Problem, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { pick } from '../../i18n';
import { ErrorSummary, numberOr, one, readForm, type Values } from '../../ui/form';
import { beijing } from '../../ui/format';
import { Csrf, page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
import { Head } from '../../ui/table';
import { caseHref } from './parts';
import type { CaseView } from './types';

/** A file as `GET …/materials/{code}` lists it (contract/materials.ts; only what the console shows). */
export type FileRow = Omit<MaterialFile, 'tenant' | 'caseNo' | 'code' | 'key'>;
/** An upload refused by its bytes (not PDF/JPEG/PNG/OFD, or over the limit): deleted, listed with why. */
interface Rejected {
  readonly id: string;
  readonly name: string;
  readonly detail: { readonly zh: string; readonly en: string };
}
type FileList = { readonly files: readonly FileRow[]; readonly rejected?: readonly Rejected[] };
/** Each material's files by code; `undefined` where the listing failed (the page still shows). */
export type Listing = Readonly<Record<string, FileList | undefined>>;

/** What `…/reusable` offers for the holder (免提交): verified copies of earlier cases, e-licences. */
interface Reusable {
  readonly files: readonly {
    tenant: string;
    caseNo: string;
    fileId: string;
    name: string;
    materialName: string;
  }[];
  readonly licences: readonly { id: string; name: string }[];
}

/** Each code's files under `base` (the API path of the case; `query` carries the public's code). */
export async function listFiles(
  c: Ctx,
  base: string,
  codes: readonly string[],
  query = '',
): Promise<Listing> {
  const lists = await Promise.all(
    codes.map((code) =>
      c
        .get('api')
        .send<FileList>('GET', `${base}/materials/${seg(code)}${query}`)
        .then((r) => (r.ok ? r.data : undefined)),
    ),
  );
  return Object.fromEntries(codes.map((code, i) => [code, lists[i]]));
}

/** The ids of the files a supplement may provide a material with: usable ones (not pending, not quarantined). */
export const usableFiles = (l: FileList | undefined): string[] =>
  (l?.files ?? []).filter((f) => f.scan === 'clean' || f.scan === 'not-scanned').map((f) => f.id);

export const size = (n: number) =>
  n < 1 << 20 ? `${Math.ceil(n / 1024)} KB` : `${(n / (1 << 20)).toFixed(1)} MB`;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd';

/** One file: its name opens it (the API records the access), version, type, size, scan, who, digests, 核验件. */
export function FileItem({ c, f, href, verify }: { c: Ctx; f: FileRow; href?: string; verify?: string }) {
  const t = c.get('t').materials;
  const who = namesOf(c);
  // A quarantined file is never offered for opening.
  const bad = f.scan === 'infected';
  return (
    <li>
      {href && !bad ? <a href={href}>{f.name}</a> : f.name}
      {` · v${f.version} · ${f.type.split('/')[1]?.toUpperCase()} · ${size(f.size)} · `}
      <span class={`badge ${bad ? 'bad' : f.scan === 'clean' ? 'ok' : 'warn'}`}>{t.scan[f.scan]}</span>
      {` · ${t.channel[f.channel]} · ${who(f.uploadedBy)} ${beijing(f.uploadedAt)}`}
      {f.verified && <strong>{` · ${t.verified}（${who(f.verified.by)} ${beijing(f.verified.at)}）`}</strong>}
      <br />
      <small class="muted">
        SHA-256 {f.sha256} · SM3 {f.sm3}
      </small>
      {verify && !f.verified && !bad && (
        <form method="post" action={verify} class="inline no-print">
          <Csrf c={c} />{' '}
          <button type="submit" class="secondary">
            {t.verify}
          </button>
        </form>
      )}
    </li>
  );
}

/** A material's files (each opening through `at`, 核验 for window staff) and the uploads refused. */
function Files({
  c,
  l,
  at,
  verify,
}: {
  c: Ctx;
  l?: FileList;
  at?: (rest: string) => string;
  verify?: boolean;
}) {
  const t = c.get('t');
  if (!l) return <span class="muted">{t.materials.unavailable}</span>;
  if (!l.files.length && !l.rejected?.length) return <span class="muted">{t.common.none}</span>;
  return (
    <ul>
      {l.files.map((f) => (
        <FileItem
          c={c}
          f={f}
          href={at?.(`/files/${seg(f.id)}`)}
          verify={verify ? at?.(`/files/${seg(f.id)}/verify`) : undefined}
        />
      ))}
      {l.rejected?.map((r) => (
        <li class="bad">
          {r.name} · {pick(c.get('lang'), r.detail.zh, r.detail.en)}
        </li>
      ))}
    </ul>
  );
}

/**
 * 网上申报 on the public progress page: each material still missing, what was sent for it and an
 * upload, with the query code the applicant gave (never in an address).
 */
export async function OnlinePanel({ c, p, code }: { c: Ctx; p: Progress; code: string }) {
  const missing = (p.materials ?? []).filter((m) => !m.provided);
  if (missing.length === 0) return null;
  const t = c.get('t');
  const files = await listFiles(
    c,
    `/v1/public/cases/${seg(p.caseNo)}`,
    missing.map((m) => m.code),
    qs({ code }),
  );
  return (
    <section class="card no-print" aria-labelledby="online-h">
      <h2 id="online-h">{t.materials.online}</h2>
      <p class="hint">{t.materials.types}</p>
      {missing.map((m) => (
        <>
          <h3>{m.name}</h3>
          <Files c={c} l={files[m.code]} />
          <UploadForm
            c={c}
            action={`/console/public/progress/${seg(p.caseNo)}/materials/${seg(m.code)}/uploads`}
            name={m.name}
            id={`up-${m.code}`}
            code={code}
          />
        </>
      ))}
    </section>
  );
}

/**
 * The upload's first step. Sent as a plain (urlencoded) form, the file input carries only the
 * file's name, never its bytes; the answer is the presigned form sending the bytes straight to
 * the bucket. With script (`data-upload`, set only where the bucket's origin is in connect-src),
 * both steps run in the page with a progress bar (ui/assets.ts).
 */
export function UploadForm({
  c,
  action,
  name,
  id,
  code,
}: {
  c: Ctx;
  action: string;
  name: string;
  id: string;
  code?: string;
}) {
  const t = c.get('t').materials;
  return (
    <form
      method="post"
      action={action}
      class="no-print"
      data-upload={c.get('options').uploadOrigins?.length ? t.done.uploaded : undefined}
    >
      <Csrf c={c} />
      {code && <input type="hidden" name="code" value={code} />}
      <label for={id}>{t.pick(name)}</label>{' '}
      <input type="file" id={id} name="file" accept={ACCEPT} required />{' '}
      <button type="submit">{t.upload}</button>
      <progress max={100} value={0} hidden aria-label={t.upload} />
    </form>
  );
}

/** The reuse offer (免提交): the holder's verified copies and e-licences, with the consent box. */
function ReuseForm({ c, action, r }: { c: Ctx; action: string; r: Reusable }) {
  const t = c.get('t');
  const options = [
    ...r.files.map((f) => [
      `file:${f.tenant}|${f.caseNo}|${f.fileId}`,
      `${f.materialName} ${f.name} · ${f.caseNo}`,
    ]),
    ...r.licences.map((l) => [`licence:${l.id}`, `${t.licences.name} ${l.name} · ${l.id}`]),
  ];
  return (
    <form method="post" action={action} class="no-print">
      <Csrf c={c} />
      <fieldset>
        <legend>{t.materials.reuse}</legend>
        {options.map(([value, text], i) => (
          <label class="choice">
            <input type="radio" name="source" value={value} checked={i === 0} /> {text}
          </label>
        ))}
        <label class="choice">
          <input type="checkbox" name="consent" value="yes" required /> {t.materials.consent}
        </label>
      </fieldset>
      <button type="submit" class="secondary">
        {t.materials.consent.split('：')[0]}
      </button>
    </form>
  );
}

export const hasRole = (c: Ctx, role: string) => c.get('session')?.claims.roles.includes(role) ?? false;

/**
 * The 申请材料 panel: each material, whether it is provided, and its files; for window staff an
 * upload per material, 核验 per file and, for a material with no file yet, what can be reused.
 */
export function MaterialsPanel({
  c,
  v,
  files,
  reusable,
}: {
  c: Ctx;
  v: CaseView;
  files: Listing;
  reusable: Readonly<Record<string, Reusable | undefined>>;
}) {
  const t = c.get('t');
  const m = t.materials;
  const clerk = hasRole(c, 'window-clerk') && !isClosed(v.status);
  const done = m.done[c.req.query('files') ?? ''];
  return (
    <section id="materials" class="card" aria-labelledby="materials-h">
      <h2 id="materials-h">{t.cases.materials}</h2>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      {clerk && <p class="hint no-print">{m.types}</p>}
      <table>
        <Head cols={[t.cases.materialName, t.cases.provided, m.files]} />
        <tbody>
          {(v.materials ?? []).map((x) => {
            const at = (rest: string) => caseHref(v, `/materials/${seg(x.code)}${rest}`);
            const offer = reusable[x.code];
            return (
              <tr>
                <td>
                  {x.name}
                  {x.core && ` ${t.catalogue.core}`}
                </td>
                <td>
                  <span class={`badge ${x.provided ? 'ok' : 'bad'}`}>
                    {x.provided ? t.cases.yesProvided : t.cases.missing}
                  </span>
                </td>
                <td>
                  <Files c={c} l={files[x.code]} at={at} verify={clerk} />
                  {clerk && <UploadForm c={c} action={at('/uploads')} name={x.name} id={`up-${x.code}`} />}
                  {clerk && offer && <ReuseForm c={c} action={at('/reuse')} r={offer} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The panel's reads: every material's files and, for window staff, what is reusable for those with none. */
export async function loadMaterials(c: Ctx, path: string, v: CaseView) {
  const codes = (v.materials ?? []).map((m) => m.code);
  const files = await listFiles(c, path, codes);
  const empty =
    hasRole(c, 'window-clerk') && !isClosed(v.status)
      ? codes.filter((k) => files[k]?.files.length === 0)
      : [];
  const offers = await Promise.all(
    empty.map((k) =>
      c
        .get('api')
        .send<Reusable>('GET', `${path}/materials/${seg(k)}/reusable`)
        .then((r) => (r.ok && (r.data.files.length || r.data.licences.length) ? r.data : undefined)),
    ),
  );
  return { files, reusable: Object.fromEntries(empty.map((k, i) => [k, offers[i]])) };
}

/** The presigned upload as `POST …/uploads` answers it. */
interface Presigned {
  readonly url: string;
  readonly fields?: Readonly<Record<string, string>>;
}

/** The upload's request from the first step: the name the file input sent, the type by its extension (script sends both). */
export function uploadBody(values: Values) {
  const name = one(values, 'file');
  const ext = name.split('.').pop()?.toLowerCase();
  const type =
    one(values, 'type') ||
    MATERIAL_FILE_TYPES.find((x) => x.endsWith(`/${ext === 'jpg' ? 'jpeg' : ext}`)) ||
    '';
  const bytes = one(values, 'size');
  return { name, type, ...(bytes ? { size: numberOr(bytes) } : {}) };
}

/**
 * The second step: the presigned form posting the file straight to the bucket (whose origin joins
 * this answer's form-action, security-headers.ts), or the API's problem; `back` leads back.
 */
export function sendPage(c: Ctx, r: ApiResult<Presigned>, name: string, back: Child) {
  const t = c.get('t');
  if (r.ok) c.set('uploadOrigin', new URL(r.data.url).origin);
  return page(
    c,
    t.materials.upload,
    <>
      <h1>{t.materials.upload}</h1>
      {r.ok ? (
        <form method="post" action={r.data.url} enctype="multipart/form-data" class="stack" data-s3="">
          {Object.entries(r.data.fields ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <p>{t.materials.send(name)}</p>
          <label for="send-file">{t.materials.pick(name)}</label>
          {/* Last: S3 ignores every field after the file. */}
          <input type="file" id="send-file" name="file" accept={ACCEPT} required />
          <div>
            <button type="submit">{t.materials.upload}</button>
          </div>
        </form>
      ) : (
        <ErrorSummary c={c} problem={r.problem} fields={['name', 'type', 'size']} />
      )}
      {back}
    </>,
    { status: r.ok ? 200 : r.status },
  );
}

/** Sends the browser on to the short-lived link the API answered, or shows the API's refusal. */
export async function follow(c: Ctx, res: Response, status: 302 | 303 = 302) {
  const to = res.headers.get('location');
  if (to) return c.redirect(to, status);
  const problem = (await res.json().catch(() => ({ title: `HTTP ${res.status}` }))) as Problem;
  throw new ApiFailure({ ...problem, status: res.status });
}

/** The case's materials routes: prepare an upload, open a file, mark a verified copy, reuse one. */
export function materialRoutes() {
  const app = new Hono<ConsoleEnv>();
  const base = '/console/tenants/:tenant/cases/:caseNo/materials/:code';
  const api = (c: Ctx) =>
    `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/cases/${seg(c.req.param('caseNo') ?? '')}/materials/${seg(c.req.param('code') ?? '')}`;
  const back = (c: Ctx, done = '') =>
    `${caseHref({ tenant: c.req.param('tenant') ?? '', caseNo: c.req.param('caseNo') ?? '' })}?files=${done}#materials`;
  /** Sends a change and comes back to the panel, or shows the API's refusal as the page. */
  const act = async (c: Ctx, rest: string, body: unknown, done: string) => {
    const r = await c.get('api').send('POST', `${api(c)}${rest}`, body);
    if (!r.ok) throw new ApiFailure(r.problem);
    return c.redirect(back(c, done), 303);
  };

  app.post(`${base}/uploads`, async (c) => {
    const body = uploadBody((await readForm(c)).values);
    const r = await c.get('api').send<Presigned>('POST', `${api(c)}/uploads`, body);
    return sendPage(
      c,
      r,
      body.name,
      <p>
        <a href={back(c)}>{c.get('t').common.back}</a>
      </p>,
    );
  });
  // The API answers a short-lived link and records the access; the browser follows it.
  app.get(`${base}/files/:id`, async (c) => {
    return follow(
      c,
      await c.get('api').raw(`${api(c)}/files/${seg(c.req.param('id'))}`, { redirect: 'manual' }),
    );
  });
  app.post(`${base}/files/:id/verify`, (c) =>
    act(c, `/files/${seg(c.req.param('id'))}/verify`, {}, 'verified'),
  );
  app.post(`${base}/reuse`, async (c) => {
    const { values } = await readForm(c);
    const [kind, ref = ''] = one(values, 'source').split(/:(.*)/s);
    const [tenant, caseNo, id] = ref.split('|');
    return act(
      c,
      '/reuse',
      {
        ...(kind === 'licence' ? { licence: ref } : { file: { tenant, caseNo, id } }),
        // The clerk ticks the box having asked the applicant; the API records who and when.
        ...(one(values, 'consent') === 'yes' ? { consent: { method: 'signed' } } : {}),
      },
      'reused',
    );
  });
  // 网上申报: the same two steps with the query code; back is the progress page, asked again by POST.
  app.post('/console/public/progress/:caseNo/materials/:code/uploads', async (c) => {
    const { values } = await readForm(c);
    const body = uploadBody(values);
    const caseNo = c.req.param('caseNo');
    const code = one(values, 'code');
    const r = await c
      .get('api')
      .send<Presigned>(
        'POST',
        `/v1/public/cases/${seg(caseNo)}/materials/${seg(c.req.param('code'))}/uploads${qs({ code })}`,
        body,
      );
    return sendPage(
      c,
      r,
      body.name,
      <form method="post" action="/console/public/progress">
        <Csrf c={c} />
        <input type="hidden" name="caseNo" value={caseNo} />
        <input type="hidden" name="code" value={code} />
        <button type="submit" class="secondary">
          {c.get('t').common.back}
        </button>
      </form>,
    );
  });
  return app;
}
