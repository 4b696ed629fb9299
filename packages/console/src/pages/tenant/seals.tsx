import type { Body, SealView as Seal } from '@onewindow/api/contract';
import { sealImprintSvg } from '@onewindow/domain';
import { SealInput, VoidSealInput } from '../../../../api/src/schemas';
import { type Problem, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import {
  ErrorSummary,
  empty,
  type FormState,
  fieldId,
  one,
  readForm,
  SelectField,
  TextField,
} from '../../ui/form';
import { formRoute, PREVIEW_FIELD } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, fromLocalInput, toLocalInput } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
import { listBodies } from './bodies';

const STATUS_CLASS: Readonly<Record<string, string>> = { valid: 'ok', pending: 'warn', void: 'bad' };
const imprintSrc = (tenant: string, id: string) =>
  `/console/tenants/${seg(tenant)}/seals/${seg(id)}/imprint.svg`;
/** Typed text drawn into a preview is cut to what a seal could hold. */
const clip = (s: string | undefined, n: number) => [...(s ?? '').trim()].slice(0, n).join('');
const bodyNameOf = (bodies: readonly Body[], code: string) =>
  bodies.find((b) => b.code === code || b.ref === code)?.name ?? code;

/**
 * The imprint a seal would have, before it is registered: drawn by the same pure function the
 * API draws registered imprints and printed results with, for the typed body and name.
 */
export function previewImprint(bodies: readonly Body[], q: { body?: string; name?: string; id?: string }) {
  return sealImprintSvg({
    bodyName: clip(bodyNameOf(bodies, q.body ?? ''), 40),
    sealName: clip(q.name, 20),
    id: clip(q.id, 40) || 'preview',
  });
}

/** The registration form's imprint preview (shown after 预览印模; script keeps it following the typing). */
function PreviewFigure({
  c,
  tenant,
  s,
  bodies,
}: {
  c: Ctx;
  tenant: string;
  s: FormState;
  bodies: readonly Body[];
}) {
  const t = c.get('t');
  const body = one(s.values, 'body');
  const name = one(s.values, 'name');
  return (
    <figure class="imprint-preview" id="imprint-preview" data-live-preview>
      <img
        class="imprint"
        src={`/console/tenants/${seg(tenant)}/seals/preview.svg${qs({ body, name: clip(name, 20), id: one(s.values, 'id') })}`}
        alt={t.seals.previewAlt(bodyNameOf(bodies, body), name)}
        width="144"
        height="144"
      />
      <figcaption>
        <strong>{t.seals.previewTitle}</strong>
        <br />
        <span class="muted">{t.seals.previewNote}</span>
      </figcaption>
    </figure>
  );
}

