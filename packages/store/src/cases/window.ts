import { DomainError, type WindowGrant } from '@onewindow/domain';
import type { Write } from '../store';
import { caseKeys } from './keys';

/**
 * The writes that record a chief representative's written authorisation (首席代表授权书): the grant,
 * and its 文号 claimed once in the tenant so two letters never share a number.
 */
export const windowGrantWrites = (grant: WindowGrant): Write[] => [
  {
    put: { ...caseKeys.windowGrant(grant.tenant, grant.id), entity: 'window-grant', ...grant },
    ifNew: new DomainError('conflict', `授权书“${grant.id}”已存在`, `authorisation '${grant.id}' exists`),
  },
  {
    put: { ...caseKeys.windowGrantNo(grant.tenant, grant.docNo), entity: 'window-grant-no', id: grant.id },
    ifNew: new DomainError(
      'conflict',
      `文号“${grant.docNo}”已被使用`,
      `document number '${grant.docNo}' is taken`,
      'docNo',
    ),
  },
];

/** The write that revokes a grant, once: a second revocation finds `revoked` already set. */
export const windowGrantRevokeWrite = (grant: WindowGrant): Write => ({
  put: { ...caseKeys.windowGrant(grant.tenant, grant.id), entity: 'window-grant', ...grant },
  ifStill: {
    attribute: 'revoked',
    equals: undefined,
    failure: new DomainError('invalid-state', '授权书已撤销', 'the authorisation is already revoked'),
  },
});
