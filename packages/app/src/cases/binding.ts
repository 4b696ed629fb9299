import {
  type Binding,
  bodyTenantOf,
  DomainError,
  parseBodyRef,
  resolveSeal,
  type Seal,
  sealOwnerRefusal,
  sealRefOf,
  sealUsableAt,
  viewAt,
} from '@onewindow/domain';
import { AuthorityRepository, CatalogueRepository, type Store } from '@onewindow/store';

/** R2, R3 and R6: which body and seal a case is bound to, and which seal issues it. */
export class AuthorityBinding {
  constructor(private readonly store: Store) {}

  /**
   * What a case accepted at `at` is bound to. Under `origin-leads` the origin body handles
   * it with the seal it held before the move; under `guided` the receiving body handles it
   * and the origin body reviews. Undefined when the tenant does not hold the matter.
   */
  async at(tenant: string, matter: string, at: string): Promise<Binding | undefined> {
    const authority = new AuthorityRepository(this.store);
    const period = await authority.at(tenant, matter, at);
    if (!period) return undefined;
    const view = viewAt(period, at);
    const base = {
      mode: view.mode,
      supervisingBody: view.supervisingBody,
      periodFrom: view.from,
      ...(view.originBody ? { originBody: view.originBody } : {}),
      ...(view.rollout ? { rollout: view.rollout } : {}),
    };
    if (view.transition?.policy === 'origin-leads' && view.originBody) {
      const before = await authority.at(tenant, matter, new Date(Date.parse(period.from) - 1).toISOString());
      const seal =
        before && before.body === view.originBody
          ? before.seal
          : await this.usableSealOf(view.originBody, at);
      if (!seal) {
        throw new DomainError(
          'invalid-state',
          `过渡期由原部门“${view.originBody}”牵头办理，但其没有可用的印章`,
          `the origin body '${view.originBody}' leads during the transition but has no usable seal`,
        );
      }
      return { ...base, body: view.originBody, seal };
    }
    return {
      ...base,
      body: view.body,
      seal: view.seal,
      ...(view.transition?.policy === 'guided' && view.originBody ? { guidedBy: view.originBody } : {}),
    };
  }

  /**
   * R3 and R14: the seal a bound case is issued under at `at`, looked up where the bound body
   * sits (a district department stationed at a sub-district centre keeps its seal in the
   * district) or where the binding names it (`<tenant>/<id>`). The bound seal must be the
   * bound body's own; a voided one gives way to its successor. 409 when none is usable.
   */
  async sealFor(binding: Binding, at: string): Promise<Seal> {
    const ref = sealRefOf(binding.seal, bodyTenantOf(binding.body));
    const seals = new Map(
      (await new CatalogueRepository(this.store).seals(ref.tenant)).map((s) => [s.id, s]),
    );
    const bound = seals.get(ref.id);
    const notOwn = bound && sealOwnerRefusal(bound, binding.body);
    if (notOwn) throw new DomainError('invalid-state', notOwn.zh, notOwn.en, 'seal');
    return resolveSeal(seals, ref.id, at);
  }

  /** A usable seal of a body, for a body that leads without a period of its own. */
  private async usableSealOf(body: string, at: string): Promise<string | undefined> {
    const seals = await this.sealsOf(body);
    return seals.find((s) => s.body === body && sealUsableAt(s, at))?.id;
  }

  private sealsOf(body: string): Promise<Seal[]> {
    return new CatalogueRepository(this.store).seals(parseBodyRef(body).tenant);
  }
}
