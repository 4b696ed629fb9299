import { DomainError } from '@onewindow/domain';
import { CaseRepository, type Store } from '@onewindow/store';

interface FeeReceipt {
  readonly receiptNo: unknown;
  readonly caseNo: unknown;
  readonly matter: unknown;
  readonly amount: unknown;
  readonly at: unknown;
  readonly fees: unknown;
}

/** Tenant administration around the window: the fee report (authorisations: window-grants.ts). */
export class WindowOfficeService {
  constructor(private readonly store: Store) {}

  /** Centralised fee collection from `from` to `to` (dates), per collecting department, in yuan to the fen. */
  async feeReport(tenant: string, from: string, to: string) {
    if (to < from) throw new DomainError('validation', '结束日期早于开始日期', 'to is before from', 'to');
    const rows = await new CaseRepository(this.store).fees(tenant, from, to);
    const departments = new Map<
      string,
      { body: string; count: number; total: number; receipts: FeeReceipt[] }
    >();
    for (const r of rows) {
      const body = String(r.collectingBody ?? '');
      const d = departments.get(body) ?? { body, count: 0, total: 0, receipts: [] };
      d.count += 1;
      d.total = Math.round((d.total + Number(r.amount ?? 0)) * 100) / 100;
      d.receipts.push({
        receiptNo: r.receiptNo,
        caseNo: r.caseNo,
        matter: r.matter,
        amount: r.amount,
        at: r.at,
        fees: r.fees,
      });
      departments.set(body, d);
    }
    const list = [...departments.values()].sort((a, b) => a.body.localeCompare(b.body));
    return {
      from,
      to,
      departments: list,
      total: Math.round(list.reduce((s, d) => s + d.total * 100, 0)) / 100,
    };
  }
}
