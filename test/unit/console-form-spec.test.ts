import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  CaseListQuery,
  DecideInput,
  ExtendInput,
  FeeReportQuery,
  FindingInput,
  IntakeInput,
  ProgressQuery,
  RatingInput,
  RejectInput,
  StartStepInput,
  WindowGrantInput,
} from '../../packages/api/src/case-schemas';
import {
  BodyInput,
  CityInput,
  LocalSettingsInput,
  RolloutInputSchema,
  SealInput,
  StaffInput,
  TenantInput,
  VoidSealInput,
} from '../../packages/api/src/schemas';
import { fieldNames, fieldOf, formSpec, optionsOf } from '../../packages/console/src/ui/form-spec';
import {
  BODY_KINDS,
  CASE_STATUSES,
  CLOCK_COLOURS,
  EXTENSION_DAYS,
  MODES,
  STAFF_ROLES,
  STEP_KINDS,
  TENANT_KINDS,
} from '../../packages/domain/src';
import { consoleHarness, recordingApi } from '../support/console';

describe('form spec from a request schema', () => {
  it('reads required, bounds and lengths', () => {
    const spec = formSpec(ExtendInput);
    // Up to 15 for a jointly handled matter (art. 42(2)); the decider holds other matters to 10.
    expect(spec.days).toEqual({ name: 'days', type: 'integer', required: true, min: 1, max: 15 });
    expect(spec.reason).toEqual({
      name: 'reason',
      type: 'string',
      required: true,
      minLength: 1,
      maxLength: 2000,
    });
    expect(fieldOf(formSpec(RejectInput), 'competentAuthority')).toMatchObject({
      required: false,
      maxLength: 200,
    });
  });

  it('shows the extension days the decider allows (the API schema and the domain agree)', () => {
    expect(fieldOf(formSpec(ExtendInput), 'days')).toMatchObject({
      min: EXTENSION_DAYS.min,
      max: EXTENSION_DAYS.joint,
    });
  });

  it('gives an enum its values, in the schema order', () => {
    const kind = fieldOf(formSpec(StartStepInput), 'kind');
    expect(kind.options).toEqual([...STEP_KINDS]);
    expect(optionsOf(fieldOf(formSpec(DecideInput), 'outcome'), (v) => v.toUpperCase())).toEqual([
      { value: 'approve', label: 'APPROVE' },
      { value: 'deny', label: 'DENY' },
    ]);
    expect(fieldOf(formSpec(StartStepInput), 'bodies')).toMatchObject({
      type: 'array',
      required: false,
      minItems: 1,
      maxItems: 10,
    });
  });

  it('names nested fields with dots, required only when every object around them is', () => {
    const spec = formSpec(IntakeInput);
    expect(fieldOf(spec, 'applicant.name')).toMatchObject({ required: true, maxLength: 200 });
    expect(fieldOf(spec, 'applicant.idNumber')).toMatchObject({ required: true, maxLength: 32 });
    expect(fieldOf(spec, 'applicant.kind').options).toEqual(['person', 'org']);
    // The commitment is optional, so nothing in it is required of the form.
    expect(fieldOf(spec, 'commitment')).toMatchObject({ type: 'object', required: false });
    expect(fieldOf(spec, 'commitment.supplementBy').required).toBe(false);
    expect(fieldOf(spec, 'commitment.materials')).toMatchObject({ required: false, minItems: 1 });
    expect(fieldOf(spec, 'item').required).toBe(false);
    expect(Object.keys(spec)).not.toContain('materials.code');
  });

  it('refuses a field the schema does not have, and reads each schema once', () => {
    expect(() => fieldOf(formSpec(ExtendInput), 'weeks')).toThrow(/weeks/);
    expect(formSpec(ExtendInput)).toBe(formSpec(ExtendInput));
    const other = z.strictObject({ n: z.optional(z.number().check(z.minimum(0.5))) });
    expect(formSpec(other).n).toEqual({ name: 'n', type: 'number', required: false, min: 0.5 });
  });

  it("names a request's own fields for an error summary, not the fields inside them", () => {
    expect(fieldNames(formSpec(RolloutInputSchema))).toEqual([
      'id',
      'name',
      'matters',
      'tenants',
      'mode',
      'effectiveAt',
      'from',
      'to',
      'seal',
      'transition',
    ]);
    expect(fieldNames(formSpec(IntakeInput))).not.toContain('applicant.name');
  });
});

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const ADMIN = { sub: 'admin', name: '管理员', roles: ['platform-admin'] };

