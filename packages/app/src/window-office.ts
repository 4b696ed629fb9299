import { DomainError, toInstant } from '@onewindow/domain';
import {
  CaseRepository,
  type Store,
  TenancyRepository,
  type WindowAuthorisation,
  windowAuthorisationWrite,
} from '@onewindow/store';
import type { Invocation, Respond } from './context';

interface FeeReceipt {
  readonly receiptNo: unknown;
  readonly caseNo: unknown;
  readonly matter: unknown;
  readonly amount: unknown;
  readonly at: unknown;
  readonly fees: unknown;
}

/** Tenant administration around the window: chief-representative authorisations and the fee report. */
export class WindowOfficeService {
  constructor(private readonly store: Store) {}

  /** Authorises a window officer to decide named on-the-spot matters, until an optional instant. */
  async authorise(
    invocation: Invocation,
    input: { tenant: string; staff: string; matters: readonly string[]; until?: string },
    respond: Respond<WindowAuthorisation>,
  ) {
    const staff = await new TenancyRepository(this.store).staffMember(input.tenant, input.staff);
    if (!staff) throw new DomainError('not-found', '工作人员不存在', `no staff member '${input.staff}'`);
    if (!staff.roles.includes('window-clerk')) {
      throw new DomainError(
        'validation',
        '只能授权窗口人员',
        'only a window clerk can hold a window authorisation',
        'staff',
      );
    }
    let until: string | undefined;
    if (input.until !== undefined) {
      try {
        until = toInstant(input.until);
      } catch (cause) {
        throw new DomainError('validation', '授权期限不是有效的时间', 'until is not an instant', {
          field: 'until',
          cause,
        });
      }
    }
    const authorisation: WindowAuthorisation = {
      staff: input.staff,
      matters: [...new Set(input.matters)],
      ...(until ? { until } : {}),
      updatedAt: invocation.now,
    };
    return invocation.commit({
      action: 'window-authorisation.set',
      target: `${input.tenant}/${input.staff}`,
      writes: [windowAuthorisationWrite(input.tenant, authorisation)],
      response: respond(authorisation),
    });
  }

  authorisations(tenant: string): Promise<WindowAuthorisation[]> {
    return new CaseRepository(this.store).windowAuthorisations(tenant);
  }

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
