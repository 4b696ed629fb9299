import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import { defineRoute } from '../route';
import { id } from '../schemas';

/**
 * The code-lineage ledger (R15), served by the files Lambda: the gateway sends every
 * `/v1/cities/{city}/<segment>` it does not pin to the api there, and a read of every
 * tenant of a city is what that bundle has room for.
 */
export const codeLineageRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/code-lineage',
    tag: 'authority',
    summary: '实施编码沿革：事项在全市各租户的新旧实施编码（R15）',
    summaryEn:
      "A matter's implementation-code lineage across the city (R15): each row is a move that changed " +
      'the code, old to new, with the tenant, rollout and bodies; `from` is when the new code took ' +
      'effect and `to` when a later move replaced it.',
    access: { scope: 'city', roles: cityAdmins },
    query: z.strictObject({ matter: id }),
    success: 200,
    handler: async ({ services, params, query }) => {
      await services.tenancy.requireCity(params.city);
      return {
        status: 200,
        body: { items: await services.authority.codeLineage(params.city, query.matter) },
      };
    },
  }),
];
