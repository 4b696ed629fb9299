import type { Rollout, RolloutAction, TenantPreview } from '@onewindow/api/contract';
import type { Ctx } from '../../env';
import { pick } from '../../i18n';
import { label } from '../../ui/labels';
import { namesOf } from '../../ui/names';
import { Head } from '../../ui/table';

export type { Blocker, Rollout, TenantPreview } from '@onewindow/api/contract';

/** Whether the API offers `action` on the rollout now: the console offers what the API allows, nothing more. */
export const offers = (r: Rollout, action: RolloutAction): boolean =>
  (r.allowedActions ?? []).includes(action);

const STATUS_CLASS: Readonly<Record<string, string>> = {
  draft: '',
  scheduled: 'warn',
  applying: 'warn',
  applied: 'ok',
  cancelled: 'bad',
};

export function StatusBadge({ c, status }: { c: Ctx; status: string }) {
  return (
    <span class={`badge ${STATUS_CLASS[status] ?? ''}`}>{label(c.get('t'), 'rolloutStatus', status)}</span>
  );
}

/** Where the city administrator is in the wizard: draft → preview → schedule → applied. */
export function WizardSteps({ c, step }: { c: Ctx; step: 1 | 2 | 3 | 4 }) {
  const t = c.get('t');
  return (
    <ol class="actions no-print" aria-label={t.wizard.stepsLabel}>
      {t.wizard.steps.map((s, i) => (
        <li aria-current={i + 1 === step ? 'step' : undefined}>
          {i + 1 === step ? <strong>{s}</strong> : s}
        </li>
      ))}
    </ol>
  );
}

export function Progress({ c, done, total }: { c: Ctx; done: number; total: number }) {
  const t = c.get('t');
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return (
    <div class="field">
      <label for="apply-progress">{t.rollouts.progress(done, total, pct)}</label>
      <progress id="apply-progress" max={total || 1} value={total === 0 ? 1 : done}>
        {`${pct}%`}
      </progress>
    </div>
  );
}

/** R11 per tenant: every blocker named, the matters that change, the pending cases that stay (R2). */
export async function PreviewTable({ c, tenants }: { c: Ctx; tenants: readonly TenantPreview[] }) {
  const t = c.get('t');
  const lang = c.get('lang');
  const name = namesOf(c);
  await Promise.all(
    [...new Set(tenants.map((x) => x.tenant.split('.')[0]))].map((city) => name.cityTenants(city)),
  );
  return (
    <table>
      <caption>
        {t.preview.caption(tenants.filter((x) => x.blockers.length > 0).length, tenants.length)}
      </caption>
      <Head cols={[t.preview.tenant, t.preview.blockers, t.preview.changes, t.preview.pending]} />
      <tbody>
        {tenants.map((x) => (
          <tr>
            <th scope="row">{name(x.tenant)}</th>
            <td>
              {x.blockers.length === 0 ? (
                <span class="badge ok">{t.preview.ready}</span>
              ) : (
                <ul>
                  {x.blockers.map((b) => (
                    <li class="bad">{pick(lang, b.message, b.messageEn)}</li>
                  ))}
                </ul>
              )}
            </td>
            <td class="num">{x.changes}</td>
            <td class="num">{x.pendingCasesStaying}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
