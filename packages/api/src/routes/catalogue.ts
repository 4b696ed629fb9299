import { checkMatter, DomainError, type MatterDefinition } from '@onewindow/domain';
import { CatalogueRepository, matterItem, type StoredMatter, TenancyRepository } from '@onewindow/store';
import { cityAdmins } from '../access-groups';
import { Problem } from '../problem';
import { defineRoute, type RouteContext } from '../route';
import { MatterInput } from '../schemas';

/** Two definitions say the same thing; key order and storage fields do not count. */
export function sameDefinition(a: MatterDefinition, b: MatterDefinition): boolean {
  const canonical = (m: MatterDefinition) =>
    JSON.stringify({
      code: m.code,
      name: m.name,
      type: m.type,
      items: m.items.map((i) => [i.code, i.name]),
      legalBasis: m.legalBasis,
      statutoryDays: m.statutoryDays,
      promisedDays: m.promisedDays,
      onTheSpot: m.onTheSpot,
      materials: m.materials.map((x) => [x.code, x.name, x.core]),
      fees: m.fees.map((x) => [x.code, x.name, x.amount]),
      specialSteps: (m.specialSteps ?? []).map((x) => [x.kind, x.days]),
      department: m.department ?? null,
    });
  return canonical(a) === canonical(b);
}

/**
 * Creates or replaces one matter definition. Writing the same content again changes
 * nothing (no new version, no audit record), which keeps re-imports silent.
 */
export async function upsertMatter(
  ctx: Pick<RouteContext<unknown>, 'deps' | 'commit' | 'now'>,
  city: string,
  definition: MatterDefinition,
): Promise<{ status: number; body: StoredMatter; changed: boolean }> {
  checkMatter(definition);
  const current = await new CatalogueRepository(ctx.deps.store).matter(city, definition.code);
  if (current && sameDefinition(current, definition)) return { status: 200, body: current, changed: false };
  const stored: StoredMatter = {
    ...definition,
    city,
    version: (current?.version ?? 0) + 1,
    updatedAt: ctx.now,
  };
  const status = current ? 200 : 201;
  await ctx.commit({
    action: current ? 'matter.updated' : 'matter.created',
    target: `${city}/${definition.code}`,
    writes: [
      current
        ? {
            put: matterItem(stored),
            ifStill: {
              attribute: 'version',
              equals: current.version,
              failure: new DomainError(
                'conflict',
                '事项已被他人修改，请刷新后重试',
                'the matter changed meanwhile; reload and retry',
              ),
            },
          }
        : {
            put: matterItem(stored),
            ifNew: new DomainError(
              'conflict',
              '事项已被他人创建',
              'the matter was created meanwhile',
              'code',
            ),
          },
    ],
    response: { status, body: stored },
  });
  return { status, body: stored, changed: true };
}

export async function requireCity(ctx: Pick<RouteContext<unknown>, 'deps'>, city: string): Promise<void> {
  if (!(await new TenancyRepository(ctx.deps.store).city(city)))
    throw new Problem('not-found', { detailEn: `no city '${city}'` });
}

export const catalogueRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/cities/:city/catalogue/:code',
    tag: 'catalogue',
    summary: '新增或修改指导目录事项',
    summaryEn: 'Create or replace a matter in the guidance catalogue',
    access: { scope: 'city', roles: cityAdmins },
    body: MatterInput,
    success: 200,
    handler: async (ctx) => {
      const city = ctx.params.city ?? '';
      const code = ctx.params.code ?? '';
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(code)) {
        throw new Problem('validation', {
          errors: [
            {
              path: 'code',
              message: '事项编码只能包含小写字母、数字和连字符',
              messageEn: 'a matter code is [a-z0-9-]',
            },
          ],
        });
      }
      await requireCity(ctx, city);
      const { status, body } = await upsertMatter(ctx, city, { ...ctx.body, code });
      return { status, body };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/catalogue',
    tag: 'catalogue',
    summary: '指导目录',
    summaryEn: 'List the guidance catalogue',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params }) => ({
      status: 200,
      body: { items: await new CatalogueRepository(deps.store).matters(params.city ?? '') },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/catalogue/:code',
    tag: 'catalogue',
    summary: '指导目录事项',
    summaryEn: 'Read a matter of the guidance catalogue',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params }) => {
      const matter = await new CatalogueRepository(deps.store).matter(params.city ?? '', params.code ?? '');
      if (!matter) throw new Problem('not-found');
      return { status: 200, body: matter };
    },
  }),
];
