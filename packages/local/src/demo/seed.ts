import type { AppEnv } from '@onewindow/api';
import type { Hono } from 'hono';
import { demoUscc } from './codes';
import { demoCities, demoTenants, demoUsers } from './tenancy';

/**
 * The hall's address and phone the documents print: the demo tenant's own when its data names
 * them, else one made from its name (the demo data predates these fields).
 */
const hallOf = (t: { name: string; address?: string; phone?: string }) => ({
  address: t.address ?? `${t.name}政务服务中心一楼综合受理大厅`,
  phone: t.phone ?? '025-5210 0000',
});

type Request = (method: string, path: string, body: unknown) => Promise<Response>;

/**
 * Loads the demo data through the API itself, so demo data passes the same
 * validation as a person's input. Running it again changes nothing: an entity that
 * exists answers 409 and is left as it is.
 */
export async function seedDemo(
  app: Hono<AppEnv>,
  token: string,
): Promise<{ created: number; existing: number }> {
  const request: Request = (method, path, body) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  let created = 0;
  let existing = 0;
  const call = async (method: string, path: string, body: unknown) => {
    const res = await request(method, path, body);
    if (res.status === 409) existing++;
    else if (res.ok) created++;
    else throw new Error(`demo data: ${method} ${path} answered ${res.status}: ${await res.text()}`);
  };
  for (const city of demoCities) await call('POST', '/v1/cities', city);
  for (const t of demoTenants) {
    const city = t.id.split('.')[0];
    await call('POST', `/v1/cities/${city}/tenants`, {
      id: t.id,
      name: t.name,
      kind: t.kind,
      ...(t.parent ? { parent: t.parent } : {}),
      ...hallOf(t),
    });
    for (const body of t.bodies) {
      await call('POST', `/v1/tenants/${t.id}/bodies`, { ...body, uscc: demoUscc(t.id, body) });
    }
  }
  for (const u of demoUsers) {
    if (!u.tenant) continue;
    const staffRoles = u.roles.filter((r) => r !== 'platform-admin' && r !== 'city-admin');
    await call('POST', `/v1/tenants/${u.tenant}/staff`, {
      id: u.sub,
      name: u.name,
      since: t.since,
      roles: staffRoles,
      ...(u.body ? { body: u.body } : {}),
      ...(u.backupFor ? { backupFor: u.backupFor } : {}),
    });
  }
  return { created, existing };
}
