/**
 * Pinyin initials of a matter's name (临时救助 → lsjz), so a clerk finds a matter by typing what
 * they say. The ICU collation for zh sorts Han characters by pinyin: a character's initial is
 * that of the last boundary character not after it. No dictionary: a polyphone takes its most
 * common reading, which is what people type for matter names.
 */
const BOUNDS = '阿芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝';
const LETTERS = 'abcdefghjklmnopqrstwxyz';
const collator = new Intl.Collator('zh-Hans-CN');

function initialOf(ch: string): string {
  if (/[a-z0-9]/i.test(ch)) return ch.toLowerCase();
  if (!/\p{Script=Han}/u.test(ch)) return '';
  let i = BOUNDS.length - 1;
  while (i > 0 && collator.compare(ch, BOUNDS.charAt(i)) < 0) i--;
  return LETTERS.charAt(i);
}

export const pinyinInitials = (text: string): string => [...text].map(initialOf).join('');

/** What a matter is found by: its name, code, department, and the name's pinyin initials. */
export const searchKeys = (...parts: readonly string[]): string =>
  [...parts, pinyinInitials(parts[0] ?? '')].join(' ').toLowerCase();

export const matches = (keys: string, query: string): boolean =>
  query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => keys.includes(word));
