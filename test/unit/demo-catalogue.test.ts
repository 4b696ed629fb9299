import { describe, expect, it } from 'vitest';
import { catalogueCsv } from '../../packages/api/src/catalogue-io';
import { readCatalogueSheet } from '../../packages/api/src/catalogue-sheet';
import { parseCsv, unguardFormula } from '../../packages/api/src/csv';
import {
  checkMatter,
  isId,
  MATTER_TYPES,
  type MatterDefinition,
  normaliseRollout,
  parseBodyRef,
} from '../../packages/domain/src';
import {
  anshanExtraBodies,
  anshanInitialPlan,
  anshanMatters,
  anshanReturnPlans,
  type DemoRolloutPlan,
  demoCatalogues,
  demoRolloutPlans,
  jiangningMatters,
  jiangningPlan,
  LINZI_SEED_DEPARTMENTS,
  linziFirstPlan,
  linziMatters,
  linziPlan,
  yanliangMatters,
  yanliangPlan,
} from '../../packages/local/src/demo/catalogue';
import { withDemoBasicCodes } from '../../packages/local/src/demo/codes';
import { demoTenants } from '../../packages/local/src/demo/tenancy';

const countBy = <T>(list: readonly T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const t of list) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
};
const itemsOf = (list: readonly MatterDefinition[]) => list.reduce((n, m) => n + m.items.length, 0);

/** Body codes per tenant: tenancy.ts plus the Anshan departments the lead adds. */
const bodiesOf = (tenant: string): Set<string> => {
  const codes = new Set(demoTenants.find((t) => t.id === tenant)?.bodies.map((b) => b.code) ?? []);
  if (tenant === 'anshan.gaoxin') for (const b of anshanExtraBodies) codes.add(b.code);
  return codes;
};

/** The district tenant whose departments own each city's matters. */
const districtOf: Record<string, string> = {
  xian: 'xian.yanliang',
  nanjing: 'nanjing.jiangning',
  zibo: 'zibo.linzi',
  anshan: 'anshan.gaoxin',
};

const cities = Object.entries(demoCatalogues);

describe('demo guidance catalogues: counts from the seeds', () => {
  it('Yanliang (000): 249 matters = 137 licences + 40 review-and-forward + 72 filings', () => {
    expect(yanliangMatters).toHaveLength(249);
    expect(countBy(yanliangMatters, (m) => m.type)).toEqual({
      licence: 137,
      'review-forward': 40,
      filing: 72,
    });
    expect(new Set(yanliangMatters.map((m) => m.department)).size).toBe(18);
  });

  it('Jiangning (001): 34 matters from 7 departments in exactly 6 categories', () => {
    expect(jiangningMatters).toHaveLength(34);
    expect(new Set(jiangningMatters.map((m) => m.type))).toEqual(
      new Set(['licence', 'payment', 'levy', 'confirmation', 'public-service', 'other']),
    );
    expect(new Set(jiangningMatters.map((m) => m.department)).size).toBe(7);
  });

  it('Linzi (003): 91 licences + 20 related matters from the 19 seed departments', () => {
    expect(linziMatters).toHaveLength(111);
    expect(linziMatters.filter((m) => m.type === 'licence')).toHaveLength(91);
    expect(linziMatters.filter((m) => m.type !== 'licence')).toHaveLength(20);
    expect(LINZI_SEED_DEPARTMENTS).toHaveLength(19);
    for (const d of LINZI_SEED_DEPARTMENTS) expect(Object.keys(d.entries).length).toBeGreaterThan(0);
  });

  it('Anshan (002): 126 matters with 181 items, by type as the seed counts them', () => {
    expect(anshanMatters).toHaveLength(126);
    expect(itemsOf(anshanMatters)).toBe(181);
    const ofType = (t: string) => anshanMatters.filter((m) => m.type === t);
    expect([ofType('licence').length, itemsOf(ofType('licence'))]).toEqual([75, 130]);
    expect([ofType('confirmation').length, itemsOf(ofType('confirmation'))]).toEqual([17, 17]);
    expect([ofType('other').length, itemsOf(ofType('other'))]).toEqual([34, 34]);
  });

  it('Anshan: 13 departments + 1 resident agency receive matters', () => {
    expect(anshanExtraBodies).toHaveLength(6);
    const receivers = new Set(anshanMatters.map((m) => m.department));
    expect(receivers.size).toBe(14);
    expect(receivers.has('resident-agency')).toBe(true);
    const departments = demoTenants
      .find((t) => t.id === 'anshan.gaoxin')
      ?.bodies.filter((b) => b.kind === 'department')
      .map((b) => b.code);
    expect(new Set([...(departments ?? []), ...anshanExtraBodies.map((b) => b.code)]).size).toBe(13);
  });
});

