import { invalid } from './errors';

/**
 * National codes of bodies and matters (R15).
 *
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-character alphabet without
 * I, O, Z, S, V: registration authority (1), organisation category (1), administrative
 * division of the registering authority (6 digits, GB/T 2260), organisation code (9,
 * GB 11714: 8 characters and their own check) and a check character (GB/T 17710 style,
 * weights 3^i mod 31).
 *
 * 政务服务事项 codes (GB/T 39554.1-2020): a 12-character basic code (基本编码) shared by
 * every body that carries out the matter; the implementation code (实施编码, 31) is the
 * implementing body's USCC, its exercise level (行使层级, 1 digit) and the basic code; a
 * handling item's code (业务办理项编码, 33) is the implementation code and a two-digit
 * sequence. README "National codes and their lineage" says which parts are confirmed.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Registration authorities and the organisation categories each may register (GB 32100-2015 table 1). */
export const USCC_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 编办直管群团, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

const USCC_SHAPE = /^[0-9A-HJ-NP-RT-UW-Y]{2}\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}$/;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The GB 11714 check character of an organisation code's first eight characters. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (const [i, weight] of ORG_CODE_WEIGHTS.entries()) {
    const ch = body8.charCodeAt(i);
    // digits count their value, letters A=10 … Z=35
    sum += (ch <= 57 ? ch - 48 : ch - 55) * weight;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character of a USCC's first seventeen characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Why a string is not a valid USCC (zh, en), or undefined when it is one. */
export function usccProblem(s: string): readonly [string, string] | undefined {
  if (!USCC_SHAPE.test(s)) {
    return [
      '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V），第3至8位为行政区划代码',
      'a USCC is 18 digits or capital letters (no I, O, Z, S, V), characters 3-8 an administrative division code',
    ];
  }
  const categories = USCC_CATEGORIES[s.charAt(0)];
  if (categories === undefined || !categories.includes(s.charAt(1))) {
    return [
      `登记管理部门代码“${s.charAt(0)}”与机构类别代码“${s.charAt(1)}”不符合GB 32100`,
      `registration authority '${s.charAt(0)}' with organisation category '${s.charAt(1)}' is not in GB 32100`,
    ];
  }
  const org = s.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org.charAt(8)) {
    return [
      '统一社会信用代码中的组织机构代码（第9至17位）校验位不正确',
      'the organisation code (characters 9-17) fails its GB 11714 check',
    ];
  }
  if (usccCheckChar(s.slice(0, 17)) !== s.charAt(17)) {
    return ['统一社会信用代码校验位不正确', 'the USCC check character is wrong'];
  }
  return undefined;
}

export function isUscc(s: string): boolean {
  return usccProblem(s) === undefined;
}

/** Throws a validation error naming `field` unless `s` is a valid USCC. */
export function checkUscc(s: string, field = 'uscc'): void {
  const problem = usccProblem(s);
  if (problem) throw invalid(field, problem[0], problem[1]);
}

/**
 * Builds a valid USCC from its parts (demo data, tests): the organisation code's and the
 * whole code's check characters are computed.
 */
export function composeUscc(parts: {
  readonly authority: string;
  readonly category: string;
  readonly division: string;
  readonly orgBody: string;
}): string {
  const org = parts.orgBody + orgCodeCheckChar(parts.orgBody);
  const first17 = `${parts.authority}${parts.category}${parts.division}${org}`;
  return first17 + usccCheckChar(first17);
}

/**
 * 基本编码: 2-digit region (00 national, else the province's two digits), 2-digit matter
 * type, 5-character main item (2-digit central department, 3-character sequence that may
 * use letters for public services) and a 3-character sub-item (000 none, 00Y a main item
 * with sub-items, 001-999 a sub-item).
 */
const BASIC_CODE = /^\d{4}\d{2}[0-9A-HJ-NP-RT-UW-Y]{3}(000|00Y|\d{3})$/;

export function isBasicCode(s: string): boolean {
  return BASIC_CODE.test(s);
}

export function checkBasicCode(s: string, field = 'basicCode'): void {
  if (!isBasicCode(s)) {
    throw invalid(
      field,
      '基本编码应为12位：2位区划、2位事项类型、5位主项、3位子项（000、00Y或001-999）',
      'a basic code is 12 characters: region (2), matter type (2), main item (5), sub-item (3: 000, 00Y or 001-999)',
    );
  }
}

/** 业务办理项 sequence within a matter: two digits, 01-99. */
export function isHandlingItemSequence(s: string): boolean {
  return /^(0[1-9]|[1-9]\d)$/.test(s);
}

export const EXERCISE_LEVELS = {
  national: '1',
  province: '2',
  city: '3',
  county: '4',
  township: '5',
  village: '6',
} as const;
export type ExerciseLevel = keyof typeof EXERCISE_LEVELS;

/** 直辖市: their districts sit directly under the province-level code (GB/T 2260 1101xx). */
const MUNICIPALITIES = ['11', '12', '31', '50'];

