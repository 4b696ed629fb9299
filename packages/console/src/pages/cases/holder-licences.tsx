import type { ELicencePage } from '@onewindow/api/contract';
import type { Problem } from '../../api';
import { seg } from '../../api';
import type { Ctx } from '../../env';
import { Head } from '../../ui/table';

/** What the lookup found: the holder's licences, or the API's problem (a malformed number). */
export type HolderLookup = { readonly holder: string } & (
  | { readonly page: ELicencePage }
  | { readonly problem: Problem }
);

/** A holder's e-licences for reuse at intake (免提交), or nothing when no holder was asked for. */
export async function lookUpHolder(
  c: Ctx,
  tenant: string,
  holder: string,
): Promise<HolderLookup | undefined> {
  const h = holder.trim();
  if (h === '') return undefined;
  const r = await c
    .get('api')
    .send<ELicencePage>('GET', `/v1/tenants/${seg(tenant)}/licences?holder=${encodeURIComponent(h)}`);
  return r.ok ? { holder: h, page: r.data } : { holder: h, problem: r.problem };
}

/**
 * The intake form's e-licence panel: look a holder up by identity number or USCC and see the
 * licences the library already holds (identifier, validity, status), so a licence issued here
 * need not be handed in again. Numbers are masked, as the API answers them.
 */
export function HolderLicences({
  c,
  matter,
  found,
}: {
  c: Ctx;
  matter: string;
  found: HolderLookup | undefined;
}) {
  const t = c.get('t').licences;
  return (
    <section class="card stack no-print" aria-labelledby="holder-licences">
      <h2 id="holder-licences">{t.title}</h2>
      <form method="get" class="stack">
        <input type="hidden" name="matter" value={matter} />
        <label>
          {t.holder}
          <input name="holder" value={found?.holder ?? ''} autocomplete="off" />
        </label>
        <div class="actions">
          <button type="submit">{t.find}</button>
        </div>
      </form>
      {found && 'problem' in found && (
        <p role="alert">{found.problem.errors?.[0]?.detail ?? found.problem.detail ?? found.problem.title}</p>
      )}
      {found && 'page' in found && found.page.items.length === 0 && <p>{t.none}</p>}
      {found && 'page' in found && found.page.items.length > 0 && (
        <table>
          <Head cols={[t.name, t.id, t.validity, t.status]} />
          <tbody>
            {found.page.items.map((l) => (
              <tr>
                <td>
                  {l.name}
                  <br />
                  {l.holder.name} {l.holder.idNumber}
                </td>
                <td>
                  <code>{l.id}</code>
                </td>
                <td>
                  {l.validity.until
                    ? `${l.validity.from} – ${l.validity.until}`
                    : `${l.validity.from} – ${t.longTerm}`}
                </td>
                <td>
                  {t.statuses[l.status]}
                  {l.statusChange ? `（${l.statusChange.reason}）` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
