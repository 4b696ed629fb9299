import type { Staff } from '@onewindow/api/contract';
import { Hono } from 'hono';
import { StaffInput } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { ChoiceGroup, ErrorSummary, type FormState, many, one, SelectField, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label, roleNames } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';
import { listBodies } from './bodies';

async function staffPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const [{ items }, bodies] = await Promise.all([
    c.get('api').get<{ items: Staff[] }>(`/v1/tenants/${seg(tenant)}/staff`),
    listBodies(c, tenant),
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
        <Head cols={[t.staff.id, t.staff.name, t.staff.roles, t.staff.body, t.staff.ab]} />
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
                  {s.backupFor && <span>{t.staff.isBackupFor(a?.name ?? s.backupFor)}</span>}
                  {b && <span>{t.staff.hasBackup(b.name)}</span>}
                  {!s.backupFor && !b && <span class="muted">{t.staff.noBackup}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
        <Submit label={t.staff.create} />
      </form>
    </>,
    { status },
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
        } satisfies BodyOf<typeof StaffInput>,
      };
    },
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/staff?ok=1`,
  });
  return app;
}
