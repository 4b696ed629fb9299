import { cityOfTenant, type Principal, type Scope } from '@onewindow/domain';
import {
  cityPk,
  IdempotentReplay,
  idempotencyKeyReused,
  keys,
  platformPk,
  type Store,
  type StoredResponse,
  tenantPk,
} from '@onewindow/store';
import type { Invocation } from './context';
import { ttlCache } from './ttl-cache';

const ABSENT = Symbol('absent tenant');

export { IdempotentReplay };

export interface IdempotencyKey {
  readonly key: string;
  readonly fingerprint: string;
}

/** The partition a scope's audit and idempotency records live in. */
const scopePkOf = (scope: Scope): string =>
  scope.kind === 'city'
    ? cityPk(scope.city)
    : scope.kind === 'tenant'
      ? tenantPk(scope.tenant)
      : platformPk();

/**
 * Where commands meet the table: the answer already given to an Idempotency-Key, and the
 * invocation whose `commit` writes a command with its audit and idempotency record.
 */
export class Commands {
  /** Found tenants, remembered a minute (a tenant is never removed); an absent one is not remembered. */
  private readonly knownTenants = ttlCache<true>(60_000);

  constructor(private readonly store: Store) {}

  /** Resolves when the table answers; a store that cannot is a DomainError `unavailable`. */
  ready(): Promise<void> {
    return this.store.ping();
  }

  /** The first answer given under `key`, when this caller used it in this scope; 422 when it was another request. */
  async replay(scope: Scope, caller: string, key: IdempotencyKey): Promise<StoredResponse | undefined> {
    const stored = await this.store.storedResponse(scopePkOf(scope), caller, key.key);
    if (!stored) return undefined;
    if (stored.fingerprint !== key.fingerprint) throw idempotencyKeyReused();
    return { status: stored.status, body: stored.body };
  }

  invocation(input: {
    readonly principal: Principal;
    readonly scope: Scope;
    readonly now: string;
    readonly idempotency?: IdempotencyKey;
  }): Invocation {
    const { principal, now, idempotency } = input;
    const scopePk = scopePkOf(input.scope);
    return {
      principal,
      now,
      commit: (draft) =>
        this.store.commit({
          ...draft,
          actor: principal.sub,
          at: now,
          scopePk,
          ...(idempotency ? { idempotency: { caller: principal.sub, ...idempotency } } : {}),
        }),
      commitAll: (drafts) =>
        this.store.commitMany(drafts.map((draft) => ({ ...draft, actor: principal.sub, at: now, scopePk }))),
    };
  }

  /**
   * Whether `tenant` exists: one read of its record, and a found tenant is remembered by this
   * instance for a minute (a tenant is never removed), so a busy list costs no read per page.
   */
  async tenantExists(tenant: string): Promise<boolean> {
    // A missing tenant fails the load, and the cache keeps no failed load: it is asked again next time.
    const found = this.knownTenants(tenant, async () => {
      if ((await this.store.get(keys.tenant(cityOfTenant(tenant), tenant))) === undefined) throw ABSENT;
      return true;
    });
    return found.catch((error: unknown) => {
      if (error === ABSENT) return false;
      throw error;
    });
  }

  /** A command the platform itself runs (the clock, the stream): audited in the tenant, never idempotent by key. */
  system(actor: string, tenant: string, now: string): Invocation {
    return this.invocation({ principal: { sub: actor, roles: [] }, scope: { kind: 'tenant', tenant }, now });
  }
}
