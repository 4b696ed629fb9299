import {
  type ApprovalLevel,
  checkMatter,
  DomainError,
  type ErrorEntry,
  type Fee,
  type HandlingItem,
  JOINT_HANDLING_NAMES,
  JOINT_HANDLINGS,
  type JointHandling,
  MATTER_TYPE_NAMES,
  MATTER_TYPES,
  type Material,
  type MatterDefinition,
  type MatterType,
  SPECIAL_STEP_KINDS,
  SPECIAL_STEP_NAMES,
  type SpecialStep,
  type SpecialStepKind,
} from '@onewindow/domain';
import { CATALOGUE_HEADER } from './catalogue-format';
import { id, MatterInput } from './schemas';
import { fieldErrors } from './validate';

/**
 * The catalogue as a spreadsheet, one matter a row, with the column headers service centres
 * use. Shared by .xlsx and .csv: both are read into rows of cells first.
 */

export type SheetCell = string | number | boolean | null;

/** Reads and writes .xlsx as rows of cells (xlsx.ts), so the format code stays library-free. */
export interface XlsxCodec {
  /** Rows of the first sheet, row 1 first. */
  read(bytes: Uint8Array): Promise<SheetCell[][]>;
  write(rows: readonly (readonly SheetCell[])[]): Promise<Uint8Array>;
}

/** The upload is not a spreadsheet that can be read (a legacy .xls, a broken zip). */
export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

