import {
  type Binding,
  DomainError,
  parseBodyRef,
  resolveSeal,
  type Seal,
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

  /** R3: the seal a bound case is issued under at `at` (the successor of a voided one); 409 when none is usable. */
  async sealFor(binding: Binding, at: string): Promise<Seal> {
    const seals = await this.sealsOf(binding.body);
    return resolveSeal(new Map(seals.map((s) => [s.id, s])), binding.seal, at);
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
