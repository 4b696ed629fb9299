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
  // Independent writes go out together (DynamoDB Local takes them concurrently): the cities, then
  // the district-level tenants, then those under them, then every body and staff post of a tenant.
  await Promise.all(demoCities.map((city) => call('POST', '/v1/cities', city)));
  const onboard = (t: (typeof demoTenants)[number]) =>
    call('POST', `/v1/cities/${t.id.split('.')[0]}/tenants`, {
      id: t.id,
      name: t.name,
      kind: t.kind,
      since: t.since,
      ...(t.parent ? { parent: t.parent } : {}),
      ...hallOf(t),
    });
  await Promise.all(demoTenants.filter((t) => !t.parent).map(onboard));
  await Promise.all(demoTenants.filter((t) => t.parent).map(onboard));
  await Promise.all(
    demoTenants.flatMap((t) =>
      t.bodies.map((body) =>
        call('POST', `/v1/tenants/${t.id}/bodies`, { ...body, uscc: demoUscc(t.id, body) }),
      ),
    ),
  );
  // A backup post names the post it backs up: those go last.
  const post = (u: (typeof demoUsers)[number]) => {
    if (!u.tenant) return Promise.resolve();
    const staffRoles = u.roles.filter((r) => r !== 'platform-admin' && r !== 'city-admin');
    return call('POST', `/v1/tenants/${u.tenant}/staff`, {
      id: u.sub,
      name: u.name,
      roles: staffRoles,
      ...(u.body ? { body: u.body } : {}),
      ...(u.backupFor ? { backupFor: u.backupFor } : {}),
      ...(u.head ? { head: true } : {}),
      ...(u.governmentHead ? { governmentHead: true } : {}),
    });
  };
  await Promise.all(demoUsers.filter((u) => !u.backupFor).map(post));
  await Promise.all(demoUsers.filter((u) => u.backupFor).map(post));
  // AB角 (an absence with cover): 张丽 is away from two days ago until three days on, and 刘芳,
  // her B, covers her window meanwhile. Absence does not stop A acting (the case stories act as
  // 张丽 at their own instants); a second load overlaps this one and answers 409.
  const day = 24 * 3600_000;
  await call('POST', '/v1/tenants/nanjing.jiangning.dongshan/staff/dongshan-clerk/absences', {
    from: new Date(Date.now() - 2 * day).toISOString(),
    to: new Date(Date.now() + 3 * day).toISOString(),
    reason: '年休假',
  });
  return { created, existing };
}