/** A stand-in API with one of everything the form pages list beside their forms. */
function formPagesApi() {
  const { api, asApi } = recordingApi();
  const matter = {
    code: 'm1',
    name: '事项一',
    type: 'filing',
    onTheSpot: true,
    promisedDays: 3,
    fees: [],
    authority: { body: `${TENANT}/centre`, handlingBody: `${TENANT}/centre`, mode: 'transfer', seal: 's1' },
  };
  api.get('/v1/cities', (c) => c.json({ items: [{ id: 'nanjing', name: '南京市' }] }));
  api.get('/v1/cities/:city/tenants', (c) =>
    c.json({ items: [{ id: TENANT, name: '东山街道', kind: 'subdistrict' }] }),
  );
  api.get('/v1/cities/:city/catalogue', (c) => c.json({ items: [matter] }));
  api.get('/v1/tenants/:t/bodies', (c) =>
    c.json({
      items: [
        { tenant: TENANT, code: 'centre', name: '中心', kind: 'service-centre', ref: `${TENANT}/centre` },
      ],
    }),
  );
  api.get('/v1/tenants/:t/seals', (c) =>
    c.json({
      items: [
        {
          id: 's1',
          body: 'centre',
          name: '章',
          validFrom: '2024-01-01T00:00:00Z',
          electronic: false,
          status: 'valid',
        },
      ],
    }),
  );
  api.get('/v1/tenants/:t/staff', (c) =>
    c.json({ items: [{ id: 'u1', name: '张丽', roles: ['window-clerk'] }] }),
  );
  api.get('/v1/tenants/:t/matters', (c) => c.json({ at: '2024-01-01T00:00:00Z', items: [matter] }));
  api.get('/v1/tenants/:t/matters/:code/authority/history', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/window-authorisations', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t', (c) => c.json({ id: TENANT, name: '东山街道' }));
  api.get('/v1/tenants/:t/fees/report', (c) =>
    c.json({ from: '2024-09-01', to: '2024-09-30', total: 0, departments: [] }),
  );
  api.get('/v1/tenants/:t/cases', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/supervision/inbox', (c) =>
    c.json({
      body: `${TENANT}/centre`,
      items: [
        {
          caseNo: `${TENANT}-20240906-0001`,
          caseTenant: TENANT,
          matterName: '事项一',
          applicantName: '李明',
          outcome: 'approve',
          approvingBody: '中心',
          issuedAt: '2024-09-06T01:00:00Z',
          seal: { id: 's1' },
        },
      ],
    }),
  );
  api.get('/v1/public/cases/:caseNo', (c) =>
    c.json({
      caseNo: c.req.param('caseNo'),
      matterName: '事项一',
      statusName: { zh: '已出件', en: 'Issued' },
      receivedAt: '2024-09-06T01:00:00Z',
      notices: [],
      canRate: true,
    }),
  );
  return asApi();
}

interface Control {
  readonly tag: string;
  readonly type?: string;
  readonly required: boolean;
  readonly maxlength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly values: string[];
}

/** The named controls of the form posted (or got) at `action`, as the browser would read them. */
function controlsOf(html: string, action: string): Map<string, Control> {
  const start = html.indexOf(`action="${action}"`);
  expect(start, `a form with action ${action}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out = new Map<string, Control>();
  const attr = (tag: string, a: string) => new RegExp(`\\s${a}="([^"]*)"`).exec(tag)?.[1];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  for (const m of form.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const [, tag = '', attrs = ''] = m;
    const name = attr(attrs, 'name');
    const type = attr(attrs, 'type');
    if (!name || name.startsWith('_') || type === 'hidden' || type === 'submit') continue;
    const known = out.get(name);
    const value = attr(attrs, 'value');
    let values = [...(known?.values ?? [])];
    if (tag === 'select') {
      const body = form.slice(m.index ?? 0, form.indexOf('</select>', m.index));
      values = [...body.matchAll(/<option value="([^"]*)"/g)].map((o) => o[1] ?? '').filter(Boolean);
    } else if ((type === 'radio' || type === 'checkbox') && value !== undefined) values.push(value);
    out.set(name, {
      tag,
      ...(type ? { type } : {}),
      required: (known?.required ?? false) || /\srequired=""/.test(attrs),
      ...(attr(attrs, 'maxlength') ? { maxlength: num(attr(attrs, 'maxlength')) } : {}),
      ...(attr(attrs, 'min') ? { min: num(attr(attrs, 'min')) } : {}),
      ...(attr(attrs, 'max') ? { max: num(attr(attrs, 'max')) } : {}),
      values,
    });
  }
  return out;
}

/**
 * Every control of the form is a field of the request schema (or one of the named page-only
 * fields), marked required as the schema says (a checkbox never: the browser would want every
 * box), with the schema's length and bounds, offering the schema's values where it is an enum.
 */
