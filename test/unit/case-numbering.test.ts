import { describe, expect, it } from 'vitest';
import { MAX_BLOCK, NumberBlocks } from '../../packages/store/src/cases/numbering';

/** A day's counter as DynamoDB's ADD keeps it, recording each claim's size. */
function counter() {
  let total = 0;
  const claims: number[] = [];
  let failNext = false;
  return {
    claims,
    total: () => total,
    failOnce: () => {
      failNext = true;
    },
    claim: async (_tenant: string, _date: string, count: number) => {
      await new Promise((ok) => setTimeout(ok, 1));
      if (failNext) {
        failNext = false;
        throw new Error('throttled');
      }
      claims.push(count);
      total += count;
      return total;
    },
  };
}

describe('case numbers from blocks (issue 10, finding 2)', () => {
  it('gives a quiet window consecutive numbers, one claim of one number each, no gap', async () => {
    const c = counter();
    let now = 0;
    const blocks = new NumberBlocks(c.claim, () => now);
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) {
      numbers.push(await blocks.next('t', '2026-12-02'));
      now += 120_000;
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(c.claims).toEqual([1, 1, 1, 1, 1]);
  });

  it('under a burst hands out every number once, with far fewer claims, blocks of at most 16', async () => {
    const c = counter();
    const blocks = new NumberBlocks(c.claim);
    const numbers = await Promise.all(Array.from({ length: 200 }, () => blocks.next('t', '2026-12-02')));
    expect(new Set(numbers).size).toBe(200);
    expect(Math.min(...numbers)).toBe(1);
    expect(c.claims.length).toBeLessThan(30);
    expect(Math.max(...c.claims)).toBeLessThanOrEqual(MAX_BLOCK);
    // What the instance still holds is all the day can lose: less than one block.
    expect(c.total() - 200).toBeLessThan(MAX_BLOCK);
  });

  it('keeps each tenant-day on its own counter', async () => {
    const totals = new Map<string, number>();
    const blocks = new NumberBlocks(async (tenant, date, count) => {
      const total = (totals.get(`${tenant}|${date}`) ?? 0) + count;
      totals.set(`${tenant}|${date}`, total);
      return total;
    });
    expect(await blocks.next('a', '2026-12-02')).toBe(1);
    expect(await blocks.next('b', '2026-12-02')).toBe(1);
    expect(await blocks.next('a', '2026-12-03')).toBe(1);
    expect(await blocks.next('a', '2026-12-02')).toBe(2);
  });

  it('answers a failed claim with the error and claims afresh for the next intake', async () => {
    const c = counter();
    const blocks = new NumberBlocks(c.claim);
    c.failOnce();
    await expect(blocks.next('t', '2026-12-02')).rejects.toThrow('throttled');
    expect(await blocks.next('t', '2026-12-02')).toBe(1);
  });
});
