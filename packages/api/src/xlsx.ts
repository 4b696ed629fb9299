import { type SheetData as ReadData, readSheet } from 'read-excel-file/universal';
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { type SheetCell, UnreadableFile, type XlsxCodec } from './catalogue-sheet';

/**
 * The .xlsx codec of the catalogue file routes. Only the files Lambda, the local stack and
 * tests import this module: its two libraries (~120 KB minified) would not fit the api bundle.
 */
export const xlsxCodec: XlsxCodec = {
  async read(bytes) {
    let data: ReadData;
    try {
      data = await readSheet(new Blob([new Uint8Array(bytes)]));
    } catch (error) {
      const name = (error as Error).name;
      if (
        name === 'InvalidInputError' ||
        name === 'InvalidSpreadsheetError' ||
        name === 'SheetNotFoundError'
      ) {
        throw new UnreadableFile(
          '无法读取该 .xlsx 文件；旧版 .xls 请在 Excel 中另存为 .xlsx',
          `the .xlsx file cannot be read (${(error as Error).message})`,
        );
      }
      throw error;
    }
    return data.map((row) =>
      row.map((cell): SheetCell => {
        // A date typed into a text column still reads as the day it shows.
        if ((cell as unknown) instanceof Date) return (cell as unknown as Date).toISOString().slice(0, 10);
        return cell as SheetCell;
      }),
    );
  },

  write: (rows) => writeSheet(rows, '指导目录', WIDTHS),
};

/** One sheet: a bold header row kept in view, text cells wrapped, columns `widths` characters wide (else 16). */
export async function writeSheet(
  rows: readonly (readonly SheetCell[])[],
  sheet: string,
  widths: readonly number[] = [],
): Promise<Uint8Array> {
  const [header = [], ...body] = rows;
  const data: SheetData = [
    header.map((value) => ({ value: value === null ? '' : String(value), fontWeight: 'bold' as const })),
    // Multi-value cells hold several entries; wrapping keeps them readable.
    ...body.map((row) => row.map((value) => (typeof value === 'string' ? { value, wrap: true } : value))),
  ];
  const blob = await writeXlsxFile(data, {
    sheet,
    stickyRowsCount: 1,
    columns: header.map((_, i) => ({ width: widths[i] ?? 16 })),
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

// Column widths in characters, in the order of CATALOGUE_COLUMNS.
const WIDTHS = [16, 30, 12, 24, 36, 12, 12, 10, 40, 24, 18, 16];
