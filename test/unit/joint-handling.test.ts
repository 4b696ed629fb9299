import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADER } from '../../packages/api/src/catalogue-format';
import { catalogueSheet, readCatalogueSheet } from '../../packages/api/src/catalogue-sheet';
import { sameDefinition } from '../../packages/app/src';
import {
  checkLocalSettings,
  checkMatter,
  JOINT_STATUTORY_DAYS,
  jointHandlingOf,
  type MatterDefinition,
} from '../../packages/domain/src';

/** Art. 42(2): a jointly or centrally handled matter is decided within 45 working days. */
const matter = (extra: Partial<MatterDefinition> = {}): MatterDefinition => ({
  code: 'build',
  name: '建设工程规划许可',
  type: 'licence',
  items: [{ code: 'new', name: '新办' }],
  legalBasis: '《中华人民共和国城乡规划法》',
  statutoryDays: 20,
  promisedDays: 10,
  onTheSpot: false,
  materials: [],
  fees: [],
  ...extra,
});

describe('jointly or centrally handled matters (art. 42(2))', () => {
  it('takes a joint matter of up to 45 statutory working days, and refuses one over 45', () => {
    expect(JOINT_STATUTORY_DAYS).toBe(45);
    for (const jointHandling of ['unified', 'joint', 'centralised'] as const) {
      expect(() => checkMatter(matter({ jointHandling, statutoryDays: 45, promisedDays: 45 }))).not.toThrow();
      expect(() => checkMatter(matter({ jointHandling, statutoryDays: 46, promisedDays: 30 }))).toThrow(
        expect.objectContaining({ field: 'statutoryDays', zh: expect.stringContaining('45个工作日') }),
      );
    }
  });

  it('keeps the promised limit within the statutory one, so within 45', () => {
    expect(() =>
      checkMatter(matter({ jointHandling: 'joint', statutoryDays: 45, promisedDays: 46 })),
    ).toThrow(expect.objectContaining({ field: 'promisedDays' }));
  });

  it('leaves a matter one body handles to the limit its law sets (art. 42: 法律、法规另有规定的, e.g. 60)', () => {
    expect(() => checkMatter(matter({ statutoryDays: 60, promisedDays: 30 }))).not.toThrow();
  });

  it("lets a tenant flag a matter it handles jointly, or set the city's flag aside", () => {
    const city = matter({ jointHandling: 'centralised', statutoryDays: 45 });
    expect(jointHandlingOf(city, {})).toBe('centralised');
    expect(jointHandlingOf(city, { jointHandling: 'none' })).toBeUndefined();
    expect(jointHandlingOf(matter(), { jointHandling: 'unified' })).toBe('unified');
    expect(jointHandlingOf(matter(), {})).toBeUndefined();
    expect(() => checkLocalSettings(matter({ statutoryDays: 45 }), { jointHandling: 'joint' })).not.toThrow();
    // A tenant cannot handle jointly a matter whose statutory limit is beyond 45 days.
    expect(() => checkLocalSettings(matter({ statutoryDays: 60 }), { jointHandling: 'joint' })).toThrow(
      expect.objectContaining({ field: 'jointHandling' }),
    );
    expect(() => checkLocalSettings(matter({ statutoryDays: 60 }), { jointHandling: 'none' })).not.toThrow();
  });

  it('carries the flag through the catalogue spreadsheet, by its Chinese name, and into the comparison', () => {
    const joint = matter({ jointHandling: 'joint', statutoryDays: 45 });
    const sheet = catalogueSheet([joint, matter({ code: 'solo' })]);
    const column = sheet[0]?.indexOf(CATALOGUE_HEADER.jointHandling) ?? -1;
    expect(sheet[1]?.[column]).toBe('联合办理');
    expect(sheet[2]?.[column]).toBe('');
    const read = readCatalogueSheet(sheet);
    expect(read.problems).toEqual([]);
    expect(read.matters[0]?.definition.jointHandling).toBe('joint');
    expect(read.matters[1]?.definition.jointHandling).toBeUndefined();
    expect(sameDefinition(joint, matter({ statutoryDays: 45 }))).toBe(false);
    const bad = sheet.map((r, i) => (i === 1 ? r.map((c, j) => (j === column ? '合并办理' : c)) : r));
    expect(readCatalogueSheet(bad).problems).toEqual([
      expect.objectContaining({ row: 2, column: CATALOGUE_HEADER.jointHandling }),
    ]);
  });
});
