import { checkMatter, DomainError, type MatterDefinition } from '@onewindow/domain';
import { CatalogueRepository, catalogueWrites, type Store, type StoredMatter } from '@onewindow/store';
import type { Answer, Invocation, Respond } from './context';

/** Two definitions say the same thing; key order and storage fields do not count. */
export function sameDefinition(a: MatterDefinition, b: MatterDefinition): boolean {
  const canonical = (m: MatterDefinition) =>
    JSON.stringify({
      code: m.code,
      name: m.name,
      type: m.type,
      items: m.items.map((i) => [i.code, i.name]),
      legalBasis: m.legalBasis,
      statutoryDays: m.statutoryDays,
      promisedDays: m.promisedDays,
      onTheSpot: m.onTheSpot,
      materials: m.materials.map((x) => [x.code, x.name, x.core]),
      fees: m.fees.map((x) => [x.code, x.name, x.amount]),
      specialSteps: (m.specialSteps ?? []).map((x) => [x.kind, x.days]),
      department: m.department ?? null,
      basicCode: m.basicCode ?? null,
      jointHandling: m.jointHandling ?? null,
      approvalLevels: (m.approvalLevels ?? []).map((l) => [l.kind, l.head === true]),
      archiveYears: m.archiveYears ?? null,
    });
  return canonical(a) === canonical(b);
}

/** What saving a definition did: the matter as stored after it. */
export interface MatterSaved {
  readonly matter: StoredMatter;
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** What an import did, or would do on a dry run. */
export interface ImportCounts {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Matters written at once: enough to finish a large catalogue inside the gateway's 30 s. */
const WRITE_CONCURRENCY = 8;
/** Matters per import transaction: each is two items (the matter, its audit record) of DynamoDB's 100. */
const IMPORT_BATCH = 40;
const IMPORT_BATCH_BYTES = 2_000_000;

const changedMeanwhile = () =>
  new DomainError(
    'conflict',
    '事项已被他人修改，请刷新后重试',
    'the matter changed meanwhile; reload and retry',
  );
const createdMeanwhile = () =>
  new DomainError('conflict', '事项已被他人创建', 'the matter was created meanwhile', 'code');

/** The city's guidance catalogue (指导目录): the matter definitions every tenant of the city handles. */
export class CatalogueService {
  private readonly repo: CatalogueRepository;

  constructor(store: Store) {
    this.repo = new CatalogueRepository(store);
  }

  matters(city: string): Promise<StoredMatter[]> {
    return this.repo.matters(city);
  }

  matter(city: string, code: string): Promise<StoredMatter | undefined> {
    return this.repo.matter(city, code);
  }

  /**
   * Creates or replaces one matter definition. Writing the same content again changes
   * nothing (no new version, no audit record), which keeps re-imports silent; the
   * answer is then given without a commit.
   */
  async save(
    invocation: Invocation,
    city: string,
    definition: MatterDefinition,
    respond: Respond<MatterSaved>,
  ): Promise<{ readonly saved: MatterSaved; readonly answer: Answer }> {
    checkMatter(definition);
    const current = await this.repo.matter(city, definition.code);
    if (current && sameDefinition(current, definition)) {
      const saved: MatterSaved = { matter: current, outcome: 'unchanged' };
      return { saved, answer: respond(saved) };
    }
    const { saved, command } = this.draft(invocation, city, definition, current);
    const answer = await invocation.commit({ ...command, response: respond(saved) });
    return { saved, answer };
  }

  /** The next version of a matter and the command that writes it, only over the version read. */
  private draft(invocation: Invocation, city: string, definition: MatterDefinition, current?: StoredMatter) {
    const matter: StoredMatter = {
      ...definition,
      city,
      version: (current?.version ?? 0) + 1,
      updatedAt: invocation.now,
    };
    const saved: MatterSaved = { matter, outcome: current ? 'updated' : 'created' };
    const command = {
      action: current ? 'matter.updated' : 'matter.created',
      target: `${city}/${definition.code}`,
      writes: current
        ? catalogueWrites.replaceMatter(matter, current.version, changedMeanwhile())
        : catalogueWrites.createMatter(matter, createdMeanwhile()),
      response: { status: 200, body: {} },
    };
    return { saved, command };
  }

  /**
   * Saves the definitions of an import that was checked whole. The changed matters go in
   * transactions of up to IMPORT_BATCH, each matter with its own audit record, so a city's
   * 500-matter list is a dozen transactions, not 500; a batch a concurrent writer got in the way
   * of, or the store could not take, is saved again matter by matter through the same save as one
   * matter. A retried import
   * is safe, because a matter that already says what its row says is skipped; so the
   * invocation should carry no Idempotency-Key.
   */
  async import(
    invocation: Invocation,
    city: string,
    sheet: { readonly rows: number; readonly definitions: readonly MatterDefinition[] },
    options: { readonly dryRun: boolean },
  ): Promise<ImportCounts> {
    const current = new Map((await this.repo.matters(city)).map((m) => [m.code, m]));
    const counts = { rows: sheet.rows, created: 0, updated: 0, unchanged: 0 };
    const changed = sheet.definitions.filter((definition) => {
      const stored = current.get(definition.code);
      const same = stored !== undefined && sameDefinition(stored, definition);
      if (same) counts.unchanged++;
      return !same;
    });
    if (options.dryRun) {
      for (const definition of changed) counts[current.has(definition.code) ? 'updated' : 'created']++;
      return counts;
    }
    // A transaction takes 100 items and 4 MB: batches stay under both, with room for the audit records.
    const batches: MatterDefinition[][] = [];
    let bytes = 0;
    for (const definition of changed) {
      const size = Buffer.byteLength(JSON.stringify(definition));
      const last = batches.at(-1);
      if (last && last.length < IMPORT_BATCH && bytes + size <= IMPORT_BATCH_BYTES) {
        last.push(definition);
        bytes += size;
      } else {
        batches.push([definition]);
        bytes = size;
      }
    }
    await eachLimited(batches, WRITE_CONCURRENCY, async (batch) => {
      if (invocation.commitAll) {
        const drafts = batch.map((definition) =>
          this.draft(invocation, city, definition, current.get(definition.code)),
        );
        try {
          await invocation.commitAll(drafts.map((d) => d.command));
          for (const d of drafts) counts[d.saved.outcome]++;
          return;
        } catch (error) {
          // A conflict, or a store that could not take the whole batch now (DynamoDB Local under
          // load has answered a 40-matter transaction with a server error): one matter at a time.
          if (!(error instanceof DomainError && (error.type === 'conflict' || error.type === 'unavailable')))
            throw error;
        }
      }
      for (const definition of batch) {
        // Another writer may have saved the same content meanwhile; `save` then skips it.
        const { saved } = await this.save(invocation, city, definition, () => ({ status: 200, body: {} }));
        counts[saved.outcome]++;
      }
    });
    return counts;
  }
}

/** Runs `fn` over `items`, `limit` at a time; after a failure no new item starts and the first error is thrown. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
