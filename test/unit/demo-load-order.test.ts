import { describe, expect, it } from 'vitest';
import { concurrentRuns } from '../../packages/local/src/demo/authority';
import { demoRolloutPlans } from '../../packages/local/src/demo/catalogue';

/** `npm start` replays a city's rollouts in runs; a run's plans after its first may go at once. */
describe('the demo loads rollouts in runs', () => {
  it('keeps every plan, in order, and lets only plans of one instant on disjoint matters share a run', () => {
    for (const city of new Set(demoRolloutPlans.map((p) => p.city))) {
      const plans = demoRolloutPlans.filter((p) => p.city === city);
      const runs = concurrentRuns(plans);
      expect(runs.flat()).toEqual(plans);
      for (const run of runs) {
        const matters = run.flatMap((p) => p.matters);
        expect(new Set(matters).size, `${city}: a matter twice in one run`).toBe(matters.length);
        expect(new Set(run.map((p) => p.effectiveAt)).size).toBe(1);
      }
    }
  });

  it("runs Anshan's concentration alone and its fourteen returns as one run", () => {
    const runs = concurrentRuns(demoRolloutPlans.filter((p) => p.city === 'anshan'));
    expect(runs.map((r) => r.length)).toEqual([1, 14]);
    expect(runs[0]?.[0]?.id).toBe('anshan-gaoxin-concentration');
  });

  it('never puts a plan beside one that names the same matter', () => {
    const base = demoRolloutPlans.find((p) => p.city === 'anshan' && p.matters.length > 1);
    if (!base) throw new Error('no plan');
    const [a, b] = base.matters;
    const one = { ...base, id: 'one', matters: [a ?? ''] };
    const two = { ...base, id: 'two', matters: [b ?? ''] };
    const again = { ...base, id: 'again', matters: [a ?? ''] };
    expect(concurrentRuns([one, two, again]).map((r) => r.map((p) => p.id))).toEqual([
      ['one', 'two'],
      ['again'],
    ]);
  });
});
