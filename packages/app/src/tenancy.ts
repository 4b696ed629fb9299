import {
  type Body,
  type BodyKind,
  type City,
  checkEvaluation,
  checkStaff,
  checkUscc,
  cityOfTenant,
  DEFAULT_EVALUATION,
  DomainError,
  type EvaluationSettings,
  placeTenant,
  type Staff,
  type StaffRole,
  type Tenant,
  type TenantKind,
  toInstant,
} from '@onewindow/domain';
import { evaluationWrites, type Store, TenancyRepository, tenancyWrites } from '@onewindow/store';
import type { Invocation, Respond } from './context';

/** A body as the API shows it: with the reference other records name it by. */
export type BodyView = Body & { readonly ref: string };

export interface TenantInput {
  readonly id: string;
  readonly name: string;
  readonly kind: TenantKind;
  readonly parent?: string;
  /** When the tenant began; default: the onboarding instant. Its initial holders hold from then (R13). */
  readonly since?: string;
}

export interface BodyInput {
  readonly code: string;
  readonly name: string;
  readonly kind: BodyKind;
  /** 统一社会信用代码, checked (GB 32100) before anything is written. */
  readonly uscc?: string;
}

export interface StaffInput {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  /** A body code of the tenant, or a full `<tenant>/<code>` reference. */
  readonly body?: string;
  readonly backupFor?: string;
  readonly head?: boolean;
  readonly governmentHead?: boolean;
}

const exists = (zh: string, en: string, field = 'id') => new DomainError('conflict', zh, en, field);
/** The words of a bare not-found, as the API has always answered an unknown city or tenant. */
const missing = (en: string) => new DomainError('not-found', '资源不存在', en);

const viewOf = (b: Body): BodyView => ({ ...b, ref: `${b.tenant}/${b.code}` });

/** The platform's tree: cities, their tenants, and each tenant's bodies and staff. */
export class TenancyService {
  private readonly repo: TenancyRepository;

  constructor(store: Store) {
    this.repo = new TenancyRepository(store);
  }

  /** 404 unless the city exists: what every city-scoped command checks first. */
  async requireCity(city: string): Promise<void> {
    if (!(await this.repo.city(city))) throw missing(`no city '${city}'`);
  }

  async requireTenant(tenant: string): Promise<void> {
    if (!(await this.repo.tenant(tenant))) throw missing(`no tenant '${tenant}'`);
  }

  createCity(invocation: Invocation, city: City, respond: Respond<City>) {
    const created: City = { id: city.id, name: city.name };
    return invocation.commit({
      action: 'city.created',
      target: created.id,
      writes: tenancyWrites.createCity(
        created,
        exists(`城市“${created.id}”已存在`, `city '${created.id}' exists`),
      ),
      response: respond(created),
    });
  }

  cities(): Promise<City[]> {
    return this.repo.cities();
  }

  /** What the city set for evaluation (R18), else the defaults; 404 for a city that does not exist. */
  async evaluation(city: string): Promise<EvaluationSettings> {
    const [found, settings] = await Promise.all([this.repo.city(city), this.repo.evaluation(city)]);
    if (!found) throw missing(`no city '${city}'`);
    return settings;
  }

  /** Sets the city's evaluation rules (R18); setting the same again changes nothing but the audit trail. */
  setEvaluation(
    invocation: Invocation,
    city: string,
    settings: Omit<EvaluationSettings, 'receiptDays'> & { receiptDays?: number },
    respond: Respond<EvaluationSettings>,
  ) {
    const saved: EvaluationSettings = {
      rectificationDays: settings.rectificationDays,
      defaultRatingDays: settings.defaultRatingDays,
      defaultRatingLevel: settings.defaultRatingLevel,
      // Left out, the receipt limit stays the default (a request of before R20 keeps working).
      receiptDays: settings.receiptDays ?? DEFAULT_EVALUATION.receiptDays,
    };
    checkEvaluation(saved);
    return invocation.commit({
      action: 'city.evaluation.set',
      target: city,
      writes: evaluationWrites(city, saved, missing(`no city '${city}'`)),
      response: respond(saved),
    });
  }