describe.each(cities)('catalogue of %s', (city, matters) => {
  it('has unique, well-formed codes and unique names', () => {
    expect(new Set(matters.map((m) => m.code)).size).toBe(matters.length);
    expect(new Set(matters.map((m) => m.name)).size).toBe(matters.length);
    for (const m of matters) {
      expect(isId(m.code), m.code).toBe(true);
      for (const item of m.items) expect(isId(item.code), item.code).toBe(true);
    }
  });

  it('has no numbered filler names', () => {
    for (const m of matters) expect(m.name, m.name).not.toMatch(/某|（\d+）|\(\d+\)|\d+$/);
  });

  it('every matter is complete and passes checkMatter', () => {
    for (const m of matters) {
      expect(() => checkMatter(m), m.name).not.toThrow();
      expect(MATTER_TYPES).toContain(m.type);
      expect(m.items.length, m.name).toBeGreaterThan(0);
      expect(m.legalBasis, m.name).toMatch(/《.+》/);
      expect(m.statutoryDays, m.name).toBeGreaterThan(0);
      expect(m.materials.length, m.name).toBeGreaterThanOrEqual(2);
      expect(m.materials.length, m.name).toBeLessThanOrEqual(6);
      expect(
        m.materials.some((x) => x.core),
        m.name,
      ).toBe(true);
      if (m.onTheSpot) expect(m.promisedDays).toBe(0);
    }
  });

  it('loads through the catalogue import as it is: its CSV reads back to the same definitions', () => {
    const definitions = withDemoBasicCodes(city, matters);
    const sheet = readCatalogueSheet(
      parseCsv(catalogueCsv(definitions)).map((row) => row.map(unguardFormula)),
    );
    expect(sheet.problems).toEqual([]);
    expect(sheet.matters.map((m) => m.definition)).toEqual(definitions);
  });

  it('every department is a body of the district tenant', () => {
    const bodies = bodiesOf(districtOf[city] ?? '');
    for (const m of matters) expect(bodies.has(m.department ?? ''), `${m.name} → ${m.department}`).toBe(true);
  });
});

describe('demo rollout plans', () => {
  it('are in applying order: Anshan concentration before its reverse move', () => {
    expect(demoRolloutPlans).toEqual([
      yanliangPlan,
      jiangningPlan,
      linziFirstPlan,
      linziPlan,
      anshanInitialPlan,
      ...anshanReturnPlans,
    ]);
    expect(new Set(demoRolloutPlans.map((p) => p.id)).size).toBe(demoRolloutPlans.length);
  });

  it.each(demoRolloutPlans.map((p): [string, DemoRolloutPlan] => [p.id, p]))(
    '%s is consistent',
    (_id, plan) => {
      expect(isId(plan.id)).toBe(true);
      expect(plan.effectiveAt).toMatch(/\+08:00$/);
      expect(() => normaliseRollout(plan, plan.city)).not.toThrow();
      const catalogue = new Set((demoCatalogues[plan.city] ?? []).map((m) => m.code));
      expect(plan.matters.length).toBeGreaterThan(0);
      for (const code of plan.matters) expect(catalogue.has(code), code).toBe(true);
      for (const tenant of plan.tenants)
        expect(bodiesOf(tenant).has(plan.to), `${tenant}/${plan.to}`).toBe(true);
      const refs =
        typeof plan.from === 'string'
          ? [plan.from]
          : plan.matters.map((m) => (plan.from as Record<string, string>)[m] ?? '');
      for (const ref of refs) {
        const { tenant, code } = parseBodyRef(ref);
        expect(bodiesOf(tenant).has(code), ref).toBe(true);
      }
    },
  );

  it('carry the seeds’ modes, seals, dates and transitions', () => {
    expect(yanliangPlan).toMatchObject({
      mode: 'transfer',
      to: 'approval-bureau',
      seal: 'approval-bureau-seal',
    });
    expect(yanliangPlan.effectiveAt).toBe('2019-08-09T00:00:00+08:00');
    expect(yanliangPlan.matters).toHaveLength(249);

    expect(jiangningPlan).toMatchObject({ to: 'convenience-centre', seal: 'convenience-centre-seal' });
    expect(jiangningPlan.tenants).toHaveLength(10);
    expect(jiangningPlan.transition).toEqual({ policy: 'guided', until: '2020-09-01T00:00:00+08:00' });
    expect(Object.values(jiangningPlan.from).every((ref) => ref.startsWith('nanjing.jiangning/'))).toBe(true);

    expect(linziPlan.transition).toEqual({ policy: 'origin-leads', until: '2020-12-31T23:59:59+08:00' });
    expect(linziPlan.matters).toHaveLength(111);

    expect(anshanInitialPlan).toMatchObject({ to: 'approval-bureau', seal: 'approval-bureau-seal' });
    expect(anshanInitialPlan.matters).toHaveLength(126);
  });

  it('Anshan: one reverse rollout per receiving body, covering every matter once', () => {
    expect(anshanReturnPlans).toHaveLength(14);
    const moved = anshanReturnPlans.flatMap((p) => p.matters);
    expect(moved).toHaveLength(126);
    expect(new Set(moved)).toEqual(new Set(anshanMatters.map((m) => m.code)));
    for (const p of anshanReturnPlans) {
      expect(p).toMatchObject({
        mode: 'transfer',
        from: 'anshan.gaoxin/approval-bureau',
        seal: `${p.to}-seal`,
      });
      expect(p.transition).toBeUndefined();
      expect(p.effectiveAt > anshanInitialPlan.effectiveAt).toBe(true);
      for (const code of p.matters) expect(anshanMatters.find((m) => m.code === code)?.department).toBe(p.to);
    }
  });
});
