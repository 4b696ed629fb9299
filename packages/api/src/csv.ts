/**
 * RFC 4180 CSV, as Excel and WPS write it on Chinese Windows: quoted fields may hold commas,
 * doubled quotes and line breaks; records end in CRLF (LF or CR alone are read too).
 */

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    /** The record (spreadsheet row, from 1) that could not be read. */
    readonly row: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Text of an uploaded file. Excel saves "CSV UTF-8" with a BOM but plain "CSV" in the system
 * code page, which on Chinese Windows is GBK; bytes that are not valid UTF-8 are read as
 * GB18030, the superset of GBK and GB2312.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (charset && /^(gbk|gb2312|gb18030)$/i.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** Records of fields. An empty line is a record with one empty field, so record n is row n. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteOpenedAt = 0;
  let i = 0;
  const endRecord = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteOpenedAt = rows.length + 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      // A stray quote inside an unquoted field is kept as text, as Excel does.
      field += ch;
    }
    i++;
  }
  if (quoted) throw new CsvSyntaxError(quoteOpenedAt, '引号未闭合', 'a quoted field is not closed');
  // A final line break ends the last record; it does not start another.
  if (field !== '' || row.length > 0) endRecord();
  return rows;
}

// Excel runs a cell starting with these as a formula (CSV injection); a leading ' makes it text.
// Cells already starting with quotes before such a character get one more, so reading undoes it exactly.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Undoes the export's formula guard: `'=x` was written for the text `=x`. */
export const unguardFormula = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;

function quote(cell: string): string {
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with CRLF line ends, each field quoted only when it needs to be. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(quote).join(',')}\r\n`).join('');
}

/** A UTF-8 BOM before the text: without it Excel reads UTF-8 CSV as the system code page. */
export const withBom = (text: string): Uint8Array => {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM);
  out.set(body, 3);
  return out;
};
