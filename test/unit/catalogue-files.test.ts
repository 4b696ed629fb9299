import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADERS } from '../../packages/api/src/catalogue-format';
import {
  catalogueSheet,
  matchHeaders,
  readCatalogueSheet,
  type SheetCell,
} from '../../packages/api/src/catalogue-sheet';
import {
  CsvSyntaxError,
  decodeText,
  parseCsv,
  toCsv,
  unguardFormula,
  withBom,
} from '../../packages/api/src/csv';
import { sameDefinition } from '../../packages/app/src';
import type { MatterDefinition } from '../../packages/domain/src';

/** GBK bytes of `text`, built by running the platform's GB18030 decoder backwards over the two-byte range. */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}

describe('parseCsv (RFC 4180)', () => {
  it('reads plain, quoted and empty fields', () => {
    expect(parseCsv('a,b,c\r\n1,,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
    expect(parseCsv('"a,b","say ""hi""",\r\n')).toEqual([['a,b', 'say "hi"', '']]);
  });

  it('keeps line breaks inside quotes, so one record is one spreadsheet row', () => {
    expect(parseCsv('code,name\r\nx,"第一行\r\n第二行\n第三行"\r\ny,z')).toEqual([
      ['code', 'name'],
      ['x', '第一行\r\n第二行\n第三行'],
      ['y', 'z'],
    ]);
  });

  it('ends records at CRLF, LF or CR; a final break adds no record, an empty line keeps its number', () => {
    expect(parseCsv('a\nb\rc\r\n')).toEqual([['a'], ['b'], ['c']]);
    expect(parseCsv('a\r\n\r\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a stray quote inside an unquoted field as text, as Excel does', () => {
    expect(parseCsv('5" 屏,x')).toEqual([['5" 屏', 'x']]);
  });

  it('names the row of a quote that is never closed', () => {
    try {
      parseCsv('a,b\r\nc,"open\r\nmore');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).row).toBe(2);
    }
  });

  it('reads back whatever toCsv writes', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '=', "'", '-', '南', '；'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 5 }), (rows) => {
        const read = parseCsv(toCsv(rows)).map((r) => r.map(unguardFormula));
        expect(read).toEqual(rows);
      }),
    );
  });

  it('writes CRLF records and guards cells Excel would run as formulas', () => {
    expect(toCsv([['=1+1', 'a b', ' pad'], ['x']])).toBe(`'=1+1,a b," pad"\r\nx\r\n`);
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    expect(decodeText(withBom('事项编码,x'))).toBe('事项编码,x');
  });

  it('reads bytes that are not UTF-8 as GBK (Excel "CSV" on Chinese Windows)', () => {
    const gbk = encodeGbk('事项编码,事项名称\r\nm1,婚姻登记');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(decodeText(gbk)).toBe('事项编码,事项名称\r\nm1,婚姻登记');
  });

  it('follows an explicit GBK charset', () => {
    expect(decodeText(encodeGbk('南京'), 'GBK')).toBe('南京');
  });
});

const full: MatterDefinition = {
  code: 'marriage-registration',
  name: '内地居民婚姻登记',
  type: 'confirmation',
  items: [
    { code: '01', name: '结婚登记' },
    { code: '02', name: '离婚 登记' },
  ],
  legalBasis: '《婚姻登记条例》第四条\n第二款',
  statutoryDays: 20,
  promisedDays: 0,
  onTheSpot: true,
  materials: [
    { code: 'm1', name: '申请表', core: true },
    { code: 'm2', name: '户口簿复印件', core: false },
  ],
  fees: [
    { code: 'f1', name: '工本费', amount: 9 },
    { code: 'f2', name: '证书 加急费', amount: 10.5 },
  ],
  specialSteps: [
    { kind: 'site-inspection', days: 5 },
    { kind: 'expert-review', days: 10 },
  ],
  department: 'civil-affairs',
  basicCode: '320100107000',
};
const plain: MatterDefinition = {
  code: 'm2',
  name: '简单事项',
  type: 'licence',
  items: [{ code: '01', name: '新办' }],
  legalBasis: '《行政许可法》',
  statutoryDays: 20,
  promisedDays: 5,
  onTheSpot: false,
  materials: [],
  fees: [],
};

