import type { ApprovalLevel } from '@onewindow/domain';
import type { Ctx } from '../env';
import { type FormState, SelectField } from './form';

/**
 * Approval levels (R16) as one select: each level's kind in order, `!` marking one the body's
 * head signs ('undertake,review,sign!'); empty is one level. A matter set otherwise through the
 * API or the spreadsheet keeps its own value as an extra option.
 */
export const levelsValue = (levels: readonly ApprovalLevel[] | undefined): string =>
  levels && levels.length > 1 ? levels.map((l) => `${l.kind}${l.head ? '!' : ''}`).join(',') : '';

export const levelsFrom = (value: string): ApprovalLevel[] | undefined =>
  value
    ? value.split(',').map((x) => {
        const kind = x.replace('!', '') as ApprovalLevel['kind'];
        return x.endsWith('!') ? { kind, head: true } : { kind };
      })
    : undefined;

export function LevelsField({ c, state }: { c: Ctx; state: FormState }) {
  const t = c.get('t').levels;
  const current = String(state.values.approvalLevels ?? '');
  const presets = Object.entries(t.presets).map(([value, label]) => ({ value, label }));
  const named = (value: string) =>
    (levelsFrom(value) ?? [])
      .map((l) => `${t.kind[l.kind] ?? l.kind}${l.head ? t.headMark : ''}`)
      .join(' → ');
  return (
    <SelectField
      c={c}
      state={state}
      name="approvalLevels"
      label={t.setting}
      hint={t.settingHint}
      options={
        presets.some((p) => p.value === current)
          ? presets
          : [...presets, { value: current, label: named(current) }]
      }
    />
  );
}
