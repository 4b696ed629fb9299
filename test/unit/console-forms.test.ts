import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../packages/console/src/pages/cases/actions';
import { intakeInput } from '../../packages/console/src/pages/cases/intake';
import { rolloutInput } from '../../packages/console/src/pages/city/rollout-form';
import { parseFees } from '../../packages/console/src/pages/tenant/matters';
import { COLOURS, HBarChart } from '../../packages/console/src/ui/charts';
import { beijing, fromLocalInput, toLocalInput } from '../../packages/console/src/ui/format';

describe('console forms become API bodies', () => {
  it('reads datetime-local values as Beijing time and shows instants in it', () => {
    expect(fromLocalInput('2024-09-06T08:30')).toBe('2024-09-06T08:30:00+08:00');
    expect(fromLocalInput('2024-09-06T08:30:15')).toBe('2024-09-06T08:30:15+08:00');
    // Anything else goes on unchanged, for the API to refuse beside the field.
    expect(fromLocalInput('next tuesday')).toBe('next tuesday');
    expect(toLocalInput('2024-09-05T16:00:00Z')).toBe('2024-09-06T00:00:00');
    expect(beijing('2024-09-05T16:00:00Z')).toBe('2024-09-06 00:00');
  });

  it('makes a rollout with one from-body, or one per matter when the lines are given', () => {
    const base = {
      id: 'r1',
      name: '批次',
      matters: ['a', 'b'],
      tenants: 't.x',
      mode: 'transfer',
      effectiveAt: '2030-01-01T00:00',
      from: 'c.d/civil',
      to: 'centre',
      seal: 's1',
    };
    expect(rolloutInput(base)).toEqual({
      id: 'r1',
      name: '批次',
      matters: ['a', 'b'],
      tenants: ['t.x'],
      mode: 'transfer',
      effectiveAt: '2030-01-01T00:00:00+08:00',
      from: 'c.d/civil',
      to: 'centre',
      seal: 's1',
    });
    const perMatter = rolloutInput({
      ...base,
      fromPerMatter: 'a = c.d/civil\r\nb：c.d/health\n',
      'transition.policy': 'guided',
      'transition.until': '2030-02-01T00:00',
    });
    expect(perMatter.from).toEqual({ a: 'c.d/civil', b: 'c.d/health' });
    expect(perMatter.transition).toEqual({ policy: 'guided', until: '2030-02-01T00:00:00+08:00' });
  });

  it('sends every material of the matter at intake, ticked or not, and a commitment only when one is ticked', () => {
    const body = intakeInput(
      {
        matter: 'm1',
        'applicant.kind': 'person',
        'applicant.name': ' 李明 ',
        'applicant.idNumber': '11010519491231002X',
        materials: ['copy'],
        'commitment.supplementBy': '2030-01-08',
      },
      ['form', 'copy', 'photo'],
    );
    expect(body).toEqual({
      matter: 'm1',
      applicant: { kind: 'person', name: '李明', idNumber: '11010519491231002X' },
      materials: [
        { code: 'form', provided: false },
        { code: 'copy', provided: true },
        { code: 'photo', provided: false },
      ],
    });
    const committed = intakeInput(
      {
        matter: 'm1',
        materials: ['form'],
        'commitment.materials': 'photo',
        'commitment.supplementBy': '2030-01-08',
      },
      ['form', 'photo'],
    );
    expect(committed.commitment).toEqual({ materials: ['photo'], supplementBy: '2030-01-08' });
  });

  it('turns case action forms into their API bodies', () => {
    expect(ACTIONS.supplement({ materials: ['form', 'copy'] })).toEqual({
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    expect(ACTIONS.extend({ days: '3', reason: '需补充调查' })).toEqual({ days: 3, reason: '需补充调查' });
    // A number field holding text goes on as text: the API names the field.
    expect(ACTIONS.extend({ days: 'three', reason: 'x' })).toEqual({ days: 'three', reason: 'x' });
    expect(ACTIONS['start-step']({ kind: 'site-inspection', bodies: 'a.b/x， a.b/y' })).toEqual({
      kind: 'site-inspection',
      bodies: ['a.b/x', 'a.b/y'],
    });
    expect(ACTIONS.decide({ outcome: 'deny', reasons: '' })).toEqual({ outcome: 'deny' });
  });

  it('reads fee lines as code, name and amount', () => {
    expect(parseFees('f1 工本费 10.00\nf2 证书 照片费 5')).toEqual([
      { code: 'f1', name: '工本费', amount: 10 },
      { code: 'f2', name: '证书 照片费', amount: 5 },
    ]);
    expect(parseFees('f3 费用')).toEqual([{ code: 'f3', name: '费用', amount: '' }]);
  });
});

describe('server-rendered charts', () => {
  it('draws bars in proportion, with the numbers for screen readers', async () => {
    const svg = String(
      await HBarChart({
        id: 'c',
        title: '超期',
        bars: [
          { label: '甲', value: 4, colour: COLOURS.red },
          { label: '乙', value: 2, colour: COLOURS.red },
        ],
      }),
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeCloseTo((widths[1] ?? 0) * 2);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<desc id="c-d">甲 4；乙 2</desc>');
  });
});
