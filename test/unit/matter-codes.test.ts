import { describe, expect, it } from 'vitest';
import {
  bodyImplementationCode,
  checkMatter,
  checkUscc,
  codeChangeOf,
  composeUscc,
  DomainError,
  exerciseLevelOf,
  handlingItemCode,
  implementationCode,
  isBasicCode,
  isUscc,
  type MatterDefinition,
  USCC_ALPHABET,
  usccCheckChar,
} from '../../packages/domain/src';

/**
 * Published codes of government bodies, as their provinces' service platforms print them:
 * two Sichuan departments (the deptCode of their matters on sczwfw.gov.cn) and a Guangdong
 * city-level institution, whose published implementation code is checked below.
 */
const PUBLISHED = ['11511301008778183N', '115113010833722043', '12441500196720244T'] as const;

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes of government bodies', () => {
    for (const code of PUBLISHED) expect(isUscc(code), code).toBe(true);
  });

  it('refuses every single-character change of a published code', () => {
    for (const code of PUBLISHED) {
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_ALPHABET) {
          if (ch === code[i]) continue;
          const mutated = code.slice(0, i) + ch + code.slice(i + 1);
          expect(isUscc(mutated), mutated).toBe(false);
        }
      }
    }
  });

  it('refuses swapped neighbours, letters outside the alphabet, lower case and wrong lengths', () => {
    const code = '11511301008778183N';
    expect(isUscc(`${code.slice(0, 9)}${code[10]}${code[9]}${code.slice(11)}`)).toBe(false);
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) expect(isUscc(`${code.slice(0, 17)}${bad}`)).toBe(false);
    expect(isUscc(code.toLowerCase())).toBe(false);
    expect(isUscc(code.slice(0, 17))).toBe(false);
    expect(isUscc(`${code}0`)).toBe(false);
  });

  it('checks the registration authority against the organisation category', () => {
    // 工商 (9) registers enterprises (1), sole traders (2) and co-operatives (3), never a 4.
    const bad = composeUscc({ authority: '9', category: '4', division: '320115', orgBody: 'MA1XK2L3' });
    expect(isUscc(bad)).toBe(false);
    expect(
      isUscc(composeUscc({ authority: '9', category: '1', division: '320115', orgBody: 'MA1XK2L3' })),
    ).toBe(true);
  });

  it("checks the organisation code's own GB 11714 check even when the last character fits", () => {
    const code = '11511301008778183N';
    // Change the organisation code's check (character 17) and recompute the USCC check over it.
    const first17 = `${code.slice(0, 16)}${code[16] === '0' ? '1' : '0'}`;
    const forged = first17 + usccCheckChar(first17);
    expect(isUscc(forged)).toBe(false);
    expect(() => checkUscc(forged)).toThrow(/organisation code/);
  });

  it('names the field of a bad code', () => {
    try {
      checkUscc('11511301008778183M', 'uscc');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('uscc');
      expect((e as DomainError).zh).toContain('校验位');
    }
  });
});