/**
 * The exercise level a body's USCC implies from its registering authority's division
 * code, a government body being registered at its own level: 100000 is the central
 * government, xx0000 a province (or municipality), xxxx00 and xxxx01 (市辖区) a city, any
 * other a county; in a municipality every code below xx0000 is a district. A township body
 * registers with its county and is told apart by its tenant (`bodyLevel`).
 */
export function exerciseLevelOf(uscc: string): ExerciseLevel {
  const division = uscc.slice(2, 8);
  if (division === '100000' || division === '000000') return 'national';
  if (division.endsWith('0000')) return 'province';
  if (MUNICIPALITIES.includes(division.slice(0, 2))) return 'county';
  if (division.endsWith('00') || division.endsWith('01')) return 'city';
  return 'county';
}

/** 实施编码 (31): the implementing body's USCC, its exercise level and the basic code. */
export function implementationCode(input: {
  readonly implementingBodyUscc: string;
  readonly basicCode: string;
  readonly level?: ExerciseLevel;
}): string {
  checkUscc(input.implementingBodyUscc, 'implementingBodyUscc');
  checkBasicCode(input.basicCode);
  const level = EXERCISE_LEVELS[input.level ?? exerciseLevelOf(input.implementingBodyUscc)];
  return `${input.implementingBodyUscc}${level}${input.basicCode}`;
}

/** 业务办理项编码 (33): the implementation code and the item's two-digit sequence. */
export function handlingItemCode(implementation: string, sequence: string): string {
  if (!isHandlingItemSequence(sequence)) {
    throw invalid('sequence', '业务办理项序号应为01-99', 'a handling-item sequence is 01-99');
  }
  return implementation + sequence;
}

/** The parts of an implementation code, for joining statistics across a move. */
export function splitImplementationCode(
  code: string,
): { readonly uscc: string; readonly level: string; readonly basicCode: string } | undefined {
  if (code.length !== 31) return undefined;
  const uscc = code.slice(0, 18);
  const basicCode = code.slice(19);
  if (!isUscc(uscc) || !isBasicCode(basicCode)) return undefined;
  return { uscc, level: code.charAt(18), basicCode };
}

/** The 业务办理项 sequence a handling item's code ends in (`01`, `marriage-01`), if it does. */
export function handlingSequenceOf(itemCode: string): string | undefined {
  const m = /(?:^|-)(\d{2})$/.exec(itemCode);
  return m?.[1] && isHandlingItemSequence(m[1]) ? m[1] : undefined;
}

/**
 * A matter with a basic code: the code is well formed and each handling item's code ends in
 * its own two-digit 业务办理项 sequence, so the item's national code (业务办理项编码) is the
 * implementation code and that sequence.
 */
export function checkNationalCodes(basicCode: string, items: readonly { readonly code: string }[]): void {
  checkBasicCode(basicCode);
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const sequence = handlingSequenceOf(item.code);
    if (sequence === undefined || seen.has(sequence)) {
      throw invalid(
        `items.${index}.code`,
        '有基本编码的事项，每个办理项编码应以不重复的两位业务办理项序号（01-99）结尾，如“01”或“marriage-01”',
        "with a basic code, each handling item's code ends in its own two-digit sequence (01-99), like '01' or 'marriage-01'",
      );
    }
    seen.add(sequence);
  }
}

/**
 * The exercise level of a body: a sub-district or town tenant (a dotted id three deep) acts
 * at township level, whatever county registered its USCC; otherwise the USCC says.
 */
export function bodyLevel(bodyRef: string, uscc: string): ExerciseLevel {
  const tenant = bodyRef.slice(0, bodyRef.indexOf('/'));
  return tenant.split('.').length > 2 ? 'township' : exerciseLevelOf(uscc);
}

/** The implementation code of a matter held by a body, when both carry their codes. */
export function bodyImplementationCode(
  body: { readonly ref: string; readonly uscc?: string | undefined } | undefined,
  basicCode: string | undefined,
): string | undefined {
  if (!body?.uscc || basicCode === undefined || !isUscc(body.uscc) || !isBasicCode(basicCode))
    return undefined;
  return implementationCode({
    implementingBodyUscc: body.uscc,
    basicCode,
    level: bodyLevel(body.ref, body.uscc),
  });
}

/**
 * One row of the code-lineage ledger (R15), kept on the authority period a rollout opens:
 * the implementation code before the move (absent when nobody held the matter or the
 * holder had no code) and after it.
 */
export interface CodeChange {
  readonly oldCode?: string;
  readonly newCode: string;
}

/** The ledger row a move makes, or none when the code is unknown or stays the same (a stationed move). */
export function codeChangeOf(
  oldCode: string | undefined,
  newCode: string | undefined,
): CodeChange | undefined {
  if (newCode === undefined || newCode === oldCode) return undefined;
  return oldCode === undefined ? { newCode } : { oldCode, newCode };
}