  /** Places a tenant in its city, under its parent when the parent is of the same city. */
  async onboardTenant(invocation: Invocation, city: string, input: TenantInput, respond: Respond<Tenant>) {
    await this.requireCity(city);
    // A parent of another city is never read (it is outside this caller's reach): placeTenant refuses it as absent.
    const parent =
      input.parent !== undefined && cityOfTenant(input.parent) === city
        ? await this.repo.tenant(input.parent)
        : undefined;
    const tenant = placeTenant(
      { ...input, since: toInstant(input.since ?? invocation.now) },
      city,
      parent && parent.city === city ? parent : undefined,
    );
    return invocation.commit({
      action: 'tenant.onboarded',
      target: tenant.id,
      writes: tenancyWrites.onboardTenant(
        tenant,
        exists(`租户“${tenant.id}”已存在`, `tenant '${tenant.id}' exists`),
      ),
      response: respond(tenant),
    });
  }

  tenants(city: string): Promise<Tenant[]> {
    return this.repo.tenants(city);
  }

  tenant(id: string): Promise<Tenant | undefined> {
    return this.repo.tenant(id);
  }

  async createBody(invocation: Invocation, tenant: string, input: BodyInput, respond: Respond<BodyView>) {
    if (input.uscc !== undefined) checkUscc(input.uscc);
    await this.requireTenant(tenant);
    const body: Body = { tenant, ...input };
    return invocation.commit({
      action: 'body.created',
      target: `${tenant}/${input.code}`,
      writes: tenancyWrites.createBody(
        body,
        exists(`机构“${input.code}”已存在`, `body '${input.code}' exists`, 'code'),
      ),
      response: respond(viewOf(body)),
    });
  }

  /**
   * Gives a body that has none its USCC (the catalogue import's 实施部门统一社会信用代码 column):
   * checked like any write; a body whose code is already registered keeps it (409).
   */
  async registerUscc(invocation: Invocation, tenant: string, code: string, uscc: string) {
    checkUscc(uscc);
    const body = await this.repo.body(tenant, code);
    if (!body) throw missing(`no body '${tenant}/${code}'`);
    const registered = new DomainError(
      'conflict',
      `机构“${tenant}/${code}”已登记统一社会信用代码`,
      `body '${tenant}/${code}' already has its USCC`,
      'uscc',
    );
    if (body.uscc !== undefined && body.uscc !== uscc) throw registered;
    return invocation.commit({
      action: 'body.uscc-registered',
      target: `${tenant}/${code}`,
      writes: tenancyWrites.registerUscc({ ...body, uscc }, registered),
      response: { status: 200, body: viewOf({ ...body, uscc }) },
    });
  }

  async bodies(tenant: string): Promise<BodyView[]> {
    return (await this.repo.bodies(tenant)).map(viewOf);
  }

  /** A staff member, optionally the backup (B角) of another post; a post has at most one backup. */
  async createStaff(invocation: Invocation, tenant: string, input: StaffInput, respond: Respond<Staff>) {
    await this.requireTenant(tenant);
    const bodyRef =
      input.body === undefined
        ? undefined
        : input.body.includes('/')
          ? input.body
          : `${tenant}/${input.body}`;
    const bodyCode = bodyRef?.startsWith(`${tenant}/`) ? bodyRef.slice(tenant.length + 1) : undefined;
    const staff: Staff = {
      tenant,
      id: input.id,
      name: input.name,
      roles: [...new Set(input.roles)],
      ...(bodyRef ? { body: bodyRef } : {}),
      ...(input.backupFor ? { backupFor: input.backupFor } : {}),
      ...(input.head ? { head: true } : {}),
      ...(input.governmentHead ? { governmentHead: true } : {}),
    };
    const [bodyFound, backedUp] = await Promise.all([
      bodyCode ? this.repo.body(tenant, bodyCode) : undefined,
      input.backupFor ? this.repo.staffMember(tenant, input.backupFor) : undefined,
    ]);
    checkStaff(staff, backedUp, bodyFound !== undefined);
    return invocation.commit({
      action: 'staff.created',
      target: `${tenant}/${staff.id}`,
      writes: tenancyWrites.createStaff(staff, {
        taken: exists(`工作人员“${staff.id}”已存在`, `staff '${staff.id}' exists`),
        postBackedUp: exists(
          `“${staff.backupFor}”已有B角`,
          `'${staff.backupFor}' already has a backup`,
          'backupFor',
        ),
      }),
      response: respond(staff),
    });
  }

  staff(tenant: string): Promise<Staff[]> {
    return this.repo.staff(tenant);
  }
}
