/**
 * A demo rollout (批次) as a city administrator would enter it: which matters move, in
 * which tenants, from which body to which, under which seal, from when (seeds 000–003).
 */
export interface DemoRolloutPlan {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly tenants: readonly string[];
  /** Matter codes from the city's guidance catalogue. */
  readonly matters: readonly string[];
  readonly mode: 'transfer' | 'stationed';
  /** ISO-8601 with +08:00. */
  readonly effectiveAt: string;
  /** One body reference (`tenant/body`) for every matter, or one per matter code. */
  readonly from: string | Readonly<Record<string, string>>;
  /** Body code of the receiving body in each target tenant. */
  readonly to: string;
  /** Seal id in each target tenant. */
  readonly seal: string;
  readonly transition?: { readonly policy: 'origin-leads' | 'guided'; readonly until: string };
}

/** A body the lead adds to a demo tenant (Anshan: the departments tenancy.ts lacks). */
export interface DemoExtraBody {
  readonly code: string;
  readonly name: string;
  readonly kind: 'department';
}