function expectFormOf(
  html: string,
  action: string,
  schema: z.ZodMiniType,
  { pageOnly = [], optional = [] }: { pageOnly?: string[]; optional?: string[] } = {},
) {
  const spec = formSpec(schema);
  const controls = controlsOf(html, action);
  expect(controls.size, `controls of ${action}`).toBeGreaterThan(0);
  for (const [name, control] of controls) {
    if (pageOnly.includes(name)) continue;
    const f = fieldOf(spec, name);
    const mustGive = f.required && !optional.includes(name) && control.type !== 'checkbox';
    expect(control.required, `${action} ${name} required`).toBe(mustGive);
    if (f.type === 'string') expect(control.maxlength, `${action} ${name} maxlength`).toBe(f.maxLength);
    // A whole number is typed within its bounds, or chosen from them (a rating's stars).
    if (f.type === 'integer' && control.type !== 'radio')
      expect([control.min, control.max], `${action} ${name} bounds`).toEqual([f.min, f.max]);
    if (f.options) expect(control.values, `${action} ${name} options`).toEqual(f.options);
  }
  return controls;
}

describe('console forms take their fields from the request schemas', () => {
  const setup = () => consoleHarness(formPagesApi(), [ADMIN]);

  it('city and tenancy administration', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, '/console');
    const page = async (path: string) => (await request(path)).text();
    expect([...expectFormOf(await page('/console/cities'), '/console/cities', CityInput).keys()]).toEqual([
      'id',
      'name',
    ]);
    const tenants = expectFormOf(
      await page('/console/cities/nanjing/tenants'),
      '/console/cities/nanjing/tenants',
      TenantInput,
    );
    expect([...tenants.keys()]).toEqual(['id', 'name', 'kind', 'parent']);
    expect(tenants.get('kind')?.values).toEqual([...TENANT_KINDS]);
    const rollout = expectFormOf(
      await page('/console/cities/nanjing/rollouts/new'),
      '/console/cities/nanjing/rollouts',
      RolloutInputSchema,
      // One of `from` and the per-matter lines is enough: the page makes `from` of either.
      { pageOnly: ['fromPerMatter'], optional: ['from'] },
    );
    expect(rollout.get('mode')).toMatchObject({ required: true, values: [...MODES] });
    expect(rollout.has('transition.until')).toBe(true);
    const bodies = expectFormOf(await page(`${T}/bodies`), `${T}/bodies`, BodyInput);
    expect(bodies.get('kind')?.values).toEqual([...BODY_KINDS]);
    const staff = expectFormOf(await page(`${T}/staff`), `${T}/staff`, StaffInput);
    expect(staff.get('roles')?.values).toEqual([...STAFF_ROLES]);
    expect([...staff.keys()]).toEqual(['id', 'name', 'roles', 'body', 'backupFor', 'head', 'governmentHead']);
  });

  it('seals, matter settings and window authorisations', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, '/console');
    const seals = await (await request(`${T}/seals`)).text();
    expect([...expectFormOf(seals, `${T}/seals`, SealInput).keys()]).toEqual([
      'id',
      'body',
      'name',
      'validFrom',
      'electronic',
    ]);
    expectFormOf(seals, `${T}/seals/s1/void`, VoidSealInput);
    const matter = await (await request(`${T}/matters/m1`)).text();
    expect(expectFormOf(matter, `${T}/matters/m1`, LocalSettingsInput).get('promisedDays')).toMatchObject({
      type: 'number',
      min: 0,
      max: 365,
    });
    const auth = await (await request(`${T}/window-authorisations`)).text();
    // R16: the head (or the administrator naming the head) grants a written authorisation; the
    // department is the head's own body.
    expect([...expectFormOf(auth, `${T}/window-authorisations`, WindowGrantInput).keys()]).toEqual([
      'grantedBy',
      'staff',
      'matters',
      'from',
      'until',
      'docNo',
    ]);
  });

  it('case filters, findings and ratings', async () => {
    const { signIn, request, csrfOf, post } = setup();
    await signIn(ADMIN.sub, '/console');
    const cases = await (await request(`${T}/cases`)).text();
    const filters = expectFormOf(
      cases.replace('<form method="get"', `<form action="${T}/cases"`),
      `${T}/cases`,
      CaseListQuery,
    );
    expect(filters.get('status')?.values).toEqual([...CASE_STATUSES]);
    expect(filters.get('clock')?.values).toEqual([...CLOCK_COLOURS]);
    const fees = await (await request(`${T}/fees`)).text();
    expectFormOf(fees.replace('<form method="get"', `<form action="${T}/fees"`), `${T}/fees`, FeeReportQuery);
    const inbox = await (await request(`${T}/supervision`)).text();
    expectFormOf(inbox, `${T}/supervision/findings`, FindingInput);
    // The progress query: the case number is the path the API is asked at, the code its query.
    const progress = await post('/console/public/progress', {
      _csrf: await csrfOf('/console/public/progress'),
      caseNo: `${TENANT}-20240906-0001`,
      code: 'ABCD2345',
    });
    const html = await progress.text();
    expectFormOf(html, '/console/public/progress', ProgressQuery, { pageOnly: ['caseNo'] });
    const rating = expectFormOf(html, `/console/public/progress/${TENANT}-20240906-0001/rating`, RatingInput);
    expect(rating.get('level')?.values).toEqual(['5', '4', '3', '2', '1']);
  });
});
