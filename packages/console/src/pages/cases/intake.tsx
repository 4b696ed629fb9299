import type { GuideMatter, IntakeReceipt } from '@onewindow/api/contract';
import { getCookie, setCookie } from 'hono/cookie';
import { IntakeInput } from '../../../../api/src/case-schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { COOKIE_PATH } from '../../session';
import {
  ChoiceGroup,
  ErrorSummary,
  empty,
  type FormState,
  many,
  one,
  readForm,
  SelectField,
  TextField,
  type Values,
} from '../../ui/form';
import { PREVIEW_FIELD } from '../../ui/form-route';
import { fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { beijingDate } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { matches, searchKeys } from '../../ui/pinyin';
import { Submit } from '../../ui/table';
import { bodyNames } from '../tenant/bodies';
import { listMatters } from '../tenant/matters';
import { CommitmentFields, commitmentOf } from './commitment';
import { HOLDER_FINDINGS_ID, HolderFindingsNotice, lookUpHolderFindings } from './holder-findings';
import { HolderLicences, lookUpHolder } from './holder-licences';
import type { IntakeFlash } from './types';

const FLASH = 'ow_intake';
/** The clerk's window number (窗口号), remembered from their last intake. */
const WINDOW_COOKIE = 'ow_window';

export function readFlash(c: Ctx, caseNo: string): string | undefined {
  const raw = getCookie(c, FLASH);
  if (!raw) return undefined;
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as IntakeFlash;
    return f.caseNo === caseNo ? f.queryCode : undefined;
  } catch {
    return undefined;
  }
}

const FIELDS = [
  'matter',
  'item',
  'applicant',
  'agent',
  'window',
  'greenChannel',
  'delivery',
  'materials',
  'commitment',
];

/** A count typed in the form, when one was: 0–99. */
const countOf = (values: Values, name: string): number | undefined => {
  const v = one(values, name);
  return /^\d{1,2}$/.test(v) ? Number(v) : undefined;
};

/** The API's intake body from the form: every material of the matter, ticked or not. */
export function intakeInput(values: Values, materialCodes: readonly string[]): Record<string, unknown> {
  const provided = new Set(many(values, 'materials'));
  const item = one(values, 'item');
  return {
    matter: one(values, 'matter'),
    ...(item ? { item } : {}),
    applicant: {
      kind: one(values, 'applicant.kind'),
      name: one(values, 'applicant.name'),
      idNumber: one(values, 'applicant.idNumber'),
      ...(one(values, 'applicant.phone') ? { phone: one(values, 'applicant.phone') } : {}),
      ...(one(values, 'applicant.address') ? { address: one(values, 'applicant.address') } : {}),
    },
    ...(one(values, 'agent.name') || one(values, 'agent.idNumber')
      ? {
          agent: {
            name: one(values, 'agent.name'),
            idNumber: one(values, 'agent.idNumber'),
            ...(one(values, 'agent.phone') ? { phone: one(values, 'agent.phone') } : {}),
          },
        }
      : {}),
    ...(one(values, 'delivery') ? { delivery: one(values, 'delivery') } : {}),
    ...(one(values, 'window') ? { window: one(values, 'window') } : {}),
    // 绿色通道: the box ticked, with the reason (an empty reason is the API's 400).
    ...(one(values, 'greenChannel') ? { greenChannel: { reason: one(values, 'greenChannel.reason') } } : {}),
    materials: materialCodes.map((code) => {
      const originals = countOf(values, `originals.${code}`);
      const copies = countOf(values, `copies.${code}`);
      return {
        code,
        provided: provided.has(code),
        ...(originals !== undefined ? { originals } : {}),
        ...(copies !== undefined ? { copies } : {}),
      };
    }),
    ...commitmentOf(values),
  };
}

/**
 * The matter picker: found by name, pinyin initials, department or code, the most used first
 * (this window's recent cases). Without script the search is a GET and the list comes back
 * filtered; with it the list filters as one types (data-filter, ui/assets.ts).
 */
