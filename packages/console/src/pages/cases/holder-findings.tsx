import type { HolderFindingPage } from '@onewindow/api/contract';
import { isCreditCode, isResidentId } from '@onewindow/domain';
import type { Problem } from '../../api';
import { seg } from '../../api';
import type { Ctx } from '../../env';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Head } from '../../ui/table';

/** The id of the intake form's findings notice: the live preview replaces it as the clerk types. */
export const HOLDER_FINDINGS_ID = 'holder-findings';

/** What the look-up found for the number typed: the findings, or the API's problem. */
export type HolderFindingsLookup = { readonly page: HolderFindingPage } | { readonly problem: Problem };

/** The typed number as intake stores it, when it is a valid resident ID or USCC; undefined otherwise. */
export function validHolder(typed: string): string | undefined {
  const v = typed.replace(/\s+/g, '').toUpperCase();
  return isResidentId(v) || isCreditCode(v) ? v : undefined;
}

/**
 * 审管联动 at intake (issue 15): the supervision findings on the holder's earlier cases here, once
 * the clerk has typed a valid identity number or USCC; nothing is asked for a number that is not one.
 */
export async function lookUpHolderFindings(
  c: Ctx,
  tenant: string,
  typed: string,
): Promise<HolderFindingsLookup | undefined> {
  const holder = validHolder(typed);
  if (!holder) return undefined;
  const r = await c
    .get('api')
    .send<HolderFindingPage>(
      'GET',
      `/v1/tenants/${seg(tenant)}/holders/findings?holder=${encodeURIComponent(holder)}`,
    );
  return r.ok ? { page: r.data } : { problem: r.problem };
}

/**
 * The notice in the intake form: 该申请人此前的监管意见, each finding's severity, text, case number
 * and date. It is always on the page (empty until a valid number is typed) so the form's live
 * preview (ui/assets.ts, data-live-preview) can replace it as the clerk types.
 */
export function HolderFindingsNotice({ c, found }: { c: Ctx; found: HolderFindingsLookup | undefined }) {
  const t = c.get('t');
  const f = t.liaisons.findings;
  const items = found && 'page' in found ? found.page.items : [];
  return (
    <div id={HOLDER_FINDINGS_ID} data-live-preview aria-live="polite">
      {found && 'problem' in found && (
        <p role="alert">{found.problem.errors?.[0]?.detail ?? found.problem.detail ?? found.problem.title}</p>
      )}
      {found && 'page' in found && items.length === 0 && <p class="hint">{f.none}</p>}
      {items.length > 0 && (
        <section class="alert" aria-labelledby={`${HOLDER_FINDINGS_ID}-title`}>
          <h2 id={`${HOLDER_FINDINGS_ID}-title`}>{f.title}</h2>
          <p>{f.intro}</p>
          <table>
            <Head cols={[f.severity, f.text, f.caseNo, f.date]} />
            <tbody>
              {items.map((x) => (
                <tr>
                  <td>{label(t, 'severity', x.severity)}</td>
                  <td>{x.text}</td>
                  <td>
                    <code>{x.caseNo}</code>
                    <br />
                    {x.matterName}
                  </td>
                  <td>{beijing(x.at).slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
