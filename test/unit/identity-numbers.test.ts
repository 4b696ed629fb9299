import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkIdNumber,
  checkPhone,
  creditCodeCheck,
  DomainError,
  formatCaseNo,
  isCreditCode,
  isResidentId,
  maskIdNumber,
  parseCaseNo,
  queryCodeFrom,
  queryCodeHash,
  residentIdCheck,
} from '../../packages/domain/src';

const DIGITS = '0123456789';
/** GB 32100's 31 characters: digits and capitals without I, O, Z, S, V. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const chars = (alphabet: string, length: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((a) => a.join(''));

/** Every position and a different character from `alphabet` to put there. */
const substitution = (length: number, alphabet: string) =>
  fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 1, max: alphabet.length - 1 }));
const substitute = (value: string, alphabet: string, [i, shift]: [number, number]): string => {
  const at = alphabet.indexOf(value[i] ?? '');
  const other = alphabet[(at + shift) % alphabet.length] ?? '';
  return value.slice(0, i) + other + value.slice(i + 1);
};

describe('resident identity number (GB 11643, ISO 7064 MOD 11-2)', () => {
  it("gives the standard's samples their check characters", () => {
    expect(residentIdCheck('11010519491231002')).toBe('X');
    expect(isResidentId('11010519491231002X')).toBe(true);
    // The standard's other sample is born in 1880: its check digit holds, but no living applicant is that old.
    expect(residentIdCheck('44052418800101001')).toBe('4');
    expect(isResidentId('440524188001010014')).toBe(false);
  });

  it('refuses a wrong length, a lower-case x, a non-digit, a wrong check or an unreal date', () => {
    for (const value of [
      '11010519491231002',
      '11010519491231002XX',
      '11010519491231002x',
      '1101051949123100AX',
      '110105194912310021',
      '11010519490229002X'.slice(0, 17) + residentIdCheck('11010519490229002'),
      '11010519491301002X'.slice(0, 17) + residentIdCheck('11010519491301002'),
    ]) {
      expect(isResidentId(value), value).toBe(false);
    }
    // 2000 was a leap year.
    const leap = `11010520000229002`;
    expect(isResidentId(leap + residentIdCheck(leap))).toBe(true);
  });

  const residentArb = fc
    .tuple(chars(DIGITS, 6), fc.integer({ min: 0, max: 45_000 }), chars(DIGITS, 3))
    .map(([region, day, seq]) => {
      const birth = addDays('1900-01-01', day).replaceAll('-', '');
      const first = `${region}${birth}${seq}`;
      return first + residentIdCheck(first);
    });

  it('accepts any 17 digits with a real birth date and their computed check', () => {
    fc.assert(fc.property(residentArb, (id) => isResidentId(id)));
  });

  it('fails when any single character changes', () => {
    fc.assert(
      fc.property(residentArb, substitution(18, `${DIGITS}X`), (id, change) => {
        const changed = substitute(id, `${DIGITS}X`, change);
        return changed !== id && !isResidentId(changed);
      }),
    );
  });
});

describe('unified social credit code (GB 32100, MOD 31)', () => {
  it('gives published codes their check characters', () => {
    // The standard's example, and two companies' codes from their business licences.
    for (const code of ['91350100M000100Y43', '914403001922038216', '9144030071526726XG']) {
      expect(creditCodeCheck(code.slice(0, 17)), code).toBe(code[17]);
      expect(isCreditCode(code), code).toBe(true);
    }
  });

  it('takes the registration departments of the standard, including N (village collectives)', () => {
    for (const head of ['11', '12', '31', '51', '52', '53', '91', '92', '93', 'A1', 'N2', 'N3', 'Y1']) {
      const first = `${head}610114MA6TX7RL`.padEnd(17, '0').slice(0, 17);
      expect(isCreditCode(first + creditCodeCheck(first)), head).toBe(true);
    }
    const village = 'N2610114MA6TX7RL0';
    expect(checkIdNumber('org', village + creditCodeCheck(village), 'applicant.idNumber')).toBe(
      village + creditCodeCheck(village),
    );
  });

  it('refuses letters outside the alphabet, a bad head, a wrong length or a wrong check', () => {
    const good = '91350100M000100Y43';
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) {
      const first = `${good.slice(0, 9)}${bad}${good.slice(10, 17)}`;
      expect(isCreditCode(first + creditCodeCheck(first)), bad).toBe(false);
    }
    for (const value of [
      '01350100M000100Y43',
      '90350100M000100Y43',
      '91350100M000100Y4',
      '91350100M000100Y44',
    ]) {
      expect(isCreditCode(value), value).toBe(false);
    }
    expect(isCreditCode(good.toLowerCase())).toBe(false);
  });

  const creditArb = fc
    .tuple(
      fc.constantFrom(...'123456789ANY'),
      fc.constantFrom(...'123456789'),
      chars(DIGITS, 6),
      chars(CREDIT_ALPHABET, 9),
    )
    .map(([department, category, region, subject]) => {
      const first = `${department}${category}${region}${subject}`;
      return first + creditCodeCheck(first);
    });

  it('accepts any well-formed 17 characters with their computed check', () => {
    fc.assert(fc.property(creditArb, (code) => isCreditCode(code)));
  });

  it('fails when any single character changes', () => {
    fc.assert(
      fc.property(creditArb, substitution(18, CREDIT_ALPHABET), (code, change) => {
        const changed = substitute(code, CREDIT_ALPHABET, change);
        return changed !== code && !isCreditCode(changed);
      }),
    );
  });
});