describe('cell syntax', () => {
  it('writes the mini-syntax of every column', () => {
    const [header, row] = catalogueSheet([full]);
    expect(header).toEqual(CATALOGUE_HEADERS);
    // Left empty: the matter is handled by one body alone (not 统一/联合/集中办理, art. 42(2)).
    expect(row?.[CATALOGUE_HEADERS.indexOf('统一联合集中办理')]).toBe('');
    expect(row?.slice(0, 13)).toEqual([
      'marriage-registration',
      '内地居民婚姻登记',
      '行政确认',
      '01 结婚登记；02 离婚 登记',
      '《婚姻登记条例》第四条\n第二款',
      20,
      0,
      '是',
      'm1 申请表【核心】；m2 户口簿复印件',
      'f1 工本费 9.00；f2 证书 加急费 10.50',
      '现场勘验 5；专家评审 10',
      'civil-affairs',
      '320100107000',
    ]);
  });

  it('reads back what it writes, as cells and through CSV text', () => {
    const sheet = catalogueSheet([full, plain]);
    const direct = readCatalogueSheet(sheet);
    expect(direct.problems).toEqual([]);
    expect(direct.matters.map((m) => m.row)).toEqual([2, 3]);
    expect(sameDefinition(direct.matters[0]?.definition as MatterDefinition, full)).toBe(true);
    expect(sameDefinition(direct.matters[1]?.definition as MatterDefinition, plain)).toBe(true);

    const csv = toCsv(sheet.map((r) => r.map((c) => (c === null ? '' : String(c)))));
    const viaCsv = readCatalogueSheet(parseCsv(csv).map((r) => r.map(unguardFormula)));
    expect(viaCsv.problems).toEqual([]);
    expect(viaCsv.matters.map((m) => m.definition)).toEqual(direct.matters.map((m) => m.definition));
  });

  it("accepts ';' or line breaks between entries, full-width spaces, English types and true/false", () => {
    const sheet: SheetCell[][] = [
      [...CATALOGUE_HEADERS],
      [
        'm1',
        '名称',
        'licence',
        '01\u3000新办;02 变更\n03 注销',
        '依据',
        '20',
        '5',
        false,
        'm1 申请表 【核心】\r\nm2 复印件',
        'f1 工本费 10元',
        '听证 7个工作日',
        '',
      ],
    ];
    const { problems, matters } = readCatalogueSheet(sheet);
    expect(problems).toEqual([]);
    expect(matters[0]?.definition).toEqual({
      code: 'm1',
      name: '名称',
      type: 'licence',
      items: [
        { code: '01', name: '新办' },
        { code: '02', name: '变更' },
        { code: '03', name: '注销' },
      ],
      legalBasis: '依据',
      statutoryDays: 20,
      promisedDays: 5,
      onTheSpot: false,
      materials: [
        { code: 'm1', name: '申请表', core: true },
        { code: 'm2', name: '复印件', core: false },
      ],
      fees: [{ code: 'f1', name: '工本费', amount: 10 }],
      specialSteps: [{ kind: 'hearing', days: 7 }],
    });
  });

  it('skips empty rows without renumbering the others', () => {
    const [header, row] = catalogueSheet([plain]);
    const { rows, matters } = readCatalogueSheet([header ?? [], [], ['', null], row ?? []]);
    expect(rows).toBe(1);
    expect(matters[0]?.row).toBe(4);
  });
});

