import { DomainError, responsibilityOf, verifyChain } from '@onewindow/domain';
import { tenantStaff } from '../../access-groups';
import { CaseListQuery } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';
import { summaryPage } from './views';

const CASE = '/v1/tenants/:tenant/cases/:caseNo';

/**
 * The case reads no command needs: the list (办件列表), the issued result, who answers for a case
 * and the hash-chain check. Served by the files Lambda (FILE_CASE_ROUTES in infra/constructs/api.ts,
 * literal GET routes the gateway prefers to the cases function's `{proxy+}`), so the cases bundle
 * keeps its room for the case rules; the search stays with the cases Lambda, whose signing seed
 * keys the applicant look-ups.
 */
export const caseReadRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/cases',
    tag: 'cases',
    summary: '办件列表（按机构队列、状态、时限颜色筛选）',
    summaryEn: 'List cases: a body queue by deadline, or by status or clock colour',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    query: CaseListQuery,
    success: 200,
    handler: async ({ services, params, query, principal, now }) => {
      const page = await services.cases.list(principal, params.tenant, {
        ...(query.body ? { body: query.body } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.clock ? { clock: query.clock } : {}),
        ...(query.open === 'true' ? { open: true } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.limit ? { limit: Number(query.limit) } : {}),
      });
      return summaryPage(services.cases, params.tenant, page, now);
    },
  }),
  defineRoute({
    method: 'get',
    path: `${CASE}/result`,
    tag: 'cases',
    summary: '办理结果（印章与签名）',
    summaryEn: 'The sealed and signed result',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      const result = stored.state.result;
      if (!result) throw notIssued();
      return {
        status: 200,
        body: {
          ...result,
          imprint: `/v1/tenants/${result.seal.tenant}/seals/${result.seal.id}/imprint.svg`,
          verify: `/v1/public/results/${result.caseNo}/verify`,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${CASE}/responsibility`,
    tag: 'cases',
    summary: '责任主体（复议诉讼、投诉、档案保管）',
    summaryEn: 'Who answers for the case: reconsideration, litigation, complaints, archive (R4, R5)',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      return { status: 200, body: { caseNo: stored.state.caseNo, ...responsibilityOf(stored.state) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${CASE}/integrity`,
    tag: 'cases',
    summary: '校验办件记录哈希链及电子材料（逐个文件重新计算摘要）',
    summaryEn:
      'Check the hash chain of the case events (names the first broken link) and re-hash every file the chain recorded: a swapped file is named with the digests expected and found',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, params, principal }) => {
      const events = await services.cases.events(principal, params.tenant, params.caseNo);
      const chain = verifyChain(events, ({ hash: _hash, ...body }) => body);
      // Only where the function has the object store (the files function); `in`, not a read: the
      // services proxy of a Lambda throws for a service it was not given.
      const files =
        'materialIntegrity' in services && services.materialIntegrity
          ? await services.materialIntegrity.check(params.tenant, params.caseNo, events)
          : undefined;
      return {
        status: 200,
        body: {
          caseNo: params.caseNo,
          ...chain,
          ...(files ? { intact: chain.intact && files.intact, files } : {}),
        },
      };
    },
  }),
];

const notIssued = () =>
  new DomainError('not-found', '该办件尚未出件', 'no result has been issued for this case');
