import type { AppServices } from '@onewindow/app';
import { cityOfTenant, isTenantId, type MatterDefinition, usccProblem } from '@onewindow/domain';
import type { RowError, SheetCell } from './catalogue-sheet';

/**
 * The catalogue sheet's optional 实施部门统一社会信用代码 column (R15): the USCC of the row's
 * department in each tenant that has it, `<tenant> <USCC>` entries, so the codes implementation
 * codes derive from travel with the catalogue. The export fills it from the bodies; the import
 * gives each named body that has none its code (a USCC is for life, so one already registered
 * must match). Rows naming the same body must agree.
 */
export const BODY_USCC_HEADER = '实施部门统一社会信用代码';

const text = (cell: SheetCell | undefined): string =>
  cell === null || cell === undefined ? '' : String(cell).trim();

const rowError = (row: number, zh: string, en: string): RowError => ({
  row,
  column: BODY_USCC_HEADER,
  zh,
  en,
});

/** A body the import will give its USCC. */
export interface UsccUpdate {
  readonly tenant: string;
  readonly code: string;
  readonly uscc: string;
}

/** Checks the column's cells against the city's bodies; nothing is written here. */
export async function planBodyUsccs(
  services: AppServices,
  city: string,
  matters: readonly { readonly row: number; readonly definition: Pick<MatterDefinition, 'department'> }[],
  cells: ReadonlyMap<number, SheetCell>,
): Promise<{ updates: UsccUpdate[]; problems: RowError[] }> {
  const problems: RowError[] = [];
  const wanted = new Map<string, { update: UsccUpdate; row: number }>();
  const bodies = new Map<string, ReturnType<AppServices['tenancy']['bodies']>>();
  const bodiesOf = (tenant: string) => {
    let found = bodies.get(tenant);
    if (!found) {
      found = services.tenancy.bodies(tenant);
      bodies.set(tenant, found);
    }
    return found;
  };
  for (const { row, definition } of matters) {
    const entries = text(cells.get(row))
      .split(/[；;\r\n]+/)
      .map((e) => e.trim())
      .filter((e) => e !== '');
    if (entries.length === 0) continue;
    const department = definition.department;
    if (!department) {
      problems.push(rowError(row, '须同时填写实施部门', 'the row needs a 实施部门 (department) too'));
      continue;
    }
    for (const [i, entry] of entries.entries()) {
      const [tenant = '', uscc = '', extra] = entry.split(/\s+/u);
      const at = (zh: string, en: string) =>
        problems.push(rowError(row, `第${i + 1}项“${entry}”：${zh}`, `entry ${i + 1} '${entry}': ${en}`));
      if (!isTenantId(tenant) || uscc === '' || extra !== undefined) {
        at('应为“租户编码 统一社会信用代码”', "must be 'tenant USCC'");
        continue;
      }
      const problem = usccProblem(uscc);
      if (problem) {
        at(problem[0], problem[1]);
        continue;
      }
      const body =
        cityOfTenant(tenant) === city
          ? (await bodiesOf(tenant)).find((b) => b.code === department)
          : undefined;
      if (!body) {
        at(
          `本市租户“${tenant}”没有机构“${department}”`,
          `no body '${department}' in tenant '${tenant}' of this city`,
        );
        continue;
      }
      if (body.uscc !== undefined && body.uscc !== uscc) {
        at(
          `该机构已登记为 ${body.uscc}，统一社会信用代码终身不变`,
          `the body is registered as ${body.uscc}; a USCC is for life`,
        );
        continue;
      }
      const earlier = wanted.get(body.ref);
      if (earlier && earlier.update.uscc !== uscc) {
        at(`与第${earlier.row}行所填不同`, `differs from row ${earlier.row}`);
        continue;
      }
      if (!earlier && body.uscc === undefined) {
        wanted.set(body.ref, { update: { tenant, code: department, uscc }, row });
      }
    }
  }
  return { updates: [...wanted.values()].map((w) => w.update), problems };
}

/** The column's cell for each department: every body of that code in the city's tenants with its USCC. */
export async function bodyUsccCells(services: AppServices, city: string): Promise<Map<string, string>> {
  const tenants = await services.tenancy.tenants(city);
  const lists = await Promise.all(tenants.map((t) => services.tenancy.bodies(t.id)));
  const byCode = new Map<string, string[]>();
  for (const body of lists.flat()) {
    if (body.uscc) byCode.set(body.code, [...(byCode.get(body.code) ?? []), `${body.tenant} ${body.uscc}`]);
  }
  return new Map([...byCode].map(([code, entries]) => [code, entries.sort().join('；')]));
}
