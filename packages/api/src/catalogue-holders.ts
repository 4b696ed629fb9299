import type { AppServices, InitialHoldersRecorded } from '@onewindow/app';
import {
  type AuthorityPeriod,
  cityOfTenant,
  DomainError,
  type InitialHolder,
  isId,
  isTenantId,
  parentPathOf,
} from '@onewindow/domain';
import { INITIAL_HOLDERS_HEADER } from './catalogue-format';
import type { RowError, SheetCell } from './catalogue-sheet';

/**
 * The import's optional 初始实施租户 column (R13): in which tenants the row's department held
 * the matter when the tenant began. Kept apart from the matter columns, which describe the
 * city's definition; this one says who held it where, and becomes authority periods.
 *
 * An entry is `<tenant> <seal>`, or `<tenant> <seal> 进驻 <hall body>` when the department's
 * window sat in the hall (stationed, R12). The implementing body is the row's 实施部门 in that
 * tenant, or in the nearest tenant above it that has such a body (a district department for
 * its sub-district); it supervises too.
 */

const headerKey = (header: string): string => header.normalize('NFKC').replace(/\s+/gu, '');
const text = (cell: SheetCell | undefined): string =>
  cell === null || cell === undefined ? '' : String(cell).trim();

/**
 * The rows without the column (`header`, by default this one), and its cell per row number
 * (header = 1); the matter columns read the rest.
 */
export function splitHolderColumn(
  rows: readonly (readonly SheetCell[])[],
  header = INITIAL_HOLDERS_HEADER,
): {
  rows: SheetCell[][];
  cells: Map<number, SheetCell>;
} {
  const at = (rows[0] ?? []).findIndex((c) => headerKey(text(c)) === headerKey(header));
  if (at < 0) return { rows: rows.map((r) => [...r]), cells: new Map() };
  const cells = new Map<number, SheetCell>();
  const rest = rows.map((r, i) => {
    if (i > 0) cells.set(i + 1, r[at] ?? null);
    return r.filter((_, j) => j !== at);
  });
  return { rows: rest, cells };
}

interface Entry {
  readonly tenant: string;
  readonly seal: string;
  readonly window?: string;
}

function readEntries(cell: SheetCell): Entry[] | string {
  const list = text(cell)
    .split(/[；;\r\n]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const out: Entry[] = [];
  for (const [i, e] of list.entries()) {
    const [tenant = '', seal = '', mark, window, extra] = e.split(/\s+/u);
    const stationed = mark === '进驻' || mark === 'stationed';
    if (
      !isTenantId(tenant) ||
      !isId(seal) ||
      extra !== undefined ||
      (mark !== undefined && (!stationed || !window || !isId(window)))
    ) {
      return `第${i + 1}项“${e}”应为“租户编码 印章编号”或“租户编码 印章编号 进驻 大厅机构编码”|entry ${i + 1} '${e}' must be 'tenant seal' or 'tenant seal 进驻 hall-body'`;
    }
    out.push({ tenant, seal, ...(window ? { window } : {}) });
  }
  return out;
}

const rowError = (row: number, zh: string, en: string): RowError => ({
  row,
  column: INITIAL_HOLDERS_HEADER,
  zh,
  en,
});

/** What the import will record per tenant, checked whole before the catalogue is written. */
export interface PlannedHolders {
  readonly plans: { readonly periods: AuthorityPeriod[]; readonly outcome: InitialHoldersRecorded }[];
  readonly problems: RowError[];
}

export async function planImportedHolders(
  services: AppServices,
  city: string,
  matters: readonly { readonly row: number; readonly definition: { code: string; department?: string } }[],
  cells: ReadonlyMap<number, SheetCell>,
): Promise<PlannedHolders> {
  const problems: RowError[] = [];
  const byTenant = new Map<string, { items: InitialHolder[]; rows: number[] }>();
  const bodies = new Map<string, Promise<Set<string> | undefined>>();
  const bodiesOf = (tenant: string) => {
    let found = bodies.get(tenant);
    if (!found) {
      found = (async () => {
        if (!(await services.tenancy.tenant(tenant))) return undefined;
        return new Set((await services.tenancy.bodies(tenant)).map((b) => b.code));
      })();
      bodies.set(tenant, found);
    }
    return found;
  };
  for (const { row, definition } of matters) {
    const cell = cells.get(row) ?? null;
    if (text(cell) === '') continue;
    const entries = readEntries(cell);
    if (typeof entries === 'string') {
      const [zh = '', en = ''] = entries.split('|');
      problems.push(rowError(row, zh, en));
      continue;
    }
    const department = definition.department;
    if (!department) {
      problems.push(rowError(row, '须同时填写实施部门', 'the row needs a 实施部门 (department) too'));
      continue;
    }
    for (const e of entries) {
      if (cityOfTenant(e.tenant) !== city || !(await bodiesOf(e.tenant))) {
        problems.push(rowError(row, `本市没有租户“${e.tenant}”`, `no tenant '${e.tenant}' in this city`));
        continue;
      }
      let holder: string | undefined;
      for (let t: string | undefined = e.tenant; t && !holder; t = parentPathOf(t)) {
        if ((await bodiesOf(t))?.has(department)) holder = t;
      }
      if (!holder) {
        problems.push(
          rowError(
            row,
            `租户“${e.tenant}”及其上级均无机构“${department}”`,
            `neither '${e.tenant}' nor a tenant above it has a body '${department}'`,
          ),
        );
        continue;
      }
      const entry = byTenant.get(e.tenant) ?? { items: [], rows: [] };
      entry.items.push({
        matter: definition.code,
        body: `${holder}/${department}`,
        seal: e.seal,
        ...(e.window ? { mode: 'stationed' as const, windowBody: `${e.tenant}/${e.window}` } : {}),
      });
      entry.rows.push(row);
      byTenant.set(e.tenant, entry);
    }
  }
  const codes = matters.map((m) => m.definition.code);
  const plans: PlannedHolders['plans'] = [];
  for (const [tenant, { items, rows }] of byTenant) {
    try {
      plans.push(await services.empowerment.planInitialHolders(tenant, { items }, codes));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const index = /^items\.(\d+)/.exec(error.field ?? '')?.[1];
      const row = index === undefined ? (rows[0] ?? 1) : (rows[Number(index)] ?? 1);
      problems.push(rowError(row, `${tenant}：${error.zh}`, `${tenant}: ${error.en}`));
    }
  }
  return { plans, problems };
}