async function chooseMatter(c: Ctx) {
  const t = c.get('t');
  const f = t.intakeForm;
  const tenant = c.req.param('tenant') ?? '';
  const q = (c.req.query('q') ?? '').trim();
  const [items, recent] = await Promise.all([
    listMatters(c, tenant),
    c
      .get('api')
      .send<{ items: { matter: string }[] }>('GET', `/v1/tenants/${seg(tenant)}/cases?limit=100`)
      .then((r) => (r.ok ? r.data.items : [])),
  ]);
  const names = await bodyNames(c, [...new Set(items.map((m) => m.authority.body.split('/')[0] ?? tenant))]);
  const used = new Map<string, number>();
  for (const r of recent) used.set(r.matter, (used.get(r.matter) ?? 0) + 1);
  const rows = items
    .map((m) => {
      const department = names(m.authority.body);
      return { m, department, keys: searchKeys(m.name, m.code, department) };
    })
    .sort(
      (a, b) =>
        (used.get(b.m.code) ?? 0) - (used.get(a.m.code) ?? 0) || a.m.name.localeCompare(b.m.name, 'zh'),
    );
  const shown = q ? rows.filter((r) => matches(r.keys, q)) : rows;
  const href = (code: string) => `/console/tenants/${seg(tenant)}/intake?matter=${encodeURIComponent(code)}`;
  return page(
    c,
    t.intake.title,
    <>
      <h1>{t.intake.title}</h1>
      <form method="get" class="stack card">
        <label for="matter-q">{f.search}</label>
        <p id="matter-q-hint" class="hint">
          {f.searchHint}
        </p>
        <input
          id="matter-q"
          type="search"
          name="q"
          value={q}
          autocomplete="off"
          aria-describedby="matter-q-hint"
          data-filter="matter-list"
        />
        <Submit label={f.searchButton} />
      </form>
      <p aria-live="polite">
        {q ? (shown.length ? f.results(shown.length) : f.noResults) : t.intake.chooseHint(items.length)}
      </p>
      {!q && used.size > 0 && <h2>{f.mostUsed}</h2>}
      <ul id="matter-list" class="picker">
        {shown.map((r) => (
          <li data-keys={r.keys}>
            <a href={href(r.m.code)}>{r.m.name}</a>{' '}
            <span class="hint">
              {r.department} · {r.m.code}
            </span>
          </li>
        ))}
      </ul>
    </>,
  );
}

