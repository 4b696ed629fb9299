import { describe, expect, it } from 'vitest';
import { fromBodyOf } from '../../packages/domain/src';
import {
  anshanExtraBodies,
  type DemoRolloutPlan,
  demoCatalogues,
  demoRolloutPlans,
} from '../../packages/local/src/demo/catalogue';
import { demoInitialHolders } from '../../packages/local/src/demo/initial-holders';
import { demoTenants } from '../../packages/local/src/demo/tenancy';

/** The demo's numbers per seed, counted from what the demo loads: bodies, matters, batches, initial holders. */
const plansOf = (city: string) => demoRolloutPlans.filter((p) => p.city === city);
const fromBodies = (plan: DemoRolloutPlan) => new Set(plan.matters.map((m) => fromBodyOf(plan, m)));
const bodiesOf = (tenant: string) => [
  ...(demoTenants.find((t) => t.id === tenant)?.bodies ?? []),
  ...(tenant === 'anshan.gaoxin' ? anshanExtraBodies : []),
];
const holdersOf = (tenant: string) => demoInitialHolders.find((h) => h.tenant === tenant)?.items ?? [];
const catalogue = (city: string) => demoCatalogues[city] ?? [];

describe('seed 000 Yanliang', () => {
  // “将16个区级部门及区新闻出版局、区民族宗教局承担的249项行政审批事项（其中行政许可137项、审核转报40项、
  // 备案类72项）依法交由区行政审批服务局”
  it('one concentration moving 249 matters (137 + 40 + 72) of 16 district departments plus 2 bureaus', () => {
    const [plan, ...more] = plansOf('xian');
    expect(more).toHaveLength(0);
    expect(plan?.matters).toHaveLength(249);
    const types = catalogue('xian').map((m) => m.type);
    expect([
      types.filter((t) => t === 'licence').length,
      types.filter((t) => t === 'review-forward').length,
      types.filter((t) => t === 'filing').length,
    ]).toEqual([137, 40, 72]);
    const from = fromBodies(plan as DemoRolloutPlan);
    expect(from.size).toBe(16 + 2);
    expect(from.has('xian.yanliang/press-publication')).toBe(true);
    expect(from.has('xian.yanliang/ethnic-religious')).toBe(true);
    const departments = bodiesOf('xian.yanliang').filter((b) => b.kind === 'department');
    expect(departments).toHaveLength(18);
  });
});

describe('seed 001 Jiangning', () => {
  // “第一批集中涉及‘行政许可、行政给付、行政征收、行政确认、公共服务、其他’6大领域共7个部门34项行政审批及相关事项”
  it('one first batch of 34 matters from 7 departments into every sub-district centre', () => {
    const [plan, ...more] = plansOf('nanjing');
    expect(more).toHaveLength(0);
    expect(plan?.matters).toHaveLength(34);
    expect(new Set(catalogue('nanjing').map((m) => m.type)).size).toBe(6);
    expect(fromBodies(plan as DemoRolloutPlan).size).toBe(7);
    const subdistricts = demoTenants.filter((t) => t.parent === 'nanjing.jiangning').map((t) => t.id);
    expect(plan?.tenants).toEqual(subdistricts);
  });
});

describe('seed 002 Anshan', () => {
  // “本次职权调整主要涉及管委会内设部门13个，驻区机构1个……共涉及126项行政权力事项，具体政务服务业务子项181个”
  it('126 matters (181 items) go back to 13 internal departments and 1 resident agency', () => {
    const plans = plansOf('anshan');
    const [initial, ...returns] = plans;
    expect(initial?.to).toBe('approval-bureau');
    expect(returns.flatMap((p) => p.matters).sort()).toEqual([...(initial?.matters ?? [])].sort());
    expect(initial?.matters).toHaveLength(126);
    expect(catalogue('anshan').reduce((n, m) => n + m.items.length, 0)).toBe(181);
    const receivers = new Set(returns.map((p) => p.to));
    const kinds = bodiesOf('anshan.gaoxin').filter((b) => receivers.has(b.code));
    expect(kinds.filter((b) => b.kind === 'department')).toHaveLength(13);
    expect(kinds.filter((b) => b.kind !== 'department')).toHaveLength(1);
  });
});

describe('seed 003 Linzi', () => {
  // “在第一批事项划转的基础上，第二批将区委统战部（区政府侨务办公室）……区综合行政执法局等19个部门单位的
  // 91项行政许可事项、20项关联事项，划转到区行政审批服务局实施。”
  it('a first batch, then the second: 91 licences + 20 related matters from 19 departments', () => {
    const [first, second, ...more] = plansOf('zibo');
    expect(more).toHaveLength(0);
    expect(first && second && first.effectiveAt < second.effectiveAt).toBe(true);
    expect(first?.matters.length).toBeGreaterThan(0);
    const types = new Map(catalogue('zibo').map((m) => [m.code, m.type]));
    const licences = second?.matters.filter((m) => types.get(m) === 'licence') ?? [];
    expect([licences.length, (second?.matters.length ?? 0) - licences.length]).toEqual([91, 20]);
    expect(fromBodies(second as DemoRolloutPlan).size).toBe(19);
    expect(bodiesOf('zibo.linzi').filter((b) => b.kind === 'department')).toHaveLength(19);
  });

  // “未列入划转清单的事项，继续由行业主管部门实施，并按照‘三集中、三到位’要求进驻区政务服务中心……
  // 基本实现‘大厅之外无审批’”
  it('every matter no batch moves stays with its department, stationed at the hall (R12)', () => {
    const moved = new Set(plansOf('zibo').flatMap((p) => p.matters));
    const rest = catalogue('zibo').filter((m) => !moved.has(m.code));
    expect(rest.length).toBeGreaterThan(0);
    const holders = new Map(holdersOf('zibo.linzi').map((h) => [h.matter, h]));
    for (const m of rest) {
      expect(holders.get(m.code), m.name).toMatchObject({
        body: `zibo.linzi/${m.department}`,
        mode: 'stationed',
        windowBody: 'zibo.linzi/approval-bureau',
      });
    }
  });
});

describe('pre-reform holders of every seed tenant (R13)', () => {
  it('every matter a batch moves in a tenant has an initial holder there: the body it moves from', () => {
    for (const plan of demoRolloutPlans) {
      for (const tenant of plan.tenants) {
        const holders = new Map(holdersOf(tenant).map((h) => [h.matter, h.body]));
        const since = demoTenants.find((t) => t.id === tenant)?.since ?? '';
        expect(Date.parse(since)).toBeLessThan(Date.parse(plan.effectiveAt));
        // Anshan's return moves from the approval bureau, which the 2021 concentration made holder.
        if (plan.from === 'anshan.gaoxin/approval-bureau') continue;
        for (const m of plan.matters) expect(holders.get(m), `${tenant} ${m}`).toBe(fromBodyOf(plan, m));
      }
    }
  });
});
