import type { LicenceCommand } from '@onewindow/domain';
import { tenantStaff } from '../access-groups';
import { LicenceChangeInput, LicenceListQuery } from '../licence-schemas';
import { defineRoute, type RouteSpec } from '../route';

const LIB = '/v1/tenants/:tenant/licences';

const change = (command: LicenceCommand, zh: string, en: string) =>
  defineRoute<{ reason: string }, `${typeof LIB}/:licenceId/${LicenceCommand}`>({
    method: 'post',
    path: `${LIB}/:licenceId/${command}`,
    tag: 'licences',
    summary: zh,
    summaryEn: en,
    access: { scope: 'tenant', roles: ['approver'] },
    body: LicenceChangeInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.licences.change(
        invocation,
        { tenant: params.tenant, id: params.licenceId, command, reason: body.reason },
        (view) => ({ status: 200, body: view }),
      ),
  });

/**
 * The e-licence library (电子证照库): a holder's licences for reuse at intake (免提交), and the
 * issuing body's revocation and cancellation. Served by the files Lambda: the cases bundle
 * carries only the status the public verification reads.
 */
export const licenceRoutes: readonly RouteSpec[] = [
  defineRoute<unknown, typeof LIB, { holder: string; cursor?: string; limit?: number }>({
    method: 'get',
    path: LIB,
    tag: 'licences',
    summary: '持证主体的电子证照（?holder=身份证号码或统一社会信用代码；证件号码脱敏）',
    summaryEn: 'A holder’s e-licences (?holder=ID number or USCC), numbers masked, for reuse at intake',
    access: { scope: 'tenant', roles: tenantStaff },
    query: LicenceListQuery,
    success: 200,
    handler: async ({ services, params, query, principal }) => ({
      status: 200,
      body: await services.licences.byHolder(principal, params.tenant, query.holder, {
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    }),
  }),
  defineRoute<unknown, `${typeof LIB}/:licenceId`>({
    method: 'get',
    path: `${LIB}/:licenceId`,
    tag: 'licences',
    summary: '电子证照（证件号码脱敏）',
    summaryEn: 'One e-licence, the holder’s number masked',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, principal }) => ({
      status: 200,
      body: await services.licences.get(principal, params.tenant, params.licenceId),
    }),
  }),
  change(
    'revoke',
    '撤销电子证照（须说明理由；颁证机构审批人员）',
    'Revoke an e-licence with a reason (an approver of the issuing body)',
  ),
  change(
    'cancel',
    '注销电子证照（须说明理由；颁证机构审批人员）',
    'Cancel (注销) an e-licence with a reason (an approver of the issuing body)',
  ),
];
