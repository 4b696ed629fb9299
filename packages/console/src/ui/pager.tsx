import type { Ctx } from '../env';

/** This page's address with the query changed: `undefined` removes a parameter. */
function hrefWith(c: Ctx, changes: Record<string, string | undefined>): string {
  const url = new URL(c.req.url);
  // A confirmation belongs to the page it was shown on, the language to its cookie.
  for (const k of ['ok', 'lang']) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  const q = url.searchParams.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}

/**
 * Paging for a list the API answers in pages: a next-page link carrying the API's cursor
 * when there is more (plain GET links, no script), and the way back to the first page.
 */
export function Pager({ c, cursor }: { c: Ctx; cursor: string | undefined }) {
  const t = c.get('t');
  const paged = c.req.query('cursor') !== undefined;
  if (!cursor && !paged) return null;
  return (
    <nav class="pager no-print" aria-label={t.pager.label}>
      <ul class="actions">
        {paged && (
          <li>
            <a href={hrefWith(c, { cursor: undefined })}>{t.pager.first}</a>
          </li>
        )}
        {cursor && (
          <li>
            <a class="button secondary" rel="next" href={hrefWith(c, { cursor })}>
              {t.pager.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