describe('headers', () => {
  it('tolerate surrounding spaces and half-width parentheses', () => {
    const loose = CATALOGUE_HEADERS.map((h) => ` ${h.replace('（', '(').replace('）', ')')} `);
    loose[6] = '承诺办结时限 （工作日）';
    const { problems, columns } = matchHeaders(loose);
    expect(problems).toEqual([]);
    expect(columns.size).toBe(CATALOGUE_HEADERS.length);
  });

  it('allow the optional columns to be left out, and in any order', () => {
    const headers = CATALOGUE_HEADERS.slice(0, 10).reverse();
    expect(matchHeaders(headers).problems).toEqual([]);
  });

  it('report unknown, repeated and missing columns on row 1', () => {
    const headers = [
      ...CATALOGUE_HEADERS.filter((h) => h !== '设定依据' && h !== '收费项目'),
      '备注',
      '事项名称',
    ];
    expect(matchHeaders(headers).problems).toEqual([
      { row: 1, column: '备注', zh: '未知的列', en: 'is not a known column' },
      { row: 1, column: '事项名称', zh: '列重复', en: 'appears twice' },
      { row: 1, column: '设定依据', zh: '缺少必填列', en: 'the required column is missing' },
      { row: 1, column: '收费项目', zh: '缺少必填列', en: 'the required column is missing' },
    ]);
  });
});

describe('row checks', () => {
  const row = (overrides: Partial<Record<string, SheetCell>>): SheetCell[] => {
    const [, base = []] = catalogueSheet([plain]);
    return CATALOGUE_HEADERS.map((h, i) => (h in overrides ? (overrides[h] ?? null) : (base[i] ?? null)));
  };

  it('collects every problem of every row, by row and column', () => {
    const { problems, matters } = readCatalogueSheet([
      [...CATALOGUE_HEADERS],
      row({}),
      row({ 事项编码: 'Bad Code', 事项类型: '许可', 办理项: '01新办' }),
      row({ 事项编码: 'm3', '承诺办结时限（工作日）': 30 }),
      row({ 事项编码: 'm4', 收费项目: 'f1 工本费 1.234；f1 复印费 2', 是否即办件: '也许' }),
      row({ 事项编码: 'm2', 事项名称: '' }),
    ]);
    expect(matters).toEqual([expect.objectContaining({ row: 2 })]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '事项类型'],
      [3, '办理项'],
      [3, '事项编码'],
      [4, '承诺办结时限（工作日）'],
      [5, '是否即办件'],
      [5, '收费项目'],
      [6, '事项编码'],
      [6, '事项名称'],
    ]);
    expect(problems[1]?.zh).toBe('第1项“01新办”应为“编码 名称”，如“01 新办”');
    expect(problems[3]?.zh).toContain('不得超过法定时限');
    expect(problems[5]?.zh).toBe('第1项的金额：金额最多两位小数 / at most two decimals');
    expect(problems[6]?.zh).toBe('事项编码“m2”与第2行重复');
    expect(problems[7]?.zh).toBe('必填');
  });

  it('checks a basic code and, with one, that each handling item ends in its sequence (R15)', () => {
    const { problems, matters } = readCatalogueSheet([
      [...CATALOGUE_HEADERS],
      row({ 基本编码: '320100101000', 办理项: 'a-01 新办；a-02 变更' }),
      row({ 事项编码: 'm3', 基本编码: '32010010100Z' }),
      row({ 事项编码: 'm4', 基本编码: '320100102000', 办理项: 'new 新办' }),
    ]);
    expect(matters.map((m) => m.definition.basicCode)).toEqual(['320100101000']);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '基本编码'],
      [4, '办理项'],
    ]);
    expect(problems[1]?.zh).toContain('两位业务办理项序号');
  });

  it('reports repeated entry codes within a cell by the rule the PUT route applies', () => {
    const { problems } = readCatalogueSheet([[...CATALOGUE_HEADERS], row({ 办理项: '01 新办；01 变更' })]);
    expect(problems).toEqual([
      {
        row: 2,
        column: '办理项',
        zh: '第2项的编码：编码“01”重复',
        en: "entry 2 code: code '01' appears twice",
      },
    ]);
  });
});
