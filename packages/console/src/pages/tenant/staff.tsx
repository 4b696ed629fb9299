import type { AbsencesNow, Staff } from '@onewindow/api/contract';
import { StaffInput } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import {
  ChoiceGroup,
  ErrorSummary,
  empty,
  type FormState,
  many,
  one,
  SelectField,
  TextField,
} from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label, roleNames } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';
import { AbsenceForm, AbsenceTable, absencesNow } from './absences';
import { listBodies } from './bodies';

async function staffPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const [{ items }, bodies, absences] = await Promise.all([
    c.get('api').get<{ items: Staff[] }>(`/v1/tenants/${seg(tenant)}/staff`),
    listBodies(c, tenant),
    absencesNow(c, tenant),
  ]);
  const byId = new Map(items.map((s) => [s.id, s]));
  // A/B roles: who backs whom, read from both sides.
  const backupOf = new Map(items.filter((s) => s.backupFor).map((s) => [s.backupFor ?? '', s]));
  const spec = formSpec(StaffInput);
  // The roles a tenant administrator may give its own staff: the values the API takes.
  const roles = fieldOf(spec, 'roles');
  return page(
    c,
    t.staff.title,
    <>
      <h1>{t.staff.title}</h1>
      <Done text={c.req.query('ok') ? t.staff.created : undefined} />
      <table>
        <caption>{t.staff.caption(tenant, items.length)}</caption>
        <Head cols={[t.staff.id, t.staff.name, t.staff.roles, t.staff.body, t.staff.heads, t.staff.ab]} />
        <tbody>
          {items.map((s) => {
            const b = backupOf.get(s.id);
            const a = s.backupFor ? byId.get(s.backupFor) : undefined;
            return (
              <tr>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>{s.name}</td>
                <td>{roleNames(t, s.roles)}</td>
                <td>{s.body ?? ''}</td>
                <td>
                  {[s.head && t.staff.head, s.governmentHead && t.staff.governmentHead]
                    .filter(Boolean)
                    .join('、')}
                </td>
                <td>
                  {s.backupFor && <span>{t.staff.isBackupFor(a?.name ?? s.backupFor)}</span>}
                  {b && <span>{t.staff.hasBackup(b.name)}</span>}
                  {!s.backupFor && !b && <span class="muted">{t.staff.noBackup}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AbsenceSection
        c={c}
        tenant={tenant}
        absences={absences}
        posts={items.filter((s) => backupOf.has(s.id))}
      />
      <h2 id="new-staff">{t.staff.create}</h2>
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/staff`}
        class="stack card"
        aria-labelledby="new-staff"
      >
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'id')} label={t.staff.id} hint={t.hints.id} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'name')} label={t.staff.name} />
        <ChoiceGroup
          c={c}
          state={state}
          spec={roles}
          label={t.staff.roles}
          options={optionsOf(roles, (r) => label(t, 'role', r))}
        />
        <SelectField
          c={c}
          state={state}
          spec={fieldOf(spec, 'body')}
          label={t.staff.body}
          hint={t.staff.bodyHint}
          blank={t.staff.noBody}
          options={bodies.map((b) => ({ value: b.ref, label: `${b.name}（${b.code}）` }))}
        />
        <SelectField
          c={c}
          state={state}
          spec={fieldOf(spec, 'backupFor')}
          label={t.staff.backupFor}
          hint={t.staff.backupForHint}
          blank={t.staff.noBackupFor}
          options={items.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
        />
        {/* Art. 42: the heads whose approval an extension is, named on it. */}
        {(['head', 'governmentHead'] as const).map((name) => (
          <label class="choice" for={`staff-${name}`}>
            <input
              id={`staff-${name}`}
              type="checkbox"
              name={name}
              value="true"
              checked={one(state.values, name) === 'true'}
            />
            <span>{t.staff[name]}</span>
          </label>
        ))}
        <Submit label={t.staff.create} />
      </form>
    </>,
    { status },
  );
}

/** AB角: who is absent now and who covers, the absences to come, and the form for a post with a B. */
function AbsenceSection(props: {
  c: Ctx;
  tenant: string;
  absences: AbsencesNow | undefined;
  posts: readonly Staff[];
}) {
  const { c, tenant, absences } = props;
  const t = c.get('t').absences;
  const back = `/console/tenants/${seg(tenant)}/staff`;
  const done = c.req.query('absence');
  return (
    <section aria-labelledby="absences">
      <h2 id="absences">{t.title}</h2>
      <p class="hint">{t.intro}</p>
      <Done text={done === 'recorded' ? t.recorded : done === 'ended' ? t.ended : undefined} />
      <h3>{t.current}</h3>
      {absences?.current.length ? (
        <AbsenceTable c={c} tenant={tenant} items={absences.current} back={back} />
      ) : (
        <p class="muted">{t.none}</p>
      )}
      {absences?.coming.length ? (
        <>
          <h3>{t.coming}</h3>
          <AbsenceTable c={c} tenant={tenant} items={absences.coming} back={back} />
        </>
      ) : null}
      {props.posts.length > 0 && (
        <AbsenceForm c={c} tenant={tenant} state={empty} posts={props.posts} back={back} />
      )}
    </section>
  );
}

/** Tenant administrators: staff with their roles, bodies and A/B backups. */
export function staffRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/staff', {
    render: staffPage,
    request: (c, v) => {
      const body = one(v, 'body');
      const backupFor = one(v, 'backupFor');
      return {
        method: 'POST',
        path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/staff`,
        body: {
          id: one(v, 'id'),
          name: one(v, 'name'),
          roles: many(v, 'roles'),
          ...(body ? { body } : {}),
          ...(backupFor ? { backupFor } : {}),
          ...(one(v, 'head') === 'true' ? { head: true } : {}),
          ...(one(v, 'governmentHead') === 'true' ? { governmentHead: true } : {}),
        } satisfies BodyOf<typeof StaffInput>,
      };
    },
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/staff?ok=1`,
  });
  return app;
}
