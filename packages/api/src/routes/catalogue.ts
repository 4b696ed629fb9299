import { DomainError } from '@onewindow/domain';
import { cityAdmins } from '../access-groups';
import { PROBLEM_TYPES, problem } from '../problem';
import { defineRoute } from '../route';
import { MatterInput } from '../schemas';

/** Kept for test/unit/catalogue-files.test.ts, which still imports it from here. */

const MATTER_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

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
    handler: async ({ services, invocation, params, body }) => {
      const { city, code } = params;
      if (!MATTER_CODE.test(code)) {
        // The path's code answers like a body field, under the generic title, as it always has.
        throw new DomainError('validation', PROBLEM_TYPES.validation.zh, PROBLEM_TYPES.validation.en, {
          errors: [
            { path: 'code', zh: '事项编码只能包含小写字母、数字和连字符', en: 'a matter code is [a-z0-9-]' },
          ],
        });
      }
      await services.tenancy.requireCity(city);
      const { answer } = await services.catalogue.save(invocation, city, { ...body, code }, (saved) => ({
        status: saved.outcome === 'created' ? 201 : 200,
        body: saved.matter,
      }));
      return answer;
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
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.catalogue.matters(params.city) },
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
    handler: async ({ services, params }) => {
      const matter = await services.catalogue.matter(params.city, params.code);
      if (!matter) throw problem('not-found');
      return { status: 200, body: matter };
    },
  }),
];
