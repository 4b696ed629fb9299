import { DomainError, type MatterDefinition } from '@onewindow/domain';
import type { Context } from 'hono';
import { XLSX_TYPE } from './catalogue-format';
import { planImportedHolders, splitHolderColumn } from './catalogue-holders';
import { catalogueSheet, readCatalogueSheet, type SheetCell, UnreadableFile } from './catalogue-sheet';
import { BODY_USCC_HEADER, bodyUsccCells, planBodyUsccs } from './catalogue-uscc';
import { decodeText, parseCsv, toCsv, unguardFormula, withBom } from './csv';
import type { AppEnv } from './env';
import { problem } from './problem';
import type { RouteContext } from './route';
import type { CatalogueFiles } from './routes/catalogue-files';
import { xlsxCodec } from './xlsx';

/**
 * What the catalogue import and export routes do. Only the files Lambda, the local stack and
 * tests import this module (`@onewindow/api/catalogue-io`) and pass it as `deps.catalogueFiles`:
 * with its xlsx libraries it would not fit the api Lambda's bundle.
 */

/** At most this many errors are listed; `errorCount` still says how many there are. */
const MAX_LISTED_ERRORS = 1000;

type Format = 'csv' | 'xlsx';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

const unsupported = () =>
  problem(
    'unsupported-media-type',
    `send the file as a text/csv or ${XLSX_TYPE} body, or as the 'file' field of multipart/form-data`,
    '请上传 .xlsx 或 .csv 文件：请求体 Content-Type 为 text/csv 或 .xlsx 的媒体类型，或以 multipart/form-data 的 file 字段上传',
  );

const unreadable = (error: UnreadableFile) =>
  new DomainError('validation', error.zh, error.en, { field: 'file', cause: error });

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
      throw new DomainError('validation', '请在 file 字段上传文件', "the form has no 'file' field", 'file');
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

/**
 * Reads the upload, refuses it whole when any row is wrong, then saves each changed matter
 * (services.catalogue.import). The request's Idempotency-Key is not attached: it fits one
 * transaction and an import writes many; a retried import is safe anyway, since a matter
 * that already says what its row says is skipped.
 */
async function importFile(ctx: RouteContext<unknown, '/v1/cities/:city'>) {
  const { services, principal, now } = ctx;
  const { city } = ctx.params;
  await services.tenancy.requireCity(city);
  const upload = splitHolderColumn(await readUpload(ctx.c));
  const usccColumn = splitHolderColumn(upload.rows, BODY_USCC_HEADER);
  const sheet = readCatalogueSheet(usccColumn.rows);
  // The holders are checked only against rows that read well: a bad row is reported once, for itself.
  const holders =
    sheet.problems.length === 0
      ? await planImportedHolders(services, city, sheet.matters, upload.cells)
      : { plans: [], problems: [] };
  const usccs =
    sheet.problems.length === 0
      ? await planBodyUsccs(services, city, sheet.matters, usccColumn.cells)
      : { updates: [], problems: [] };
  const problems = [...sheet.problems, ...holders.problems, ...usccs.problems].sort((a, b) => a.row - b.row);
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.row)).size;
    throw new DomainError(
      'import-rejected',
      `发现 ${problems.length} 处错误（涉及 ${rows} 行），未导入任何内容，请修改后重新上传`,
      `${problems.length} error(s) on ${rows} row(s); nothing was imported`,
      {
        errors: problems.slice(0, MAX_LISTED_ERRORS),
        extensions: { errorCount: problems.length },
      },
    );
  }
  const dryRun = ctx.query.dryRun === 'true';
  // The request's invocation without its Idempotency-Key, audited in the city like the PUT route.
  const invocation = services.commands.invocation({ principal, scope: { kind: 'city', city }, now });
  const counts = await services.catalogue.import(
    invocation,
    city,
    { rows: sheet.rows, definitions: sheet.matters.map((m) => m.definition) },
    { dryRun },
  );
  // The periods after the matters they name: a retry after a failure here writes the same again.
  if (!dryRun) {
    // Each body's USCC in a transaction of its own; a retry finds it registered and skips it.
    for (const u of usccs.updates) await services.tenancy.registerUscc(invocation, u.tenant, u.code, u.uscc);
    for (const plan of holders.plans) {
      await services.empowerment.writeInitialHolders(invocation, plan, () => ({ status: 200, body: {} }));
    }
  }
  const initialHolders = holders.plans.reduce((n, p) => n + p.outcome.recorded, 0);
  return {
    status: 200,
    body: {
      ...counts,
      dryRun,
      ...(upload.cells.size > 0 ? { initialHolders } : {}),
      ...(usccColumn.cells.size > 0 ? { bodyUsccs: usccs.updates.length } : {}),
    },
  };
}

/**
 * Matters as the CSV text the import reads (no BOM): what the export writes without the bodies'
 * USCC column, and how the local demo loads its catalogues through the import in a few requests.
 */
export const catalogueCsv = (matters: readonly MatterDefinition[]): string => csvOf(catalogueSheet(matters));

const csvOf = (rows: readonly (readonly SheetCell[])[]) =>
  toCsv(rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))));

async function exportFile(ctx: RouteContext<unknown, '/v1/cities/:city'>): Promise<Response> {
  const { services } = ctx;
  const { city } = ctx.params;
  await services.tenancy.requireCity(city);
  const format: Format = ctx.query.format === 'csv' ? 'csv' : 'xlsx';
  const matters = await services.catalogue.matters(city);
  const rows = catalogueSheet(matters);
  // The bodies' USCCs ride along once any body of the city has one (R15).
  const usccCells = await bodyUsccCells(services, city);
  if (usccCells.size > 0) {
    rows[0]?.push(BODY_USCC_HEADER);
    for (const [i, m] of matters.entries()) rows[i + 1]?.push(usccCells.get(m.department ?? '') ?? '');
  }
  const body = format === 'csv' ? withBom(csvOf(rows)) : await xlsxCodec.write(rows);
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
