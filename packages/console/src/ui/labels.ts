import type { Messages } from '../i18n';
import type { Option } from './form';

type Enum = keyof Messages['enums'];

/** The label of an API enum value in the page's language; an unknown value shows as itself. */
export function label(t: Messages, kind: Enum, value: string | undefined): string {
  if (value === undefined) return '';
  const table = t.enums[kind] as Readonly<Record<string, string>>;
  return table[value] ?? value;
}

export const options = (t: Messages, kind: Enum): Option[] =>
  Object.entries(t.enums[kind] as Readonly<Record<string, string>>).map(([value, l]) => ({
    value,
    label: l,
  }));

export const roleNames = (t: Messages, roles: readonly string[]) =>
  roles.map((r) => label(t, 'role', r)).join('、');

export const scopeOf = (u: { city?: string; tenant?: string; body?: string }) =>
  [u.city, u.tenant, u.body].filter(Boolean).join(' · ');