describe('checkIdNumber', () => {
  it('trims and upper-cases, and names the field it was given', () => {
    expect(checkIdNumber('person', ' 11010519491231002x\n', 'f')).toBe('11010519491231002X');
    expect(checkIdNumber('org', '91350100m000100y43', 'f')).toBe('91350100M000100Y43');
    for (const [kind, value] of [
      ['person', '91350100M000100Y43'],
      ['org', '11010519491231002X'],
      ['person', ''],
    ] as const) {
      try {
        checkIdNumber(kind, value, 'applicant.idNumber');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).field).toBe('applicant.idNumber');
        expect((error as DomainError).type).toBe('validation');
      }
    }
  });
});

describe('checkPhone (联系电话)', () => {
  it('takes a mainland mobile or a landline with its area code, spaces dropped', () => {
    expect(checkPhone(' 138 1234 5678 ', 'f')).toBe('13812345678');
    expect(checkPhone('025-83451234', 'f')).toBe('025-83451234');
    expect(checkPhone('0258345123', 'f')).toBe('0258345123');
    expect(checkPhone('025-83451234-801', 'f')).toBe('025-83451234-801');
  });

  it('refuses anything else, naming the field', () => {
    for (const value of ['12345678901', '1381234567', '83451234', '138123456789', '+8613812345678x', '']) {
      expect(() => checkPhone(value, 'applicant.phone')).toThrow(
        expect.objectContaining({ field: 'applicant.phone', type: 'validation' }),
      );
    }
  });
});

describe('maskIdNumber', () => {
  it('keeps only the first 4 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('91350100M000100Y43')).toBe('9135**********0Y43');
    fc.assert(
      fc.property(fc.string({ minLength: 9, maxLength: 40 }), (value) => {
        const masked = maskIdNumber(value);
        return (
          masked.length === value.length &&
          masked.slice(0, 4) === value.slice(0, 4) &&
          masked.slice(-4) === value.slice(-4) &&
          /^\**$/.test(masked.slice(4, -4))
        );
      }),
    );
  });

  it('hides a value of 8 characters or fewer entirely', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (value) => maskIdNumber(value) === '*'.repeat(value.length)),
    );
  });
});

describe('case numbers and query codes', () => {
  it('formats and parses <tenant>-<yyyymmdd>-<seq>', () => {
    expect(formatCaseNo('nanjing.jiangning.dongshan', '2026-03-02', 7)).toBe(
      'nanjing.jiangning.dongshan-20260302-0007',
    );
    fc.assert(
      fc.property(
        fc.constantFrom('xian.yanliang', 'nanjing.jiangning.dongshan', 'zibo.linzi', 'a-1.b-2.c'),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 99_999 }),
        (tenant, day, seq) => {
          const date = addDays('2000-01-01', day);
          const parsed = parseCaseNo(formatCaseNo(tenant, date, seq));
          return parsed.tenant === tenant && parsed.date === date && parsed.seq === seq;
        },
      ),
    );
    for (const bad of [
      'xian-20260302-0001',
      'xian.yanliang-2026-03-02-0001',
      'xian.yanliang-20260302-01',
      '',
    ]) {
      expect(() => parseCaseNo(bad, 'caseNo')).toThrow(DomainError);
    }
  });

  it('draws 8-character query codes without look-alike characters, and hashes them case-blind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (random) =>
        /^[2-9A-HJKMNP-Z]{8}$/.test(queryCodeFrom(random)),
      ),
    );
    const caseNo = 'xian.yanliang-20260302-0001';
    expect(queryCodeHash(caseNo, ' abcd2345 ')).toBe(queryCodeHash(caseNo, 'ABCD2345'));
    expect(queryCodeHash(caseNo, 'ABCD2345')).not.toBe(
      queryCodeHash('xian.yanliang-20260302-0002', 'ABCD2345'),
    );
  });
});
