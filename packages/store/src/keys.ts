/**
 * Key builders. Every key starts with its owning scope (DESIGN.md decision 4), so a
 * tenant's data is one key prefix and a cross-tenant read needs a key we never build
 * from a request that is not in the token's scope.
 */
export const platformPk = (): string => 'P#';
export const cityPk = (city: string): string => `C#${city}`;
export const tenantPk = (tenant: string): string => `T#${tenant}`;

export const keys = {
  city: (city: string) => ({ pk: platformPk(), sk: `CITY#${city}` }),
  tenant: (city: string, tenant: string) => ({ pk: cityPk(city), sk: `TENANT#${tenant}` }),
  /** What the city sets for evaluation (R18): one item beside its tenants. */
  evaluation: (city: string) => ({ pk: cityPk(city), sk: 'EVALUATION' }),
  body: (tenant: string, code: string) => ({ pk: tenantPk(tenant), sk: `BODY#${code}` }),
  staff: (tenant: string, id: string) => ({ pk: tenantPk(tenant), sk: `STAFF#${id}` }),
  /** Holds the B role of a post, so a post gets at most one backup. */
  backup: (tenant: string, staffId: string) => ({ pk: tenantPk(tenant), sk: `BACKUP#${staffId}` }),
  idempotency: (scopePk: string, caller: string, key: string) => ({
    pk: scopePk,
    sk: `IDEM#${caller}#${key}`,
  }),
  audit: (scopePk: string, at: string, id: string) => ({ pk: scopePk, sk: `AUDIT#${at}#${id}` }),
  matter: (city: string, code: string) => ({ pk: cityPk(city), sk: `MATTER#${code}` }),
  /** A tenant's own settings for a matter it holds (promised days, window, fees). */
  matterSettings: (tenant: string, code: string) => ({ pk: tenantPk(tenant), sk: `MSET#${code}` }),
  seal: (tenant: string, id: string) => ({ pk: tenantPk(tenant), sk: `SEAL#${id}` }),
  /** Authority periods sort by matter, then start instant: the one in force is one Query away. */
  period: (tenant: string, matter: string, from: string) => ({
    pk: tenantPk(tenant),
    sk: `AUTH#${matter}#${from}`,
  }),
  rollout: (city: string, id: string) => ({ pk: cityPk(city), sk: `ROLLOUT#${id}` }),
  /**
   * One shard of the open-case counter per matter, kept by case handling; rollout preview
   * reads the sum of the shards (R2).
   */
  openCases: (tenant: string, matter: string, shard: number) => ({
    pk: tenantPk(tenant),
    sk: `OPENCASES#${matter}#${shard}`,
  }),
  /**
   * Clock jobs, ordered by due instant within their lane: rollouts in a lane of their own, every
   * other job in one of a few lanes chosen by its id (jobs.ts `jobKey`), so a midnight's thousands
   * of case ticks are read and deleted over several partitions at once.
   */
  job: (lane: string, dueAt: string, id: string) => ({ pk: `JOB#${lane}`, sk: `${dueAt}#${id}` }),
} as const;

export type Key = { readonly pk: string; readonly sk: string };
