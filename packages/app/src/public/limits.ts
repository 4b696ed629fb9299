import { DomainError } from '@onewindow/domain';
import { LimitCounters, type Store } from '@onewindow/store';

/** How often the public may ask about cases: per client, per case, and wrong query codes before a lock. */
export interface PublicLimitPolicy {
  readonly perClient: { readonly max: number; readonly windowSeconds: number };
  readonly perCase: { readonly max: number; readonly windowSeconds: number };
  readonly wrongCodes: { readonly max: number; readonly windowSeconds: number; readonly lockSeconds: number };
}

/**
 * A person checks a case a few times a day; a hall's kiosk some dozens a minute behind one
 * address. Five wrong codes for one case in 15 minutes lock it for 15 minutes: a code of 6
 * characters cannot be guessed at 20 tries an hour.
 */
export const PUBLIC_LIMITS: PublicLimitPolicy = {
  perClient: { max: 60, windowSeconds: 60 },
  perCase: { max: 30, windowSeconds: 60 },
  wrongCodes: { max: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
};

const tooMany = (retryAfterMs: number, zh: string, en: string) =>
  new DomainError('too-many-requests', `${zh}，请稍后再试`, `${en}; try again later`, {
    extensions: { retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  });

/** Keeps a long-lived process's maps bounded: dropped entries only cost a DynamoDB read again. */
const MAX_LOCAL_ENTRIES = 10_000;

/**
 * The rate limits of the public case routes (progress, rating, result verification, seal
 * imprint). The counters live in the table (LimitCounters), so every Lambda instance sees
 * the same counts; each instance also counts for itself first, and a client or case it has
 * already seen over the limit, or a case it knows is locked, is answered without a read.
 */
export class PublicLimits {
  private readonly counters: LimitCounters;
  private readonly local = new Map<string, { endsAt: number; count: number }>();
  private readonly locks = new Map<string, number>();

  constructor(
    store: Store,
    private readonly policy: PublicLimitPolicy = PUBLIC_LIMITS,
  ) {
    this.counters = new LimitCounters(store);
  }

  /** Counts one request of `client` about `caseNo`; over a limit, or the case locked → 429 with when to retry. */
  async admit(client: string, caseNo: string, nowMs: number): Promise<void> {
    const { perClient, perCase } = this.policy;
    const names = [`ip#${client}`, `case#${caseNo}`] as const;
    this.checkLock(caseNo, this.locks.get(caseNo), nowMs);
    // This instance alone has seen more than a limit: the shared count is higher still.
    this.over(this.countLocally(names[0], perClient, nowMs), perClient.max, nowMs);
    this.over(this.countLocally(names[1], perCase, nowMs), perCase.max, nowMs);
    const [byClient, byCase, lockedUntil] = await Promise.all([
      this.counters.hit(names[0], perClient.windowSeconds, nowMs),
      this.counters.hit(names[1], perCase.windowSeconds, nowMs),
      this.counters.lockedUntil(names[1], nowMs),
    ]);
    this.checkLock(caseNo, lockedUntil, nowMs);
    this.over(byClient, perClient.max, nowMs);
    this.over(byCase, perCase.max, nowMs);
  }

  /** Counts one request of `client` on a public route that names no case (the published lists): the per-client limit only. */
  async admitClient(client: string, nowMs: number): Promise<void> {
    const { perClient } = this.policy;
    const name = `ip#${client}`;
    this.over(this.countLocally(name, perClient, nowMs), perClient.max, nowMs);
    this.over(await this.counters.hit(name, perClient.windowSeconds, nowMs), perClient.max, nowMs);
  }

  /** A wrong query or verification code for `caseNo`: the `max`-th in a window locks the case. */
  async wrongCode(caseNo: string, nowMs: number): Promise<void> {
    const { wrongCodes } = this.policy;
    const { count } = await this.counters.hit(`wrong#${caseNo}`, wrongCodes.windowSeconds, nowMs);
    if (count < wrongCodes.max) return;
    const until = nowMs + wrongCodes.lockSeconds * 1000;
    await this.counters.lock(`case#${caseNo}`, until);
    this.remember(this.locks, caseNo, until);
  }

  private checkLock(caseNo: string, until: number | undefined, nowMs: number): void {
    if (until === undefined || until <= nowMs) return;
    this.remember(this.locks, caseNo, until);
    throw tooMany(
      until - nowMs,
      '查询码错误次数过多，该办件已暂时锁定',
      'too many wrong codes: this case is locked for a while',
    );
  }

  private over(counted: { count: number; endsAt: number }, max: number, nowMs: number): void {
    if (counted.count > max) throw tooMany(counted.endsAt - nowMs, '请求过于频繁', 'too many requests');
  }

  private countLocally(name: string, limit: { windowSeconds: number }, nowMs: number) {
    let entry = this.local.get(name);
    if (!entry || entry.endsAt <= nowMs) {
      const windowMs = limit.windowSeconds * 1000;
      entry = { endsAt: (Math.floor(nowMs / windowMs) + 1) * windowMs, count: 0 };
      this.remember(this.local, name, entry);
    }
    entry.count++;
    return entry;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_LOCAL_ENTRIES) map.clear();
    map.set(key, value);
  }
}