/** One seal: its imprint (drawn by the API), its facts, and the form that voids it. */
function SealCard({
  c,
  tenant,
  s,
  seals,
  voidState,
}: {
  c: Ctx;
  tenant: string;
  s: Seal;
  seals: readonly Seal[];
  voidState?: FormState;
}) {
  const t = c.get('t');
  const now = c.get('options').now?.() ?? new Date();
  const state: FormState = { ...(voidState ?? { values: { at: toLocalInput(now) } }), scope: `void-${s.id}` };
  const spec = formSpec(VoidSealInput);
  return (
    <article class="card" aria-labelledby={`seal-${s.id}`}>
      <h2 id={`seal-${s.id}`}>{s.name}</h2>
      <img
        class="imprint"
        src={imprintSrc(tenant, s.id)}
        alt={t.seals.imprintAlt(s.name)}
        width="144"
        height="144"
      />
      <dl class="facts">
        <dt>{t.seals.id}</dt>
        <dd>
          <code>{s.id}</code>
        </dd>
        <dt>{t.seals.status}</dt>
        <dd>
          <span class={`badge ${STATUS_CLASS[s.status] ?? ''}`}>{label(t, 'sealStatus', s.status)}</span>
        </dd>
        <dt>{t.seals.body}</dt>
        <dd>{namesOf(c)(s.body)}</dd>
        <dt>{t.seals.kind}</dt>
        <dd>{s.electronic ? t.seals.electronic : t.seals.physical}</dd>
        <dt>{t.seals.validFrom}</dt>
        <dd>{beijing(s.validFrom)}</dd>
        {s.voidedAt && (
          <>
            <dt>{t.seals.voidedAt}</dt>
            <dd>{beijing(s.voidedAt)}</dd>
          </>
        )}
        {s.successor && (
          <>
            <dt>{t.seals.successor}</dt>
            <dd>{namesOf(c)(s.successor)}</dd>
          </>
        )}
      </dl>
      {!s.voidedAt && (
        <details class="no-print" open={voidState !== undefined}>
          <summary>{t.seals.voidTitle}</summary>
          <form
            method="post"
            action={`/console/tenants/${seg(tenant)}/seals/${seg(s.id)}/void`}
            class="stack"
          >
            <ErrorSummary c={c} problem={voidState?.problem} fields={fieldNames(spec)} scope={state.scope} />
            <Csrf c={c} />
            {/* Typed in Beijing time; the route sends the instant the API takes. */}
            <TextField
              c={c}
              state={state}
              spec={fieldOf(spec, 'at')}
              type="datetime-local"
              step="1"
              label={t.seals.voidAt}
            />
            <SelectField
              c={c}
              state={state}
              spec={fieldOf(spec, 'successor')}
              label={t.seals.successor}
              blank={t.seals.noSuccessor}
              options={seals
                .filter((x) => x.id !== s.id)
                .map((x) => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
            />
            <button type="submit" class="danger" data-confirm={t.seals.voidConfirm}>
              {t.seals.voidButton}
            </button>
          </form>
        </details>
      )}
    </article>
  );
}

async function sealsPage(c: Ctx, state: FormState, status = 200, voiding?: { id: string; state: FormState }) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const [{ items }, bodies] = await Promise.all([
    c.get('api').get<{ items: Seal[] }>(`/v1/tenants/${seg(tenant)}/seals`),
    listBodies(c, tenant),
  ]);
  const now = c.get('options').now?.() ?? new Date();
  // Cards name a seal's body and successor: the names this page already read.
  namesOf(c).learn(
    Object.fromEntries([...bodies.map((b) => [b.ref, b.name]), ...items.map((x) => [x.id, x.name])]),
  );
  const s: FormState = { ...state, values: { validFrom: toLocalInput(now), ...state.values } };
  const ok = c.req.query('ok');
  const spec = formSpec(SealInput);
  const electronic = fieldOf(spec, 'electronic');
  return page(
    c,
    t.seals.title,
    <>
      <h1>{t.seals.title}</h1>
      <Done text={ok === 'created' ? t.seals.created : ok === 'voided' ? t.seals.voided : undefined} />
      {items.length === 0 && <p>{t.seals.none}</p>}
      <div class="grid">
        {items.map((x) => (
          <SealCard
            c={c}
            tenant={tenant}
            s={x}
            seals={items}
            voidState={voiding?.id === x.id ? voiding.state : undefined}
          />
        ))}
      </div>
      <h2 id="new-seal">{t.seals.create}</h2>
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/seals`}
        class="stack card"
        aria-labelledby="new-seal"
      >
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField c={c} state={s} spec={fieldOf(spec, 'id')} label={t.seals.id} hint={t.hints.id} />
        <SelectField
          c={c}
          state={s}
          spec={fieldOf(spec, 'body')}
          label={t.seals.body}
          options={bodies.map((b) => ({ value: b.code, label: `${b.name}（${b.code}）` }))}
        />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'name')}
          label={t.seals.name}
          hint={t.seals.nameHint}
        />
        {/* Typed in Beijing time; the route sends the instant the API takes. */}
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'validFrom')}
          type="datetime-local"
          step="1"
          label={t.seals.validFrom}
        />
        {/* A boolean: ticked sends true, unticked (absent from the form) false. */}
        <label class="choice" for={fieldId(electronic.name)}>
          <input
            id={fieldId(electronic.name)}
            type="checkbox"
            name={electronic.name}
            value="true"
            checked={s.values[electronic.name] === 'true'}
          />
          <span>{t.seals.electronicLabel}</span>
        </label>
        {state.values[PREVIEW_FIELD] !== undefined && (
          <PreviewFigure c={c} tenant={tenant} s={s} bodies={bodies} />
        )}
        <div class="actions">
          <button type="submit">{t.seals.create}</button>
          <button
            type="submit"
            class="secondary"
            name={PREVIEW_FIELD}
            value="1"
            formaction={`/console/tenants/${seg(tenant)}/seals#imprint-preview`}
            formnovalidate
          >
            {t.seals.preview}
          </button>
        </div>
      </form>
    </>,
    { status },
  );
}

/** Tenant administrators: seals with their imprints, registering and voiding them (R3). */
export function sealRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/seals', {
    render: (c, state, status) => sealsPage(c, state, status),
    preview: true,
    request: (c, v) => ({
      method: 'POST',
      path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/seals`,
      body: {
        id: one(v, 'id'),
        body: one(v, 'body'),
        name: one(v, 'name'),
        validFrom: fromLocalInput(one(v, 'validFrom')),
        electronic: v.electronic === 'true',
      } satisfies BodyOf<typeof SealInput>,
    }),
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/seals?ok=created`,
  });
  app.post('/console/tenants/:tenant/seals/:id/void', async (c) => {
    const tenant = c.req.param('tenant');
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const successor = one(values, 'successor');
    const body = {
      at: fromLocalInput(one(values, 'at')),
      ...(successor ? { successor } : {}),
    } satisfies BodyOf<typeof VoidSealInput>;
    const r = await c.get('api').send('POST', `/v1/tenants/${seg(tenant)}/seals/${seg(id)}/void`, body);
    if (r.ok) return c.redirect(`/console/tenants/${seg(tenant)}/seals?ok=voided`, 303);
    const problem: Problem = r.problem;
    return sealsPage(c, empty, r.status, { id, state: { values, problem } });
  });
  // A seal not yet registered: its imprint for the typed body and name.
  app.get('/console/tenants/:tenant/seals/preview.svg', async (c) => {
    const bodies = await listBodies(c, c.req.param('tenant'));
    const svg = previewImprint(bodies, {
      body: c.req.query('body'),
      name: c.req.query('name'),
      id: c.req.query('id'),
    });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' });
  });
  // The imprint is drawn by the API; the browser has no bearer token, so the console fetches it with the session's.
  app.get('/console/tenants/:tenant/seals/:id/imprint.svg', async (c) => {
    const res = await c
      .get('api')
      .raw(imprintSrc(c.req.param('tenant'), c.req.param('id')).replace('/console', '/v1'));
    if (!res.ok) return c.body(null, res.status === 404 ? 404 : 502);
    return c.body(await res.text(), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'private, max-age=60',
    });
  });
  return app;
}
