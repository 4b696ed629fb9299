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
 * when there is more (plain GET links, no script), and the way back to the first page. A page
 * with two lists pages each under its own query parameter (`param`) and names each pager.
 */
export function Pager({
  c,
  cursor,
  param = 'cursor',
  of,
}: {
  c: Ctx;
  cursor: string | undefined;
  param?: string;
  of?: string;
}) {
  const t = c.get('t');
  const paged = c.req.query(param) !== undefined;
  if (!cursor && !paged) return null;
  return (
    <nav class="pager no-print" aria-label={of ? `${t.pager.label}：${of}` : t.pager.label}>
      <ul class="actions">
        {paged && (
          <li>
            <a href={hrefWith(c, { [param]: undefined })}>{t.pager.first}</a>
          </li>
        )}
        {cursor && (
          <li>
            <a class="button secondary" rel="next" href={hrefWith(c, { [param]: cursor })}>
              {t.pager.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
