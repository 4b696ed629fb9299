import type { Ctx } from '../../env';
import { ChoiceGroup, type FormState, many, one, TextField, type Values } from '../../ui/form';
import { type FormSpec, fieldOf } from '../../ui/form-spec';

/**
 * Deficiency-tolerant acceptance (容缺受理): non-core materials the applicant commits in
 * writing to supply by a date. The same fields serve intake and a later supplement.
 */
export function CommitmentFields({
  c,
  state,
  spec,
  materials,
}: {
  c: Ctx;
  state: FormState;
  /** The spec of the request the fields are part of (intake or supplement): both carry `commitment`. */
  spec: FormSpec;
  materials: readonly { code: string; name: string }[];
}) {
  const t = c.get('t');
  return (
    <fieldset>
      <legend>{t.intake.commitment}</legend>
      <p class="hint">{t.intake.commitmentHint}</p>
      <ChoiceGroup
        c={c}
        state={state}
        spec={fieldOf(spec, 'commitment.materials')}
        label={t.intake.commitmentMaterials}
        options={materials.map((x) => ({ value: x.code, label: x.name }))}
      />
      <TextField
        c={c}
        state={state}
        spec={fieldOf(spec, 'commitment.supplementBy')}
        type="date"
        label={t.intake.supplementBy}
      />
    </fieldset>
  );
}

/** The API's `commitment` from those fields, present only when a material was ticked. */
export function commitmentOf(values: Values): { commitment?: { materials: string[]; supplementBy: string } } {
  const materials = many(values, 'commitment.materials');
  return materials.length > 0
    ? { commitment: { materials, supplementBy: one(values, 'commitment.supplementBy') } }
    : {};
}
