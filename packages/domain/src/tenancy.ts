import { DomainError, invalid } from './errors';
import { cityOfTenant, isId, isTenantId, parentPathOf } from './ids';
import { BODY_ROLES, type StaffRole } from './roles';

export const TENANT_KINDS = ['district', 'county', 'zone', 'subdistrict', 'town'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** Sub-districts and towns sit under a district, county or zone; the others under the city. */
const CHILD_KINDS: readonly TenantKind[] = ['subdistrict', 'town'];
const PARENT_KINDS: readonly TenantKind[] = ['district', 'county', 'zone'];

export const BODY_KINDS = ['approval-bureau', 'service-centre', 'department'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface City {
  readonly id: string;
  readonly name: string;
}

export interface Tenant {
  readonly id: string;
  readonly city: string;
  readonly name: string;
  readonly kind: TenantKind;
  readonly parent?: string;
  /** When the tenant began (ISO-8601 UTC): its initial holders hold from then (R13). */
  readonly since?: string;
  /** The service hall's address and phone, printed on every document the tenant issues. */
  readonly address?: string;
  readonly phone?: string;
}

export interface Body {
  readonly tenant: string;
  readonly code: string;
  readonly name: string;
  readonly kind: BodyKind;
  /** 统一社会信用代码 (GB 32100), checked on every write; a matter's implementation code follows from it (R15). */
  readonly uscc?: string;
}

export interface Staff {
  readonly tenant: string;
  readonly id: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  /** Body reference `<tenant>/<code>`, required for approvers and supervisors. */
  readonly body?: string;
  /** The staff member whose post this one backs up (the B of an A/B pair). */
  readonly backupFor?: string;
  /**
   * The head (负责人) of the staff member's own body (R16, art. 42): approves its extensions and
   * grants its chief representatives' authorisations.
   */
  readonly head?: boolean;
  /** The head of the tenant's government (本级人民政府负责人): the further 15 days of art. 42(2). */
  readonly governmentHead?: boolean;
}

export function assertCityId(id: string): void {
  if (!isId(id))
    throw invalid('id', '城市编码只能包含小写字母、数字和连字符', 'a city id is lower-case [a-z0-9-]');
}

/**
 * Checks where a new tenant sits: its id lies under its city (and under its parent,
 * when it has one), and only sub-districts and towns have a parent, which must be a
 * district, county or zone of the same city.
 */
export function placeTenant(input: Omit<Tenant, 'city'>, city: string, parent: Tenant | undefined): Tenant {
  if (!isTenantId(input.id) || cityOfTenant(input.id) !== city) {
    throw invalid(
      'id',
      `租户编码应为“${city}.<编码>”形式的小写点分路径`,
      `a tenant id is a dotted lower-case path under its city, like '${city}.<code>'`,
    );
  }
  const needsParent = CHILD_KINDS.includes(input.kind);
  if (needsParent && input.parent === undefined) {
    throw invalid('parent', '街道和乡镇必须指定上级区县', 'a sub-district or town must name its parent');
  }
  if (!needsParent && input.parent !== undefined) {
    throw invalid('parent', '只有街道和乡镇可以指定上级', 'only a sub-district or town has a parent');
  }
  if (input.parent === undefined) {
    if (parentPathOf(input.id) !== undefined) {
      throw invalid(
        'id',
        '区县级租户编码应直接位于城市之下',
        'a district-level tenant id sits directly under its city',
      );
    }
    return { ...input, city };
  }
  if (!parent)
    throw new DomainError('validation', '上级租户不存在', 'the parent tenant does not exist', 'parent');
  if (!PARENT_KINDS.includes(parent.kind)) {
    throw invalid('parent', '上级必须是区、县或开发区', 'the parent must be a district, county or zone');
  }
  if (parentPathOf(input.id) !== parent.id) {
    throw invalid(
      'id',
      `租户编码应位于上级之下：“${parent.id}.<编码>”`,
      `the tenant id lies under its parent: '${parent.id}.<code>'`,
    );
  }
  return { ...input, city };
}

/**
 * Checks a staff post. Approvers and supervisors work inside a body of their own
 * tenant; a backup (B role) must hold every role of the post it covers, or it could
 * not stand in for it.
 */
export function checkStaff(staff: Staff, backedUp: Staff | undefined, bodyExists: boolean): void {
  const needsBody = staff.roles.some((r) => BODY_ROLES.includes(r));
  if (needsBody && staff.body === undefined) {
    throw invalid('body', '审批和监管人员必须指定所属机构', 'approvers and supervisors must name their body');
  }
  if (staff.head && staff.body === undefined) {
    throw invalid('head', '机构负责人必须指定所属机构', "a body's head must name the body");
  }
  if (staff.body !== undefined && !bodyExists) {
    throw invalid('body', `机构“${staff.body}”不存在`, `body '${staff.body}' does not exist in this tenant`);
  }
  if (staff.backupFor === undefined) return;
  if (staff.backupFor === staff.id) {
    throw invalid('backupFor', '不能作为自己的B角', 'a staff member cannot back up themself');
  }
  if (!backedUp) {
    throw invalid('backupFor', `A角“${staff.backupFor}”不存在`, `staff '${staff.backupFor}' does not exist`);
  }
  const missing = backedUp.roles.filter((r) => !staff.roles.includes(r));
  if (missing.length > 0) {
    throw invalid(
      'backupFor',
      `B角须具备A角的全部岗位角色，缺少：${missing.join('、')}`,
      `a backup must hold every role of the post it covers; missing: ${missing.join(', ')}`,
    );
  }
  if (backedUp.body !== undefined && backedUp.body !== staff.body) {
    throw invalid(
      'backupFor',
      'B角须与A角在同一机构',
      `a backup must work in the same body (${backedUp.body})`,
    );
  }
}