describe('实施编码 (GB/T 39554.1): USCC, exercise level, basic code', () => {
  it("derives a published implementation code from its body's USCC and the basic code", () => {
    // Guangdong's 水费查缴办理 as a Shanwei city-level institution implements it.
    expect(
      implementationCode({ implementingBodyUscc: '12441500196720244T', basicCode: '442199806003' }),
    ).toBe('12441500196720244T3442199806003');
  });

  it('reads the exercise level from the division the body registered in', () => {
    expect(
      exerciseLevelOf(
        composeUscc({ authority: '1', category: '1', division: '320000', orgBody: '32000001' }),
      ),
    ).toBe('province');
    expect(exerciseLevelOf('12441500196720244T')).toBe('city');
    // 511301 is Nanchong's 市辖区: a city registration.
    expect(exerciseLevelOf('11511301008778183N')).toBe('city');
    expect(exerciseLevelOf('12320115320115026B')).toBe('county');
    // In a municipality the districts sit right under it: 110101 is 东城区.
    expect(
      exerciseLevelOf(
        composeUscc({ authority: '1', category: '1', division: '110101', orgBody: '11010101' }),
      ),
    ).toBe('county');
  });

  it('puts a sub-district body at township level whatever district registered it', () => {
    const uscc = '12320115320115026B';
    expect(bodyImplementationCode({ ref: 'nanjing.jiangning.dongshan/centre', uscc }, '320100101000')).toBe(
      `${uscc}5320100101000`,
    );
    expect(bodyImplementationCode({ ref: 'nanjing.jiangning/centre', uscc }, '320100101000')).toBe(
      `${uscc}4320100101000`,
    );
    expect(bodyImplementationCode({ ref: 'nanjing.jiangning/centre' }, '320100101000')).toBeUndefined();
    expect(bodyImplementationCode({ ref: 'nanjing.jiangning/centre', uscc }, undefined)).toBeUndefined();
  });

  it('gives each handling item the implementation code and its two-digit sequence (33 characters)', () => {
    const code = handlingItemCode('12441500196720244T3442199806003', '02');
    expect(code).toBe('12441500196720244T344219980600302');
    expect(code).toHaveLength(33);
    expect(() => handlingItemCode('12441500196720244T3442199806003', '00')).toThrow(DomainError);
  });

  it('refuses a malformed basic code or USCC by field', () => {
    expect(isBasicCode('442199806003')).toBe(true);
    expect(isBasicCode('32010010100Y')).toBe(true);
    for (const bad of ['44219980600', '4421998060031', 'XK0010100Y00', '442199806A03']) {
      expect(isBasicCode(bad), bad).toBe(false);
    }
    expect(() => implementationCode({ implementingBodyUscc: '12441500196720244T', basicCode: 'x' })).toThrow(
      expect.objectContaining({ field: 'basicCode' }),
    );
    expect(() =>
      implementationCode({ implementingBodyUscc: '12441500196720244A', basicCode: '442199806003' }),
    ).toThrow(expect.objectContaining({ field: 'implementingBodyUscc' }));
  });

  it('records a change only when the code is known and differs', () => {
    expect(codeChangeOf('A', 'B')).toEqual({ oldCode: 'A', newCode: 'B' });
    expect(codeChangeOf(undefined, 'B')).toEqual({ newCode: 'B' });
    expect(codeChangeOf('A', 'A')).toBeUndefined();
    expect(codeChangeOf('A', undefined)).toBeUndefined();
  });
});

describe('a matter with a basic code', () => {
  const matter = (extra: Partial<MatterDefinition>): MatterDefinition => ({
    code: 'food',
    name: '食品经营许可',
    type: 'licence',
    items: [
      { code: '01', name: '新办' },
      { code: 'food-02', name: '变更' },
    ],
    legalBasis: '《中华人民共和国食品安全法》',
    statutoryDays: 20,
    promisedDays: 10,
    onTheSpot: false,
    materials: [],
    fees: [],
    basicCode: '320100101000',
    ...extra,
  });

  it('codes each handling item by the two-digit sequence its code ends in', () => {
    expect(() => checkMatter(matter({}))).not.toThrow();
    expect(() => checkMatter(matter({ items: [{ code: 'new', name: '新办' }] }))).toThrow(
      expect.objectContaining({ field: 'items.0.code' }),
    );
    expect(() =>
      checkMatter(
        matter({
          items: [
            { code: 'a-01', name: '新办' },
            { code: 'b-01', name: '变更' },
          ],
        }),
      ),
    ).toThrow(expect.objectContaining({ field: 'items.1.code' }));
    expect(() => checkMatter(matter({ basicCode: '3201001010' }))).toThrow(
      expect.objectContaining({ field: 'basicCode' }),
    );
  });

  it('leaves a matter without one as it was', () => {
    const { basicCode: _, ...plain } = matter({ items: [{ code: 'new', name: '新办' }] });
    expect(() => checkMatter(plain)).not.toThrow();
  });
});