class CellError extends Error {
  override readonly name = 'CellError';
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const text = (cell: SheetCell): string => (cell === null ? '' : String(cell).trim());

/** Entries of a multi-value cell: separated by ；, ; or line breaks. */
const entries = (cell: SheetCell): string[] =>
  text(cell)
    .split(/[；;\r\n]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');

const joinEntries = (list: readonly string[]): string => list.join('；');

/** `编码 名称`: the code, then the name after the first run of spaces (full-width ones too). */
function codeAndName(entry: string, index: number, example: string): [string, string] {
  const match = /^(\S+)\s+(.+)$/u.exec(entry);
  if (!match?.[1] || !match[2]) {
    throw new CellError(
      `第${index + 1}项“${entry}”应为“编码 名称”，如“${example}”`,
      `entry ${index + 1} '${entry}' must be 'code name', e.g. '${example}'`,
    );
  }
  return [match[1], match[2].trim()];
}

const CORE_MARK = '【核心】';

function readItems(cell: SheetCell): HandlingItem[] {
  return entries(cell).map((e, i) => {
    const [code, name] = codeAndName(e, i, '01 新办');
    return { code, name };
  });
}

function readMaterials(cell: SheetCell): Material[] {
  return entries(cell).map((e, i) => {
    const [code, rest] = codeAndName(e, i, 'm1 申请表【核心】');
    const core = rest.endsWith(CORE_MARK);
    return { code, name: core ? rest.slice(0, -CORE_MARK.length).trim() : rest, core };
  });
}

function readFees(cell: SheetCell): Fee[] {
  return entries(cell).map((e, i) => {
    const match = /^(\S+)\s+(.+?)\s+(\d+(?:\.\d+)?)\s*元?$/u.exec(e);
    if (!match?.[1] || !match[2] || !match[3]) {
      throw new CellError(
        `第${i + 1}项“${e}”应为“编码 名称 金额”，如“f1 工本费 10.00”`,
        `entry ${i + 1} '${e}' must be 'code name amount', e.g. 'f1 工本费 10.00'`,
      );
    }
    return { code: match[1], name: match[2], amount: Number(match[3]) };
  });
}

const STEP_KINDS = new Map<string, SpecialStepKind>(
  SPECIAL_STEP_KINDS.flatMap((k) => [
    [k, k],
    [SPECIAL_STEP_NAMES[k], k],
  ]),
);

function readSpecialSteps(cell: SheetCell): SpecialStep[] | undefined {
  const list = entries(cell);
  if (list.length === 0) return undefined;
  return list.map((e, i) => {
    const match = /^(.+?)\s*(\d+)\s*(?:个?工作日|天)?$/u.exec(e);
    const kind = match?.[1] ? STEP_KINDS.get(match[1].trim()) : undefined;
    if (!match?.[2] || !kind) {
      throw new CellError(
        `第${i + 1}项“${e}”应为“名称 天数”，名称为${Object.values(SPECIAL_STEP_NAMES).join('、')}，如“现场勘验 5”`,
        `entry ${i + 1} '${e}' must be 'name days' with a name of ${SPECIAL_STEP_KINDS.join(', ')}`,
      );
    }
    return { kind, days: Number(match[2]) };
  });
}

const LEVEL_WORDS = new Map<string, ApprovalLevel['kind']>([
  ['承办', 'undertake'],
  ['审核', 'review'],
  ['审批', 'sign'],
  ['签发', 'sign'],
  ['审批（签发）', 'sign'],
]);
const HEAD_MARK = '（负责人）';

/** '承办；审核；签发（负责人）': the levels in order, the head's marked (R16). */
function readLevels(cell: SheetCell): ApprovalLevel[] | undefined {
  const list = entries(cell);
  if (list.length === 0) return undefined;
  return list.map((e, i) => {
    const entry = e.normalize('NFKC').replace(/\(负责人\)$/u, HEAD_MARK);
    const head = entry.endsWith(HEAD_MARK);
    const kind = LEVEL_WORDS.get(head ? entry.slice(0, -HEAD_MARK.length) : entry);
    if (!kind)
      throw new CellError(
        `第${i + 1}项“${e}”应为承办、审核或签发，负责人签署的加“${HEAD_MARK}”`,
        `entry ${i + 1} '${e}' must be 承办, 审核 or 签发, with ${HEAD_MARK} for the head's level`,
      );
    return head ? { kind, head } : { kind };
  });
}

const LEVEL_WRITTEN: Record<ApprovalLevel['kind'], string> = {
  undertake: '承办',
  review: '审核',
  sign: '签发',
};

const TYPES = new Map<string, MatterType>(
  MATTER_TYPES.flatMap((t) => [
    [t, t],
    [MATTER_TYPE_NAMES[t], t],
  ]),
);

function readType(cell: SheetCell): MatterType | undefined {
  const value = text(cell);
  if (value === '') return undefined;
  const type = TYPES.get(value);
  if (!type) {
    throw new CellError(
      `事项类型应为：${Object.values(MATTER_TYPE_NAMES).join('、')}`,
      `the type must be one of: ${MATTER_TYPES.join(', ')}`,
    );
  }
  return type;
}

function readDays(cell: SheetCell): number | undefined {
  if (typeof cell === 'number') return cell;
  const value = text(cell);
  if (value === '') return undefined;
  if (!/^\d+$/.test(value))
    throw new CellError('应为工作日数（整数）', 'must be a whole number of working days');
  return Number(value);
}

/** 档案保管期限: whole years; the schema bounds them (1–100). */
function readYears(cell: SheetCell): number | undefined {
  if (typeof cell === 'number') return cell;
  const value = text(cell);
  if (value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new CellError('应为年数（整数）', 'must be a whole number of years');
  return Number(value);
}

function readYesNo(cell: SheetCell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  const value = text(cell).toLowerCase();
  if (value === '') return undefined;
  if (value === '是' || value === 'true') return true;
  if (value === '否' || value === 'false') return false;
  throw new CellError('应为“是”或“否”', "must be '是' (yes) or '否' (no)");
}

/** 统一办理, 联合办理 or 集中办理 (or the English code); empty when one body handles the matter alone. */
function readJointHandling(cell: SheetCell): JointHandling | undefined {
  const value = text(cell);
  if (value === '') return undefined;
  const found = JOINT_HANDLINGS.find((j) => j === value || JOINT_HANDLING_NAMES[j] === value);
  if (!found) {
    throw new CellError(
      `应为：${Object.values(JOINT_HANDLING_NAMES).join('、')}，或留空`,
      `must be one of: ${JOINT_HANDLINGS.join(', ')}, or empty`,
    );
  }
  return found;
}

/** An empty cell is an absent value, so the schema says 必填 rather than "too short". */
const optionalText = (cell: SheetCell): string | undefined => text(cell) || undefined;

interface Column {
  readonly field: keyof MatterDefinition;
  readonly header: string;
  /** A file without this column is rejected; an optional column left out means "none". */
  readonly required: boolean;
  readonly read: (cell: SheetCell) => unknown;
  readonly write: (m: MatterDefinition) => SheetCell;
}

/** The columns, in the order the export writes them. */
export const CATALOGUE_COLUMNS: readonly Column[] = [
  { field: 'code', header: CATALOGUE_HEADER.code, required: true, read: optionalText, write: (m) => m.code },
  { field: 'name', header: CATALOGUE_HEADER.name, required: true, read: optionalText, write: (m) => m.name },
  {
    field: 'type',
    header: CATALOGUE_HEADER.type,
    required: true,
    read: readType,
    write: (m) => MATTER_TYPE_NAMES[m.type],
  },
  {
    field: 'items',
    header: CATALOGUE_HEADER.items,
    required: true,
    read: readItems,
    write: (m) => joinEntries(m.items.map((i) => `${i.code} ${i.name}`)),
  },
  {
    field: 'legalBasis',
    header: CATALOGUE_HEADER.legalBasis,
    required: true,
    read: optionalText,
    write: (m) => m.legalBasis,
  },
  {
    field: 'statutoryDays',
    header: CATALOGUE_HEADER.statutoryDays,
    required: true,
    read: readDays,
    write: (m) => m.statutoryDays,
  },
  {
    field: 'promisedDays',
    header: CATALOGUE_HEADER.promisedDays,
    required: true,
    read: readDays,
    write: (m) => m.promisedDays,
  },
  {
    field: 'onTheSpot',
    header: CATALOGUE_HEADER.onTheSpot,
    required: true,
    read: readYesNo,
    write: (m) => (m.onTheSpot ? '是' : '否'),
  },
  {
    field: 'materials',
    header: CATALOGUE_HEADER.materials,
    required: true,
    read: readMaterials,
    write: (m) => joinEntries(m.materials.map((x) => `${x.code} ${x.name}${x.core ? CORE_MARK : ''}`)),
  },
  {
    field: 'fees',
    header: CATALOGUE_HEADER.fees,
    required: true,
    read: readFees,
    write: (m) => joinEntries(m.fees.map((f) => `${f.code} ${f.name} ${f.amount.toFixed(2)}`)),
  },
  {
    field: 'specialSteps',
    header: CATALOGUE_HEADER.specialSteps,
    required: false,
    read: readSpecialSteps,
    write: (m) => joinEntries((m.specialSteps ?? []).map((s) => `${SPECIAL_STEP_NAMES[s.kind]} ${s.days}`)),
  },
  {
    field: 'department',
    header: CATALOGUE_HEADER.department,
    required: false,
    read: optionalText,
    write: (m) => m.department ?? '',
  },
  {
    field: 'basicCode',
    header: CATALOGUE_HEADER.basicCode,
    required: false,
    read: optionalText,
    write: (m) => m.basicCode ?? '',
  },
  {
    field: 'approvalLevels',
    header: CATALOGUE_HEADER.approvalLevels,
    required: false,
    read: readLevels,
    write: (m) =>
      joinEntries((m.approvalLevels ?? []).map((l) => LEVEL_WRITTEN[l.kind] + (l.head ? HEAD_MARK : ''))),
  },
  {
    field: 'jointHandling',
    header: CATALOGUE_HEADER.jointHandling,
    required: false,
    read: readJointHandling,
    write: (m) => (m.jointHandling ? JOINT_HANDLING_NAMES[m.jointHandling] : ''),
  },
  {
    field: 'archiveYears',
    header: CATALOGUE_HEADER.archiveYears,
    required: false,
    read: readYears,
    write: (m) => m.archiveYears ?? '',
  },
];

/** Header text compared loosely: NFKC folds full-width parentheses and spaces, then spaces go. */
const headerKey = (header: string): string => header.normalize('NFKC').replace(/\s+/gu, '');

const COLUMN_BY_KEY = new Map(CATALOGUE_COLUMNS.map((c) => [headerKey(c.header), c]));

/** One spreadsheet cell that failed: its row (header = 1) and column header. */
export type RowError = Extract<ErrorEntry, { row: number }>;

const problem = (row: number, column: string, zh: string, en: string): RowError => ({ row, column, zh, en });

const headerOf = (field: string): string => CATALOGUE_COLUMNS.find((c) => c.field === field)?.header ?? field;
const CODE_HEADER = headerOf('code');

/** Which cell index holds each column; unknown, repeated and missing headers are problems of row 1. */
export function matchHeaders(header: readonly SheetCell[]): {
  columns: Map<Column, number>;
  problems: RowError[];
} {
  const columns = new Map<Column, number>();
  const problems: RowError[] = [];
  for (const [index, cell] of header.entries()) {
    const title = text(cell);
    // Spreadsheets often carry empty trailing header cells; they name no column.
    if (title === '') continue;
    const column = COLUMN_BY_KEY.get(headerKey(title));
    if (!column) problems.push(problem(1, title, '未知的列', 'is not a known column'));
    else if (columns.has(column)) problems.push(problem(1, title, '列重复', 'appears twice'));
    else columns.set(column, index);
  }
  for (const column of CATALOGUE_COLUMNS) {
    if (column.required && !columns.has(column)) {
      problems.push(problem(1, column.header, '缺少必填列', 'the required column is missing'));
    }
  }
  return { columns, problems };
}

const SUB_FIELDS: Record<string, [string, string]> = {
  code: ['编码', 'code'],
  name: ['名称', 'name'],
  amount: ['金额', 'amount'],
  days: ['天数', 'days'],
  kind: ['名称', 'name'],
  core: ['核心标记', 'core mark'],
};

/** `items.1.code: 格式不正确` → `第2项的编码：格式不正确`, so the clerk finds the entry in the cell. */
function locate(rest: readonly string[], zh: string, en: string): [string, string] {
  const [index, sub] = rest;
  if (index === undefined || !/^\d+$/.test(index)) return [zh, en];
  const n = Number(index) + 1;
  const [subZh, subEn] = (sub && SUB_FIELDS[sub]) || ['', ''];
  return [`第${n}项${subZh ? `的${subZh}` : ''}：${zh}`, `entry ${n}${subEn ? ` ${subEn}` : ''}: ${en}`];
}

export interface CatalogueSheet {
  /** Data rows that are not empty. */
  readonly rows: number;
  readonly matters: readonly { readonly row: number; readonly definition: MatterDefinition }[];
  /** Every problem found, in row order; the import writes nothing unless this is empty. */
  readonly problems: readonly RowError[];
}

/**
 * Reads and checks every row: cell syntax, then the same schema as the PUT route, then the
 * catalogue rules, then codes repeated across rows. All problems are collected, not the first.
 */
export function readCatalogueSheet(sheet: readonly (readonly SheetCell[])[]): CatalogueSheet {
  const { columns, problems: headerProblems } = matchHeaders(sheet[0] ?? []);
  // Without the right headers no cell can be read for what it is, so the rows are not judged.
  if (headerProblems.length > 0) return { rows: 0, matters: [], problems: headerProblems };

  const problems: RowError[] = [];
  const matters: { row: number; definition: MatterDefinition }[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;
  for (const [index, cells] of sheet.entries()) {
    if (index === 0 || cells.every((c) => text(c) === '')) continue;
    rows++;
    const row = index + 1;
    const found = problems.length;
    const bad = new Set<string>();
    const candidate: Record<string, unknown> = {};
    for (const [column, at] of columns) {
      try {
        const value = column.read(cells[at] ?? null);
        if (value !== undefined) candidate[column.field] = value;
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        bad.add(column.field);
        problems.push(problem(row, column.header, error.zh, error.en));
      }
    }

    const { code, ...input } = candidate;
    const codeCheck = id.safeParse(code);
    if (!codeCheck.success) {
      problems.push(
        code === undefined || code === ''
          ? problem(row, CODE_HEADER, '必填', 'is required')
          : problem(row, CODE_HEADER, '事项编码只能包含小写字母、数字和连字符', 'a matter code is [a-z0-9-]'),
      );
    } else {
      const first = firstRowOf.get(codeCheck.data);
      if (first === undefined) firstRowOf.set(codeCheck.data, row);
      else {
        problems.push(
          problem(
            row,
            CODE_HEADER,
            `事项编码“${codeCheck.data}”与第${first}行重复`,
            `matter code '${codeCheck.data}' is also on row ${first}`,
          ),
        );
      }
    }

    const parsed = MatterInput.safeParse(input);
    if (!parsed.success) {
      for (const e of fieldErrors(parsed.error.issues)) {
        const [field = '', ...rest] = e.path.split('.');
        if (bad.has(field)) continue;
        const [zh, en] = locate(rest, e.zh, e.en);
        problems.push(problem(row, headerOf(field), zh, en));
      }
      continue;
    }
    if (!codeCheck.success) continue;
    const definition: MatterDefinition = { ...parsed.data, code: codeCheck.data };
    try {
      checkMatter(definition);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const [field = '', ...rest] = (error.field ?? '').split('.');
      const [zh, en] = locate(rest, error.zh, error.en);
      problems.push(problem(row, headerOf(field), zh, en));
    }
    if (problems.length === found) matters.push({ row, definition });
  }
  return { rows, matters, problems };
}

/** The header row and one row per matter, as the export writes them. */
export const catalogueSheet = (matters: readonly MatterDefinition[]): SheetCell[][] => [
  CATALOGUE_COLUMNS.map((c) => c.header),
  ...matters.map((m) => CATALOGUE_COLUMNS.map((c) => c.write(m))),
];
