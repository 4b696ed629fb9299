import { CatalogueRepository, cityPk } from '@onewindow/store';
import type { Context } from 'hono';
import { XLSX_TYPE } from './catalogue-format';
import { catalogueSheet, readCatalogueSheet, type SheetCell, UnreadableFile } from './catalogue-sheet';
import { decodeText, parseCsv, toCsv, unguardFormula, withBom } from './csv';
import type { AppEnv } from './env';
import { Problem } from './problem';
import type { RouteContext } from './route';
import { requireCity, sameDefinition, upsertMatter } from './routes/catalogue';
import type { CatalogueFiles } from './routes/catalogue-files';
import { xlsxCodec } from './xlsx';

/**
 * What the catalogue import and export routes do. Only the files Lambda, the local stack and
 * tests import this module (`@onewindow/api/catalogue-io`) and pass it as `deps.catalogueFiles`:
 * with its xlsx libraries it would not fit the api Lambda's bundle.
 */

/** At most this many errors are listed; `errorCount` still says how many there are. */
const MAX_LISTED_ERRORS = 1000;
/** Matters written at once: enough to finish a large catalogue inside the gateway's 30 s. */
const WRITE_CONCURRENCY = 8;

type Format = 'csv' | 'xlsx';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

const unsupported = () =>
  new Problem('unsupported-media-type', {
    detail:
      '请上传 .xlsx 或 .csv 文件：请求体 Content-Type 为 text/csv 或 .xlsx 的媒体类型，或以 multipart/form-data 的 file 字段上传',
    detailEn: `send the file as a text/csv or ${XLSX_TYPE} body, or as the 'file' field of multipart/form-data`,
  });

const unreadable = (error: UnreadableFile) =>
  new Problem('validation', {
    detail: error.zh,
    detailEn: error.en,
    errors: [{ path: 'file', message: error.zh, messageEn: error.en }],
  });

/** Which format an upload is in: by its bytes first, since Windows labels .csv files as Excel ones. */
function formatOf(bytes: Uint8Array, declared: string, name = ''): Format {
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE2)) {
    throw unreadable(
      new UnreadableFile(
        '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx',
        'legacy .xls files are not read; save as .xlsx',
      ),
    );
  }
  if (declared === XLSX_TYPE || /\.xlsx$/i.test(name)) {
    throw unreadable(new UnreadableFile('不是有效的 .xlsx 文件', 'the file is not a valid .xlsx'));
  }
  if (declared === 'text/csv' || declared === 'application/vnd.ms-excel' || /\.csv$/i.test(name))
    return 'csv';
  throw unsupported();
}

/** The uploaded file as rows of cells, whichever of the accepted ways it came. */
async function readUpload(c: Context<AppEnv>): Promise<SheetCell[][]> {
  const [type = '', ...params] = (c.req.header('content-type') ?? '').split(';');
  const mediaType = type.trim().toLowerCase();
  let charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)?.[1])
    .find((v) => v !== undefined);
  let bytes: Uint8Array;
  let format: Format;
  if (mediaType === 'multipart/form-data') {
    const file = (await c.req.parseBody()).file;
    if (file === undefined || typeof file === 'string') {
      throw new Problem('validation', {
        errors: [
          { path: 'file', message: '请在 file 字段上传文件', messageEn: "the form has no 'file' field" },
        ],
      });
    }
    bytes = new Uint8Array(await file.arrayBuffer());
    format = formatOf(bytes, file.type.split(';')[0]?.trim().toLowerCase() ?? '', file.name);
    charset = undefined;
  } else if (mediaType === 'text/csv' || mediaType === XLSX_TYPE) {
    bytes = new Uint8Array(await c.req.arrayBuffer());
    format = mediaType === 'text/csv' ? 'csv' : formatOf(bytes, mediaType);
  } else {
    throw unsupported();
  }
  if (format === 'csv') return parseCsv(decodeText(bytes, charset)).map((row) => row.map(unguardFormula));
  try {
    return await xlsxCodec.read(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw unreadable(error);
    throw error;
  }
}

/** Runs `fn` over `items`, `limit` at a time; after a failure no new item starts and the first error is thrown. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/**
 * Each changed matter is its own transaction with its own audit record, through the same
 * upsert as the PUT route. The request's Idempotency-Key is not attached: it fits one
 * transaction and an import writes many. A retried import is safe anyway, because a matter
 * that already says what its row says is skipped.
 */
async function importFile(ctx: RouteContext<unknown>) {
  const { deps, principal, now } = ctx;
  const city = ctx.params.city ?? '';
  await requireCity(ctx, city);
  const sheet = readCatalogueSheet(await readUpload(ctx.c));
  if (sheet.problems.length > 0) {
    const rows = new Set(sheet.problems.map((p) => p.row)).size;
    throw new Problem('import-rejected', {
      detail: `发现 ${sheet.problems.length} 处错误（涉及 ${rows} 行），未导入任何内容，请修改后重新上传`,
      detailEn: `${sheet.problems.length} error(s) on ${rows} row(s); nothing was imported`,
      errorCount: sheet.problems.length,
      errors: sheet.problems.slice(0, MAX_LISTED_ERRORS),
    });
  }

  const current = new Map((await new CatalogueRepository(deps.store).matters(city)).map((m) => [m.code, m]));
  const counts = { rows: sheet.rows, created: 0, updated: 0, unchanged: 0 };
  const changed = sheet.matters.filter(({ definition }) => {
    const stored = current.get(definition.code);
    const same = stored !== undefined && sameDefinition(stored, definition);
    if (same) counts.unchanged++;
    return !same;
  });
  const dryRun = ctx.query.dryRun === 'true';
  if (dryRun) {
    for (const { definition } of changed) counts[current.has(definition.code) ? 'updated' : 'created']++;
  } else {
    const writer = {
      deps,
      now,
      commit: (command: Parameters<RouteContext<unknown>['commit']>[0]) =>
        deps.store.commit({ ...command, actor: principal.sub, at: now, scopePk: cityPk(city) }),
    };
    await eachLimited(changed, WRITE_CONCURRENCY, async ({ definition }) => {
      const result = await upsertMatter(writer, city, definition);
      // Another writer may have saved the same content meanwhile; upsertMatter then skips it.
      counts[!result.changed ? 'unchanged' : result.status === 201 ? 'created' : 'updated']++;
    });
  }
  return { status: 200, body: { ...counts, dryRun } };
}

async function exportFile(ctx: RouteContext<unknown>): Promise<Response> {
  const city = ctx.params.city ?? '';
  await requireCity(ctx, city);
  const format: Format = ctx.query.format === 'csv' ? 'csv' : 'xlsx';
  const rows = catalogueSheet(await new CatalogueRepository(ctx.deps.store).matters(city));
  const body =
    format === 'csv'
      ? withBom(toCsv(rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))))
      : await xlsxCodec.write(rows);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'content-disposition': `attachment; filename="catalogue-${city}.${format}"`,
      'cache-control': 'no-store',
    },
  });
}

export const catalogueFiles: CatalogueFiles = { importFile, exportFile };
