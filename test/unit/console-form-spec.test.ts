import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  DecideInput,
  ExtendInput,
  IntakeInput,
  RejectInput,
  StartStepInput,
} from '../../packages/api/src/case-schemas';
import { fieldOf, formSpec, optionsOf } from '../../packages/console/src/ui/form-spec';
import { EXTENSION_DAYS, STEP_KINDS } from '../../packages/domain/src';

describe('form spec from a request schema', () => {
  it('reads required, bounds and lengths', () => {
    const spec = formSpec(ExtendInput);
    expect(spec.days).toEqual({ name: 'days', type: 'integer', required: true, min: 1, max: 10 });
    expect(spec.reason).toEqual({
      name: 'reason',
      type: 'string',
      required: true,
      minLength: 1,
      maxLength: 2000,
    });
    expect(fieldOf(formSpec(RejectInput), 'competentAuthority')).toMatchObject({
      required: false,
      maxLength: 200,
    });
  });

  it('shows the extension days the decider allows (the API schema and the domain agree)', () => {
    expect(fieldOf(formSpec(ExtendInput), 'days')).toMatchObject({
      min: EXTENSION_DAYS.min,
      max: EXTENSION_DAYS.max,
    });
  });

  it('gives an enum its values, in the schema order', () => {
    const kind = fieldOf(formSpec(StartStepInput), 'kind');
    expect(kind.options).toEqual([...STEP_KINDS]);
    expect(optionsOf(fieldOf(formSpec(DecideInput), 'outcome'), (v) => v.toUpperCase())).toEqual([
      { value: 'approve', label: 'APPROVE' },
      { value: 'deny', label: 'DENY' },
    ]);
    expect(fieldOf(formSpec(StartStepInput), 'bodies')).toMatchObject({
      type: 'array',
      required: false,
      minItems: 1,
      maxItems: 10,
    });
  });

  it('names nested fields with dots, required only when every object around them is', () => {
    const spec = formSpec(IntakeInput);
    expect(fieldOf(spec, 'applicant.name')).toMatchObject({ required: true, maxLength: 200 });
    expect(fieldOf(spec, 'applicant.idNumber')).toMatchObject({ required: true, maxLength: 32 });
    expect(fieldOf(spec, 'applicant.kind').options).toEqual(['person', 'org']);
    // The commitment is optional, so nothing in it is required of the form.
    expect(fieldOf(spec, 'commitment')).toMatchObject({ type: 'object', required: false });
    expect(fieldOf(spec, 'commitment.supplementBy').required).toBe(false);
    expect(fieldOf(spec, 'commitment.materials')).toMatchObject({ required: false, minItems: 1 });
    expect(fieldOf(spec, 'item').required).toBe(false);
    expect(Object.keys(spec)).not.toContain('materials.code');
  });

  it('refuses a field the schema does not have, and reads each schema once', () => {
    expect(() => fieldOf(formSpec(ExtendInput), 'weeks')).toThrow(/weeks/);
    expect(formSpec(ExtendInput)).toBe(formSpec(ExtendInput));
    const other = z.strictObject({ n: z.optional(z.number().check(z.minimum(0.5))) });
    expect(formSpec(other).n).toEqual({ name: 'n', type: 'number', required: false, min: 0.5 });
  });
});
