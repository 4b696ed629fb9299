import { composeUscc, type MatterDefinition, type MatterType } from '@onewindow/domain';

/**
 * National codes for the demo (R15). The seeds name no 统一社会信用代码 and no basic codes,
 * so these are made up, deterministically, with valid check characters: never a real
 * body's code except by chance, and the same on every start.
 */

/** GB/T 2260 codes of the demo districts; a sub-district registers with its district. */
const DIVISIONS: Readonly<Record<string, string>> = {
  'xian.yanliang': '610114', // 西安市阎良区
  'nanjing.jiangning': '320115', // 南京市江宁区
  'zibo.linzi': '370305', // 淄博市临淄区
  // 鞍山高新区 has no code of its own; demo assumption: 铁东区, where the zone lies.
  'anshan.gaoxin': '210302',
};

const divisionOf = (tenant: string): string => {
  const district = tenant.split('.').slice(0, 2).join('.');
  return DIVISIONS[district] ?? '000000';
};

/** A stable 8-digit organisation code body from the body's reference (FNV-1a). */
function orgBodyOf(ref: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193) >>> 0;
  return String(h % 100_000_000).padStart(8, '0');
}

/** The demo USCC of a body: 机构编制 (1), 机关 (1) or 事业单位 (2) for a service centre. */
export function demoUscc(tenant: string, body: { readonly code: string; readonly kind: string }): string {
  return composeUscc({
    authority: '1',
    category: body.kind === 'service-centre' ? '2' : '1',
    division: divisionOf(tenant),
    orgBody: orgBodyOf(`${tenant}/${body.code}`),
  });
}

/** Demo matter-type digits of the basic code (illustrative; README says what is confirmed). */
const TYPE_DIGITS: Readonly<Record<MatterType, string>> = {
  licence: '01',
  levy: '04',
  payment: '05',
  confirmation: '07',
  reward: '08',
  ruling: '09',
  other: '10',
  'review-forward': '10',
  filing: '10',
  'public-service': '20',
};

const PROVINCE: Readonly<Record<string, string>> = { xian: '61', nanjing: '32', zibo: '37', anshan: '21' };

/**
 * The city's matters with a demo 基本编码 each: the province, the type digits, a main item
 * of the department's number in the list and the matter's number in it, no sub-items.
 */
export function withDemoBasicCodes(city: string, matters: readonly MatterDefinition[]): MatterDefinition[] {
  const departments = new Map<string, number>();
  const counts = new Map<string, number>();
  return matters.map((m) => {
    const dept = m.department ?? '';
    if (!departments.has(dept)) departments.set(dept, departments.size + 1);
    const n = (counts.get(dept) ?? 0) + 1;
    counts.set(dept, n);
    const main = `${String(departments.get(dept) ?? 0).padStart(2, '0')}${String(n).padStart(3, '0')}`;
    return { ...m, basicCode: `${PROVINCE[city] ?? '00'}${TYPE_DIGITS[m.type]}${main}000` };
  });
}
