import { DomainError, type Seal, sealImprintSvg, sealUsableAt, toInstant, voidSeal } from '@onewindow/domain';
import { CatalogueRepository, type Store, sealWrites, TenancyRepository } from '@onewindow/store';
import type { Invocation, Respond } from './context';

export type SealStatus = 'valid' | 'pending' | 'void';

/** A seal with what it is at the instant it is read. */
export type SealView = Seal & { readonly status: SealStatus };

export interface SealInput {
  readonly id: string;
  /** A body code of the tenant, or its `<tenant>/<code>` reference. */
  readonly body: string;
  readonly name: string;
  readonly electronic: boolean;
  readonly validFrom: string;
}

const isVoidAt = (seal: Seal, now: string) => seal.voidedAt !== undefined && seal.voidedAt <= now;

const viewAt = (seal: Seal, now: string): SealView => ({
  ...seal,
  status: isVoidAt(seal, now) ? 'void' : sealUsableAt(seal, now) ? 'valid' : 'pending',
});

/** A minute of grace: "void at once" sent with the clerk's clock must not fail on skew. */
const VOID_GRACE_MS = 60_000;

/** The seals (印章) of a tenant's bodies: registered, listed, imprinted and voided with a successor (R3). */
export class SealService {
  private readonly catalogue: CatalogueRepository;
  private readonly tenancy: TenancyRepository;

  constructor(store: Store) {
    this.catalogue = new CatalogueRepository(store);
    this.tenancy = new TenancyRepository(store);
  }

  async register(invocation: Invocation, tenant: string, input: SealInput, respond: Respond<SealView>) {
    const ref = input.body.includes('/') ? input.body : `${tenant}/${input.body}`;
    const [owner, code] = ref.split('/');
    if (owner !== tenant || !code || !(await this.tenancy.body(tenant, code))) {
      throw new DomainError(
        'validation',
        `本租户没有机构“${input.body}”`,
        `no body '${input.body}' in this tenant`,
        'body',
      );
    }
    const seal: Seal = {
      tenant,
      id: input.id,
      body: ref,
      name: input.name,
      electronic: input.electronic,
      validFrom: toInstant(input.validFrom),
    };
    return invocation.commit({
      action: 'seal.registered',
      target: `${tenant}/${seal.id}`,
      writes: sealWrites.register(
        seal,
        new DomainError('conflict', `印章“${seal.id}”已存在`, `seal '${seal.id}' exists`, 'id'),
      ),
      response: respond(viewAt(seal, invocation.now)),
    });
  }

  async list(tenant: string, now: string): Promise<SealView[]> {
    return (await this.catalogue.seals(tenant)).map((s) => viewAt(s, now));
  }

  async get(tenant: string, id: string, now: string): Promise<SealView> {
    return viewAt(await this.load(tenant, id), now);
  }

  /** The seal's imprint as SVG, named by its body; a void seal's is struck through. */
  async imprint(tenant: string, id: string, now: string): Promise<string> {
    const seal = await this.load(tenant, id);
    const [owner, code] = seal.body.split('/');
    const body = await this.tenancy.body(owner ?? '', code ?? '');
    return sealImprintSvg({
      bodyName: body?.name ?? seal.body,
      sealName: seal.name,
      id: seal.id,
      voided: isVoidAt(seal, now),
    });
  }

  /** Voids a seal at an instant not in the past, naming the seal that takes over its results. */
  async void(
    invocation: Invocation,
    tenant: string,
    id: string,
    input: { readonly at: string; readonly successor?: string },
    respond: Respond<SealView>,
  ) {
    const { now } = invocation;
    const seal = await this.load(tenant, id);
    const successor = input.successor ? await this.catalogue.seal(tenant, input.successor) : undefined;
    if (input.successor && !successor) {
      throw new DomainError(
        'validation',
        `继任印章“${input.successor}”不存在`,
        `no seal '${input.successor}'`,
        'successor',
      );
    }
    const at = toInstant(input.at);
    const floor = new Date(Date.parse(now) - VOID_GRACE_MS).toISOString();
    const voided = voidSeal(seal, at < now && at >= floor ? now : at, now, successor);
    return invocation.commit({
      action: 'seal.voided',
      target: `${tenant}/${seal.id}`,
      writes: sealWrites.void(voided, {
        alreadyVoid: new DomainError('invalid-state', '该印章已作废', `seal '${seal.id}' is already void`),
        successorGone: new DomainError('conflict', '继任印章已不存在', 'successor gone', 'successor'),
      }),
      response: respond(viewAt(voided, now)),
    });
  }

  private async load(tenant: string, id: string): Promise<Seal> {
    const seal = await this.catalogue.seal(tenant, id);
    if (!seal) throw new DomainError('not-found', '资源不存在', `no seal '${id}'`);
    return seal;
  }
}
