import { DomainError, type Seal, sealImprintSvg, sealUsableAt, toInstant, voidSeal } from '@onewindow/domain';
import { CatalogueRepository, keys, type Store, sealItem, TenancyRepository } from '@onewindow/store';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { SealInput, VoidSealInput } from '../schemas';

const withStatus = (seal: Seal, now: string) => ({
  ...seal,
  status:
    seal.voidedAt !== undefined && seal.voidedAt <= now
      ? 'void'
      : sealUsableAt(seal, now)
        ? 'valid'
        : 'pending',
  imprint: `/v1/tenants/${seal.tenant}/seals/${seal.id}/imprint.svg`,
});

async function sealOr404(store: Store, tenant: string, id: string): Promise<Seal> {
  const seal = await new CatalogueRepository(store).seal(tenant, id);
  if (!seal) throw new Problem('not-found', { detailEn: `no seal '${id}'` });
  return seal;
}

export const sealRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/seals',
    tag: 'seals',
    summary: '登记印章（实物或电子）',
    summaryEn: 'Register a seal of a body',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: SealInput,
    success: 201,
    handler: async ({ deps, params, body, commit, now }) => {
      const tenant = params.tenant ?? '';
      const ref = body.body.includes('/') ? body.body : `${tenant}/${body.body}`;
      const [owner, code] = ref.split('/');
      if (owner !== tenant || !code || !(await new TenancyRepository(deps.store).body(tenant, code))) {
        throw new DomainError(
          'validation',
          `本租户没有机构“${body.body}”`,
          `no body '${body.body}' in this tenant`,
          'body',
        );
      }
      const seal: Seal = {
        tenant,
        id: body.id,
        body: ref,
        name: body.name,
        electronic: body.electronic,
        validFrom: toInstant(body.validFrom),
      };
      return commit({
        action: 'seal.registered',
        target: `${tenant}/${seal.id}`,
        writes: [
          {
            put: sealItem(seal),
            ifNew: new DomainError('conflict', `印章“${seal.id}”已存在`, `seal '${seal.id}' exists`, 'id'),
          },
        ],
        response: { status: 201, body: withStatus(seal, now) },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals',
    tag: 'seals',
    summary: '印章列表',
    summaryEn: 'List seals',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ deps, params, now }) => ({
      status: 200,
      body: {
        items: (await new CatalogueRepository(deps.store).seals(params.tenant ?? '')).map((s) =>
          withStatus(s, now),
        ),
      },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals/:id',
    tag: 'seals',
    summary: '印章详情',
    summaryEn: 'Read a seal',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ deps, params, now }) => ({
      status: 200,
      body: withStatus(await sealOr404(deps.store, params.tenant ?? '', params.id ?? ''), now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals/:id/imprint.svg',
    tag: 'seals',
    summary: '印模（SVG）',
    summaryEn: 'The seal imprint as SVG',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, deps, params, now }) => {
      const seal = await sealOr404(deps.store, params.tenant ?? '', params.id ?? '');
      const [tenant, code] = seal.body.split('/');
      const body = await new TenancyRepository(deps.store).body(tenant ?? '', code ?? '');
      const svg = sealImprintSvg({
        bodyName: body?.name ?? seal.body,
        sealName: seal.name,
        id: seal.id,
        voided: seal.voidedAt !== undefined && seal.voidedAt <= now,
      });
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'private, max-age=60',
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/seals/:id/void',
    tag: 'seals',
    summary: '作废印章（可指定继任印章）',
    summaryEn: 'Void a seal, naming its successor',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: VoidSealInput,
    success: 200,
    handler: async ({ deps, params, body, commit, now }) => {
      const tenant = params.tenant ?? '';
      const seal = await sealOr404(deps.store, tenant, params.id ?? '');
      const successor = body.successor
        ? await new CatalogueRepository(deps.store).seal(tenant, body.successor)
        : undefined;
      if (body.successor && !successor) {
        throw new DomainError(
          'validation',
          `继任印章“${body.successor}”不存在`,
          `no seal '${body.successor}'`,
          'successor',
        );
      }
      // A minute of grace: "void at once" sent with the clerk's clock must not fail on skew.
      const at = toInstant(body.at);
      const floor = new Date(Date.parse(now) - 60_000).toISOString();
      const voided = voidSeal(seal, at < now && at >= floor ? now : at, now, successor);
      return commit({
        action: 'seal.voided',
        target: `${tenant}/${seal.id}`,
        writes: [
          {
            put: sealItem(voided),
            ifStill: {
              attribute: 'voidedAt',
              equals: undefined,
              failure: new DomainError('invalid-state', '该印章已作废', `seal '${seal.id}' is already void`),
            },
          },
          ...(successor
            ? [
                {
                  check: keys.seal(tenant, successor.id),
                  exists: new DomainError('conflict', '继任印章已不存在', 'successor gone', 'successor'),
                },
              ]
            : []),
        ],
        response: { status: 200, body: withStatus(voided, now) },
      });
    },
  }),
];
