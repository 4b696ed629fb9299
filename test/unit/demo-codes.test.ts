import { describe, expect, it } from 'vitest';
import { checkMatter, isBasicCode, isUscc } from '../../packages/domain/src';
import { anshanExtraBodies, demoCatalogues } from '../../packages/local/src/demo/catalogue';
import { demoUscc, withDemoBasicCodes } from '../../packages/local/src/demo/codes';
import { demoTenants } from '../../packages/local/src/demo/tenancy';

/** The demo loads through the API, which refuses a bad code: every made-up one must pass the real checks (R15). */
describe('the demo national codes', () => {
  const bodies = [
    ...demoTenants.flatMap((t) => t.bodies.map((b) => ({ tenant: t.id, body: b }))),
    ...anshanExtraBodies.map((b) => ({ tenant: 'anshan.gaoxin', body: b })),
  ];

  it('gives every demo body a valid USCC of its own, the same on every start', () => {
    const codes = bodies.map(({ tenant, body }) => demoUscc(tenant, body));
    for (const code of codes) expect(isUscc(code), code).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(bodies.map(({ tenant, body }) => demoUscc(tenant, body))).toEqual(codes);
    expect(demoUscc('nanjing.jiangning.dongshan', { code: 'c', kind: 'service-centre' }).slice(0, 8)).toBe(
      '12320115',
    );
  });

  it('gives every demo matter a distinct basic code its handling items fit', () => {
    for (const [city, matters] of Object.entries(demoCatalogues)) {
      const coded = withDemoBasicCodes(city, matters);
      for (const m of coded) {
        expect(isBasicCode(m.basicCode ?? ''), `${city}/${m.code}`).toBe(true);
        expect(() => checkMatter(m)).not.toThrow();
      }
      expect(new Set(coded.map((m) => m.basicCode)).size).toBe(coded.length);
    }
  });
});
