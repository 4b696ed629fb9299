import { materialKey, type ProvidedFile, type StoredCaseEvent } from '@onewindow/domain';
import { materialFilesOf, type Store } from '@onewindow/store';
import { digestStream } from '../materials/digest';
import type { ObjectStore } from '../materials/objects';

/** The digests a file was recorded with, or found with. */
export interface FileDigests {
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
}

/**
 * One recorded file that no longer matches the case's chain (issue 16): `object-changed` (the
 * stored bytes hash otherwise: a swapped file), `object-missing`, or `record-changed` (the file's
 * record in the table states other digests than the chain; the object is checked all the same).
 */
export interface FileMismatch {
  readonly code: string;
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly reason: 'object-changed' | 'object-missing' | 'record-changed';
  readonly expected: FileDigests;
  readonly found?: FileDigests;
}

export interface FilesCheck {
  readonly intact: boolean;
  /** Every file version the chain recorded, each checked once. */
  readonly checked: number;
  readonly mismatches: readonly FileMismatch[];
}

/** How many objects are re-hashed at once: a few streams, never the whole case in memory. */
const PARALLEL = 4;

/** Every file version the case's events recorded, first recording first, each once. */
export function recordedFiles(events: readonly StoredCaseEvent[]): ProvidedFile[] {
  const seen = new Map<string, ProvidedFile>();
  for (const e of events) {
    if (e.type !== 'supplemented') continue;
    for (const f of e.files ?? []) if (!seen.has(`${f.code}/${f.id}`)) seen.set(`${f.code}/${f.id}`, f);
  }
  return [...seen.values()];
}

const digestsOf = (f: FileDigests): FileDigests => ({ sha256: f.sha256, sm3: f.sm3, size: f.size });
const same = (a: FileDigests, b: FileDigests) =>
  a.sha256 === b.sha256 && a.sm3 === b.sm3 && a.size === b.size;

/**
 * The integrity read's second half (issue 16): each file the hash chain recorded is read again
 * from the object store, streaming, and its SHA-256 and SM3 compared with the chain's. An explicit
 * check, not a hot path: the files function serves it (the cases Lambda has no S3 client).
 */
export class MaterialIntegrity {
  constructor(
    private readonly store: Store,
    private readonly objects: ObjectStore,
  ) {}

  async check(tenant: string, caseNo: string, events: readonly StoredCaseEvent[]): Promise<FilesCheck> {
    const recorded = recordedFiles(events);
    if (recorded.length === 0) return { intact: true, checked: 0, mismatches: [] };
    const records = await materialFilesOf(this.store, tenant, caseNo);
    const mismatches: FileMismatch[] = [];
    for (let i = 0; i < recorded.length; i += PARALLEL) {
      const found = await Promise.all(
        recorded.slice(i, i + PARALLEL).map(async (f) => {
          const record = records.find((r) => r.code === f.code && r.id === f.id);
          return this.checkOne(f, record, record?.key ?? materialKey(tenant, caseNo, f.code, f.id));
        }),
      );
      mismatches.push(...found.flat());
    }
    return { intact: mismatches.length === 0, checked: recorded.length, mismatches };
  }

  private async checkOne(
    f: ProvidedFile,
    record: (FileDigests & { readonly objectVersion?: string }) | undefined,
    key: string,
  ): Promise<FileMismatch[]> {
    const expected = digestsOf(f);
    const base = { code: f.code, id: f.id, version: f.version, name: f.name, expected };
    const out: FileMismatch[] = [];
    // A record that lost or changed its digests cannot vouch for the object: say so, and hash the bytes.
    if (!record || !same(record, expected))
      out.push({ ...base, reason: 'record-changed', ...(record ? { found: digestsOf(record) } : {}) });
    // The version the record names is the one the case was provided with and downloads serve.
    const version = record?.objectVersion;
    if (!(await this.objects.head(key, version))) return [...out, { ...base, reason: 'object-missing' }];
    const d = await digestStream(await this.objects.read(key, version));
    const now = { sha256: d.sha256, sm3: d.sm3, size: d.size };
    return same(now, expected) ? out : [...out, { ...base, reason: 'object-changed', found: now }];
  }
}
