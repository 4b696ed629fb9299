import type { AppServices } from '@onewindow/app';
import type { Principal, Scope } from '@onewindow/domain';
import { problem } from '../problem';

/**
 * A read of a tenant that does not exist answers 404, as the tenant itself does, never an
 * empty list. Staff of the tenant need no read: their token names a tenant that was made.
 * Commands need none either: they fail on the missing records they name.
 */
export async function requireTenant(
  services: AppServices,
  method: string,
  principal: Principal,
  scope: Scope,
): Promise<void> {
  if (method !== 'get' || scope.kind !== 'tenant' || principal.tenant === scope.tenant) return;
  if (!(await services.commands.tenantExists(scope.tenant))) throw problem('not-found');
}
