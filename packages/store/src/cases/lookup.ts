import type { CaseState } from '@onewindow/domain';
import { tenantPk } from '../keys';
import type { Write } from '../store';

/** What an applicant can be found by: the identity number, the phone and the name. */
export type LookupKind = 'id' | 'phone' | 'name';

/** The one spelling a term is stored and searched in: no spaces, capital X, digits only for a phone. */
export function normaliseTerm(kind: LookupKind, value: string): string {
  const v = value.replace(/\s+/g, '');
  if (kind === 'id') return v.toUpperCase();
  if (kind === 'phone') return v.replace(/\D/g, '');
  return v;
}

/** Which kind a typed search term is: an identity or credit code, a phone number, or a name. */
export function kindOfTerm(value: string): LookupKind {
  const v = value.replace(/\s+/g, '');
  if (/^[0-9A-Za-z]{15,18}$/.test(v) && /\d{6}/.test(v)) return 'id';
  if (/^[\d-]{7,14}$/.test(v)) return 'phone';
  return 'name';
}

/**
 * A look-up item's partition: the tenant and the term's keyed hash (`mac`, made by the
 * caller under a secret key), never the term itself, so the table holds no identity
 * number, phone or name in a key. Its sort key is the case number (newest last).
 */
export const lookupPk = (tenant: string, mac: string) => `${tenantPk(tenant)}#FIND#${mac}`;

/** The look-up items an intake writes in its own transaction, one per term the applicant has. */
export function lookupWrites(state: CaseState, macOf: (kind: LookupKind, term: string) => string): Write[] {
  const a = state.applicant;
  const terms: [LookupKind, string | undefined][] = [
    ['id', a.idNumber],
    ['phone', a.phone],
    ['name', a.name],
  ];
  return terms.flatMap(([kind, value]) => {
    const term = value ? normaliseTerm(kind, value) : '';
    if (!term) return [];
    return [
      {
        put: {
          pk: lookupPk(state.tenant, macOf(kind, term)),
          sk: state.caseNo,
          entity: 'case-lookup',
          caseNo: state.caseNo,
          matter: state.matter,
        },
      },
    ];
  });
}
