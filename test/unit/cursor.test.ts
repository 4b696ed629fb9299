import { describe, expect, it } from 'vitest';
import { CursorCodec } from '../../packages/store/src/cursor';

const KEY = { gsi3pk: { S: 'T#a#CASES' }, gsi3sk: { S: '0001' }, pk: { S: 'T#a' }, sk: { S: 'CASE#1' } };
const SHAPE = ['gsi3', 'gsi3pk = :pk', '', {}, { ':pk': { S: 'T#a#CASES' } }, true];

/** The list-cursor codec (issue 11, finding 4): opaque, authenticated, bound to its query. */
describe('CursorCodec', () => {
  const codec = new CursorCodec('k'.repeat(32));

  it('gives back the start key of a cursor it made for the same query', () => {
    expect(codec.decode(codec.encode(KEY, SHAPE), SHAPE)).toEqual(KEY);
  });

  it('refuses the cursor for another query: another partition, index or filter', () => {
    const cursor = codec.encode(KEY, SHAPE);
    for (const other of [
      ['gsi3', 'gsi3pk = :pk', '', {}, { ':pk': { S: 'T#b#CASES' } }, true],
      ['gsi1', 'gsi3pk = :pk', '', {}, { ':pk': { S: 'T#a#CASES' } }, true],
      ['gsi3', 'gsi3pk = :pk', '#status = :status', {}, { ':pk': { S: 'T#a#CASES' } }, true],
      ['gsi3', 'gsi3pk = :pk', '', {}, { ':pk': { S: 'T#a#CASES' } }, false],
    ]) {
      expect(() => codec.decode(cursor, other)).toThrow(
        expect.objectContaining({ type: 'validation', field: 'cursor' }),
      );
    }
  });

  it("refuses another deployment's cursor", () => {
    expect(() => new CursorCodec('z'.repeat(32)).decode(codec.encode(KEY, SHAPE), SHAPE)).toThrow(
      expect.objectContaining({ field: 'cursor' }),
    );
  });

  it('refuses every single-character change, cut and extension', () => {
    const cursor = codec.encode(KEY, SHAPE);
    const variants: string[] = [cursor.slice(0, -1), `${cursor}A`, `${cursor}.x`, cursor.replace('.', '')];
    for (let i = 0; i < cursor.length; i++) {
      const c = cursor[i] === 'A' ? 'B' : 'A';
      variants.push(cursor.slice(0, i) + c + cursor.slice(i + 1));
    }
    for (const v of variants) {
      expect(() => codec.decode(v, SHAPE), v).toThrow(expect.objectContaining({ field: 'cursor' }));
    }
  });

  it('refuses garbage without throwing anything but the cursor error', () => {
    for (const junk of ['', '.', 'a.', '.a', 'a.b.c', '!!!.???', 'A'.repeat(5000), '\u0000.\u0000']) {
      expect(() => codec.decode(junk, SHAPE)).toThrow(expect.objectContaining({ type: 'validation' }));
    }
  });

  it('a process without a deployment key makes its own', () => {
    const a = new CursorCodec();
    expect(a.decode(a.encode(KEY, SHAPE), SHAPE)).toEqual(KEY);
    expect(() => new CursorCodec().decode(a.encode(KEY, SHAPE), SHAPE)).toThrow();
  });
});
