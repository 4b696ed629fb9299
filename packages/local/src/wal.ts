import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file DynamoDB Local keeps every table in when started with `-sharedDb`. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

const PAGE_SIZE = 4096;

/**
 * An empty SQLite database whose header says "write-ahead log" (file format, "Database
 * Header"): SQLite keeps the journal mode in the file, so DynamoDB Local, which never sets
 * one, opens it in WAL mode. Its default rollback journal syncs the database, the journal and
 * the directory on every commit; WAL syncs one append. Loading the demo (about 900 writes)
 * took 22 s on disk against 17 s with WAL, on this project's two-core machine; in memory, 16 s.
 * A commit is still synced before DynamoDB Local answers, so nothing acknowledged is lost.
 */
export function emptyWalDatabase(): Uint8Array {
  const page = new Uint8Array(PAGE_SIZE);
  const view = new DataView(page.buffer);
  page.set(new TextEncoder().encode('SQLite format 3\0'), 0);
  view.setUint16(16, PAGE_SIZE); // page size
  page[18] = 2; // file format write version: 2 = WAL
  page[19] = 2; // file format read version: 2 = WAL
  page[20] = 0; // reserved bytes per page
  page[21] = 64; // maximum embedded payload fraction (must be 64)
  page[22] = 32; // minimum embedded payload fraction (must be 32)
  page[23] = 32; // leaf payload fraction (must be 32)
  view.setUint32(24, 1); // file change counter
  view.setUint32(28, 1); // database size in pages
  view.setUint32(92, 1); // version-valid-for: matches the change counter, so the size above is trusted
  view.setUint32(96, 3_040_001); // SQLITE_VERSION_NUMBER of the writer (informational)
  page[100] = 0x0d; // page 1 is the schema table: an empty leaf table b-tree page
  view.setUint16(105, PAGE_SIZE); // its cell content area starts at the end of the page
  return page;
}

/**
 * Before DynamoDB Local first opens `dir`, lays down its database file in WAL mode. A
 * directory that already has a database keeps it as it is: only SQLite itself may change
 * the journal mode of a file that holds data.
 */
export function prepareWalDatabase(dir: string): void {
  const file = join(dir, SHARED_DB_FILE);
  if (existsSync(file)) return;
  writeFileSync(file, emptyWalDatabase(), { flag: 'wx' });
}
