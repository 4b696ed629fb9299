import type { Body, CaseNames, Tenant } from '@onewindow/api/contract';
import { seg } from '../api';
import type { Ctx } from '../env';

/**
 * The one place the console turns ids into the names a person reads: tenants, bodies,
 * seals and staff. It learns names from what the API sends beside its ids (a case view's
 * `names`) and, on demand, from the tenancy reads the caller may make (a tenant and its
 * bodies); each read is made once per request. An id it cannot name shows as itself.
 */
export interface Names {
  /** The name of an id already known to this request, or the id itself. */
  (id: string | undefined): string;
  /** Names an API answer carried. */
  learn(names: Readonly<Record<string, string>> | undefined): void;
  /** Learns a tenant's name, its bodies' and its seals' (refused or missing reads leave the ids). */
  tenant(id: string | undefined): Promise<void>;
  /** Learns a city's name (the public list of cities). */
  city(id: string | undefined): Promise<void>;
  /** Learns the names of a city's tenants (for its administrators). */
  cityTenants(city: string | undefined): Promise<void>;
  /** Learns the names a case names by id, from the API's `.../names` beside the case at `casePath`. */
  caseNames(casePath: string): Promise<void>;
}

const perRequest = new WeakMap<Request, Names>();

/** The request's name directory (one per request: nothing is kept between requests). */
export function namesOf(c: Ctx): Names {
  const known = perRequest.get(c.req.raw);
  if (known) return known;
  // Who acts on a case without being staff: the clock, the applicant.
  const table = new Map<string, string>(Object.entries(c.get('t').work.actors));
  const loaded = new Map<string, Promise<void>>();
  const api = c.get('api');
  const names = ((id: string | undefined) => (id ? (table.get(id) ?? id) : '')) as Names;
  names.learn = (more) => {
    for (const [k, v] of Object.entries(more ?? {})) if (v) table.set(k, v);
  };
  names.tenant = (id) => {
    if (!id) return Promise.resolve();
    const once = loaded.get(id);
    if (once) return once;
    const load = (async () => {
      const [tenant, bodies, seals] = await Promise.all([
        api.send<Tenant>('GET', `/v1/tenants/${seg(id)}`),
        api.send<{ items: Body[] }>('GET', `/v1/tenants/${seg(id)}/bodies`),
        api.send<{ items: { id: string; name: string }[] }>('GET', `/v1/tenants/${seg(id)}/seals`),
      ]);
      if (tenant.ok) table.set(id, tenant.data.name);
      if (bodies.ok) for (const b of bodies.data.items) table.set(b.ref, b.name);
      // A seal is named by its id in its own tenant, and as `<tenant>/<id>` elsewhere (R14).
      if (seals.ok)
        for (const x of seals.data.items) {
          if (!table.has(x.id)) table.set(x.id, x.name);
          table.set(`${id}/${x.id}`, x.name);
        }
    })().catch(() => undefined);
    loaded.set(id, load);
    return load;
  };
  names.city = (id) => {
    if (!id) return Promise.resolve();
    const once = loaded.get('/cities');
    if (once) return once;
    const load = api
      .send<{ items: { id: string; name: string }[] }>('GET', '/v1/public/cities')
      .then((r) => {
        if (r.ok) for (const x of r.data.items) table.set(x.id, x.name);
      })
      .catch(() => undefined);
    loaded.set('/cities', load);
    return load;
  };
  names.cityTenants = (city) => {
    if (!city) return Promise.resolve();
    const key = `/cities/${city}/tenants`;
    const once = loaded.get(key);
    if (once) return once;
    const load = api
      .send<{ items: Tenant[] }>('GET', `/v1/cities/${seg(city)}/tenants`)
      .then((r) => {
        if (r.ok) for (const x of r.data.items) table.set(x.id, x.name);
      })
      .catch(() => undefined);
    loaded.set(key, load);
    return load;
  };
  names.caseNames = (casePath) =>
    api
      .send<CaseNames>('GET', `${casePath}/names`)
      .then((r) => names.learn(r.ok ? r.data.names : undefined))
      .catch(() => undefined);
  perRequest.set(c.req.raw, names);
  return names;
}
