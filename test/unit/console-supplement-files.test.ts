import { describe, expect, it } from 'vitest';
import { ACTIONS, FILES_SEP } from '../../packages/console/src/pages/cases/actions';
import { usableFiles } from '../../packages/console/src/pages/cases/materials';

describe('the supplement form with uploaded files (issue 16)', () => {
  it('provides a material by its files when the choice carries them, else records the paper original', () => {
    expect(ACTIONS.supplement({ materials: [`form${FILES_SEP}f1${FILES_SEP}f2`, 'copy'] }).materials).toEqual(
      [
        { code: 'form', files: ['f1', 'f2'] },
        { code: 'copy', provided: true },
      ],
    );
  });

  it('offers only files that may be used: not pending, not quarantined', () => {
    const row = (id: string, scan: string) => ({ id, scan }) as never;
    expect(
      usableFiles({
        files: [row('a', 'clean'), row('b', 'not-scanned'), row('c', 'pending'), row('d', 'infected')],
      }),
    ).toEqual(['a', 'b']);
    expect(usableFiles(undefined)).toEqual([]);
  });
});
