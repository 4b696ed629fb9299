import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyWalDatabase, prepareWalDatabase, SHARED_DB_FILE } from '../../packages/local/src/wal';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The local stack's DynamoDB Local file starts in SQLite's write-ahead-log mode (see wal.ts). */
describe('the local database file', () => {
  it('is a one-page SQLite database whose header says WAL', () => {
    const file = emptyWalDatabase();
    expect(file).toHaveLength(4096);
    expect(new TextDecoder().decode(file.subarray(0, 16))).toBe('SQLite format 3\0');
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint16(16)).toBe(4096);
    expect([file[18], file[19]]).toEqual([2, 2]);
    // The page count is trusted only when version-valid-for equals the change counter.
    expect(view.getUint32(28)).toBe(1);
    expect(view.getUint32(92)).toBe(view.getUint32(24));
    expect(file[100]).toBe(0x0d);
  });

  it('is laid down once and never over a database that exists', () => {
    prepareWalDatabase(dir);
    const file = join(dir, SHARED_DB_FILE);
    expect(readFileSync(file)[18]).toBe(2);
    writeFileSync(file, 'data');
    prepareWalDatabase(dir);
    expect(readFileSync(file, 'utf8')).toBe('data');
  });
});
