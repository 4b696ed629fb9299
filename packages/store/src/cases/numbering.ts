/** A block grows while its numbers are used up this soon after it was claimed. */
const BUSY_MS = 1_000;
/** The most numbers one claim takes: what one instance can lose, at most, when it stops. */
export const MAX_BLOCK = 16;
/** Tenant-days remembered; past that the map starts again (the blocks' leftovers become gaps). */
const MAX_DAYS = 5_000;

interface Block {
  readonly next: number;
  readonly end: number;
  readonly size: number;
  readonly claimedAt: number;
  readonly pending?: Promise<void>;
}

/**
 * Case numbers handed out from blocks, each block one atomic ADD of its size to the day's
 * counter. A block starts at one number; while an instance uses its block up within a second
 * of claiming it, the next is twice as large, up to MAX_BLOCK; a quiet spell brings it back to
 * one. So a window taking an applicant every few minutes gets consecutive numbers with no gap,
 * and a burst of intakes in one instance sends one UpdateItem per several cases. What a block
 * leaves unused when its instance stops, or the day ends, is a gap (README: Case numbers);
 * numbers from two instances' blocks interleave, so a later case may carry a lower number.
 */
export class NumberBlocks {
  private readonly days = new Map<string, Block>();

  constructor(
    /** Adds `count` to the tenant-day's counter and answers the new total. */
    private readonly claim: (tenant: string, date: string, count: number) => Promise<number>,
    private readonly now: () => number = Date.now,
  ) {}

  async next(tenant: string, date: string): Promise<number> {
    const key = `${tenant}|${date}`;
    for (;;) {
      const block = this.days.get(key);
      if (block && block.next <= block.end) {
        this.days.set(key, { ...block, next: block.next + 1 });
        return block.next;
      }
      if (block?.pending) {
        // Another intake of this instance is claiming the next block: take from it.
        await block.pending.catch(() => undefined);
        continue;
      }
      const size = block && this.now() - block.claimedAt < BUSY_MS ? Math.min(block.size * 2, MAX_BLOCK) : 1;
      const pending = this.claim(tenant, date, size).then((total) => {
        this.days.set(key, { next: total - size + 1, end: total, size, claimedAt: this.now() });
      });
      if (this.days.size >= MAX_DAYS) this.days.clear();
      this.days.set(key, {
        next: 1,
        end: 0,
        size: block?.size ?? 1,
        claimedAt: block?.claimedAt ?? 0,
        pending,
      });
      try {
        await pending;
      } catch (error) {
        // The next intake claims afresh; nothing was handed out from the failed claim.
        if (this.days.get(key)?.pending === pending) this.days.delete(key);
        throw error;
      }
    }
  }
}
