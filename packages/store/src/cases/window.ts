import type { Write } from '../store';
import { caseKeys } from './keys';

/** A window officer's authorisation to decide named on-the-spot matters, until an optional instant. */
export interface WindowAuthorisation {
  readonly staff: string;
  readonly matters: readonly string[];
  readonly until?: string;
  readonly updatedAt: string;
}

/** The write that sets (or replaces) an officer's window authorisation. */
export const windowAuthorisationWrite = (tenant: string, a: WindowAuthorisation): Write => ({
  put: { ...caseKeys.windowAuthorisation(tenant, a.staff), entity: 'window-authorisation', ...a },
});