async function intakeForm(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const code = one(state.values, 'matter') || c.req.query('matter') || '';
  if (!code) return chooseMatter(c);
  const m = await c.get('api').get<GuideMatter>(`/v1/public/${seg(tenant)}/guide/${seg(code)}`);
  const now = c.get('options').now?.() ?? new Date();
  const values: Values = {
    matter: code,
    'applicant.kind': 'person',
    delivery: 'window',
    // The clerk's window, as they gave it at their last intake on this browser.
    ...(getCookie(c, WINDOW_COOKIE) ? { window: getCookie(c, WINDOW_COOKIE) ?? '' } : {}),
    'commitment.supplementBy': beijingDate(new Date(now.getTime() + 7 * 86_400_000)),
    ...state.values,
  };
  const s: FormState = { ...state, values };
  const spec = formSpec(IntakeInput);
  const kind = fieldOf(spec, 'applicant.kind');
  const delivery = fieldOf(spec, 'delivery');
  const f = t.intakeForm;
  const nonCore = m.materials.filter((x) => !x.core);
  // 免提交: the holder's e-licences, asked for by the panel's own lookup.
  // 审管联动 (issue 15): the findings on the applicant's earlier cases, once a valid number is typed
  // (or looked up in the licence panel).
  const [licences, findings] = await Promise.all([
    lookUpHolder(c, tenant, c.req.query('holder') ?? ''),
    lookUpHolderFindings(c, tenant, one(values, 'applicant.idNumber') || (c.req.query('holder') ?? '')),
  ]);
  return page(
    c,
    t.intake.formTitle(m.name),
    <>
      <p class="no-print">
        <a href={`/console/tenants/${seg(tenant)}/intake`}>{t.intake.back}</a>
      </p>
      <h1>{t.intake.formTitle(m.name)}</h1>
      <p>
        {m.implementingBody.name} ·{' '}
        {m.onTheSpot ? t.catalogue.onTheSpotCase : t.common.workingDays(m.promisedDays)}
      </p>
      <form method="post" action={`/console/tenants/${seg(tenant)}/intake`} class="stack card">
        <ErrorSummary c={c} problem={state.problem} fields={FIELDS} />
        <Csrf c={c} />
        <input type="hidden" name={fieldOf(spec, 'matter').name} value={code} />
        {m.items.length > 1 && (
          <SelectField
            c={c}
            state={s}
            spec={fieldOf(spec, 'item')}
            label={t.intake.item}
            options={m.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
          />
        )}
        <ChoiceGroup
          c={c}
          state={s}
          spec={kind}
          label={t.intake.applicantKind}
          radio
          options={optionsOf(kind, (k) => label(t, 'applicantKind', k))}
        />
        <TextField c={c} state={s} spec={fieldOf(spec, 'applicant.name')} label={t.intake.applicantName} />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'applicant.idNumber')}
          label={t.intake.idNumber}
          hint={t.intake.idHint}
        />
        <HolderFindingsNotice c={c} found={findings} />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'applicant.phone')}
          label={t.intake.phone}
          hint={t.intake.phoneHint}
        />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'applicant.address')}
          label={f.address}
          hint={f.addressHint}
        />
        <fieldset class="stack">
          <legend>{f.agent}</legend>
          <TextField c={c} state={s} name="agent.name" label={f.agentName} />
          <TextField c={c} state={s} name="agent.idNumber" label={f.agentId} hint={f.agentIdHint} />
          <TextField c={c} state={s} name="agent.phone" label={f.agentPhone} />
        </fieldset>
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'window')}
          label={f.window}
          hint={f.windowHint}
          autocomplete="off"
        />
        <ChoiceGroup
          c={c}
          state={s}
          name="greenChannel"
          label={t.caseActions.joint.green}
          options={[{ value: '1', label: t.caseActions.joint.green }]}
        />
        <TextField c={c} state={s} name="greenChannel.reason" label={t.caseActions.joint.greenReason} />
        <ChoiceGroup
          c={c}
          state={s}
          spec={delivery}
          label={f.delivery}
          radio
          options={optionsOf(delivery, (d) => f.deliveries[d] ?? d)}
        />
        <ChoiceGroup
          c={c}
          state={s}
          spec={fieldOf(spec, 'materials')}
          label={t.intake.materials}
          hint={t.intake.materialsHint}
          options={m.materials.map((x) => ({
            value: x.code,
            label: `${x.name}${x.core ? ` ${t.catalogue.core}` : ''}`,
          }))}
        />
        <details>
          <summary>{f.counts}</summary>
          <div class="stack">
            {m.materials.map((x) => (
              <>
                <TextField
                  c={c}
                  state={s}
                  name={`originals.${x.code}`}
                  label={f.originals(x.name)}
                  type="number"
                  min="0"
                  max="99"
                />
                <TextField
                  c={c}
                  state={s}
                  name={`copies.${x.code}`}
                  label={f.copies(x.name)}
                  type="number"
                  min="0"
                  max="99"
                />
              </>
            ))}
          </div>
        </details>
        {nonCore.length > 0 && <CommitmentFields c={c} state={s} spec={spec} materials={nonCore} />}
        {/* The intake first, so Enter takes the application. Without script the clerk asks for the
            findings with the second button; with it the notice follows the typing. */}
        <div class="actions">
          <button type="submit">{t.intake.submit}</button>
          <button
            type="submit"
            class="secondary no-print"
            name={PREVIEW_FIELD}
            value="1"
            formaction={`/console/tenants/${seg(tenant)}/intake#${HOLDER_FINDINGS_ID}`}
            formnovalidate
          >
            {t.liaisons.findings.check}
          </button>
        </div>
      </form>
      <HolderLicences c={c} matter={code} found={licences} />
    </>,
    { status },
  );
}

/** Window clerks: choose a matter of the empowered list, tick the checklist, take the application. */
export function intakeRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/intake', (c) => intakeForm(c, empty, 200));
  app.post('/console/tenants/:tenant/intake', async (c) => {
    const tenant = c.req.param('tenant');
    const { values } = await readForm(c);
    // The findings check (or the live preview) shows the form again and takes no application.
    if (values[PREVIEW_FIELD] !== undefined) return intakeForm(c, { values }, 200);
    const code = one(values, 'matter');
    const m = await c.get('api').get<GuideMatter>(`/v1/public/${seg(tenant)}/guide/${seg(code)}`);
    const r = await c.get('api').send<IntakeReceipt>(
      'POST',
      `/v1/tenants/${seg(tenant)}/cases`,
      intakeInput(
        values,
        m.materials.map((x) => x.code),
      ),
    );
    if (!r.ok) return intakeForm(c, { values, problem: r.problem }, r.status);
    // The query code is shown once, on the notice or receipt; the API keeps only its hash.
    // A short-lived cookie carries it to that page, so it never sits in a URL or the history.
    const flash: IntakeFlash = { caseNo: r.data.caseNo, queryCode: r.data.queryCode };
    setCookie(c, FLASH, Buffer.from(JSON.stringify(flash)).toString('base64url'), {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('secure'),
      maxAge: 900,
    });
    const window = one(values, 'window');
    if (window)
      setCookie(c, WINDOW_COOKIE, window, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'Lax',
        secure: c.get('secure'),
        maxAge: 12 * 3600,
      });
    return c.redirect(`/console/tenants/${seg(tenant)}/cases/${seg(r.data.caseNo)}/receipt`, 303);
  });
  return app;
}
