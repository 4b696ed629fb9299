import {
  type ArchiveEntry,
  archiveCustodianOf,
  archivePrefix,
  archiveYearsOf,
  buildManifest,
  bytesEntryOf,
  canonicalJson,
  cityOfTenant,
  closedAtOf,
  closedChainOf,
  DOWNLOAD_EXPIRY_SECONDS,
  DomainError,
  digestsOf,
  EVENTS_ENTRY,
  isClosed,
  isRetained,
  MANIFEST_OBJECT,
  type ManifestSigner,
  type MaterialFile,
  materialEntryOf,
  RESULT_JSON_ENTRY,
  RESULT_OFD_ENTRY,
  retainUntilOf,
  type SignedManifest,
  signManifest,
} from '@onewindow/domain';
import {
  type ArchivePackage,
  type ArchivePackageRow,
  ArchiveRepository,
  type ArchiveUse,
  archiveWrites,
  CaseRepository,
  CatalogueRepository,
  closedCases,
  rowOf,
  type Store,
  type StoredCase,
  type StreamRecordLike,
} from '@onewindow/store';
import type { Commands } from '../commands';
import type { Invocation, Respond } from '../context';
import { digestStream } from '../materials/digest';
import { type ObjectStore, RetentionError } from '../materials/objects';
import type { MaterialFiles } from '../materials/service';
import type { OfdResults } from '../ofd';
import type { ResultSigner } from '../signing';

export type { ArchivePackage, ArchivePackageRow, ArchiveUse };

/** Who packages closed cases in the audit trail (the stream worker). */
export const ARCHIVE_ACTOR = 'system:archive';

/** The platform's result signer (Ed25519, published at `/v1/public/keys`) as the manifest's signer. */
export const platformManifestSigner = (signer: ResultSigner): ManifestSigner => ({
  alg: 'Ed25519',
  keyId: signer.keyId,
  sign: (message) => signer.sign(message),
});

export interface ArchiveOptions {
  /** Signs manifests: the processes that package (the stream worker, the local stack) have one. */
  readonly signer?: ManifestSigner;
  /** The case's files (MaterialService); without it a package holds the result and the events only. */
  readonly files?: Pick<MaterialFiles, 'filesOfCase'>;
  /** The sealed OFD of an issued result, built once (ofd.ts); without it the result is kept as JSON only. */
  readonly ofd?: OfdResults;
}

/** A package as the API shows it: the stored record with its signed manifest and use register. */
export interface ArchivePackageView extends ArchivePackageRow {
  readonly manifest: SignedManifest['manifest'];
  readonly signature: SignedManifest['signature'];
  readonly uses: readonly ArchiveUse[];
}

const noObjects = () =>
  new DomainError(
    'unavailable',
    '本部署未配置文件存储（S3），档案包的文件不可用',
    'this deployment has no object store (S3): archive objects are unavailable',
  );
const notFound = () => new DomainError('not-found', '档案包不存在', 'no such archive package');
const noEntry = (name: string) =>
  new DomainError('not-found', `档案包中没有“${name}”`, `the package holds no '${name}'`, 'name');

/** The 409 a deletion before the retention date answers, whichever layer refused it. */
export const retainedError = (retainUntil: string | undefined) =>
  new DomainError(
    'conflict',
    `档案包在保管期限内，${retainUntil ? `${retainUntil.slice(0, 10)} 前` : ''}不得删除`,
    `the package is retained${retainUntil ? ` until ${retainUntil}` : ''}: it cannot be deleted before`,
    { extensions: retainUntil ? { retainUntil } : {} },
  );

/**
 * Archive packages (R5, issue 16): when a case closes, its result, every version of every
 * material file and its event chain are written under the archive custodian's prefix with Object
 * Lock retention for the matter's period, with a manifest of their digests signed by the
 * platform; the custodian lists, reads and downloads them, and may dispose of one only after
 * retention.
 *
 * Idempotent: every object's bytes are fixed by the closed case (the chain is cut at the closing
 * event, the result and the OFD are sealed once, files are copied by version), an object already
 * there is not written again, and the package item is claimed with a conditional put before the
 * manifest is written, so a retry or a second stream delivery never makes a second package; a
 * claim whose manifest was not yet written is finished by the next attempt.
 */
export class ArchiveService {
  private readonly repo: ArchiveRepository;
  private readonly cases: CaseRepository;

  constructor(
    private readonly store: Store,
    private readonly commands: Commands,
    private readonly objectStore: ObjectStore | undefined,
    private readonly options: ArchiveOptions = {},
  ) {
    this.repo = new ArchiveRepository(store);
    this.cases = new CaseRepository(store);
  }

  private get objects(): ObjectStore {
    if (!this.objectStore) throw noObjects();
    return this.objectStore;
  }

  /** The stream worker: packages every case these records closed. A failure fails the batch, which is retried. */
  async packageClosed(records: readonly StreamRecordLike[], now: string): Promise<void> {
    for (const c of closedCases(records)) await this.package(c.tenant, c.caseNo, now);
  }

  /** Packages a closed case; answers the package already made, if any. */
  async package(tenant: string, caseNo: string, now: string): Promise<ArchivePackage> {
    const stored = await this.cases.get(tenant, caseNo);
    if (!stored) throw new DomainError('not-found', '办件不存在', 'no such case');
    const state = stored.state;
    if (!isClosed(state.status))
      throw new DomainError(
        'invalid-state',
        '办件尚未办结，不能归档',
        'the case is not closed: nothing to archive',
      );
    const custodian = archiveCustodianOf(state);
    const found = await this.repo.get(custodian.tenant, caseNo);
    if (found) return found.complete ? found : this.finish(found, now);
    if (!this.options.signer) throw new Error('this process has no signer for archive manifests');

    const matter = await new CatalogueRepository(this.store).matter(cityOfTenant(tenant), state.matter);
    const retentionYears = archiveYearsOf({
      type: matter?.type ?? state.matterType,
      archiveYears: matter?.archiveYears,
    });
    const closedAt = closedAtOf(state);
    const retainUntil = retainUntilOf(closedAt, retentionYears);
    const prefix = archivePrefix(custodian.tenant, tenant, caseNo);

    const versions: Record<string, string> = {};
    const entries: ArchiveEntry[] = [];
    const write = async (entry: ArchiveEntry, body: Uint8Array) => {
      entries.push(entry);
      const v = await this.putOnce(prefix + entry.name, body, entry.contentType, entry.size, retainUntil);
      if (v) versions[entry.name] = v;
    };

    const result = state.result;
    if (result) {
      const json = new TextEncoder().encode(canonicalJson(result));
      await write(bytesEntryOf(RESULT_JSON_ENTRY, 'result', 'application/json', json), json);
      const ofd = await this.ofdOf(stored, now);
      if (ofd) await write(bytesEntryOf(RESULT_OFD_ENTRY, 'result-ofd', 'application/ofd', ofd), ofd);
    }

    const chain = closedChainOf(await this.cases.events(tenant, caseNo));
    const events = new TextEncoder().encode(canonicalJson(chain.events));
    await write(bytesEntryOf(EVENTS_ENTRY, 'events', 'application/json', events), events);

    const files = (await this.options.files?.filesOfCase(tenant, caseNo)) ?? [];
    const excluded: { code: string; version: number; fileId: string; reason: string }[] = [];
    for (const file of files) {
      // An infected file was moved to quarantine and its version deleted: there is nothing to keep.
      if (file.scan === 'infected') {
        excluded.push({ code: file.code, version: file.version, fileId: file.id, reason: 'infected' });
        continue;
      }
      const { entry, versionId } = await this.copyFile(file, prefix, retainUntil);
      entries.push(entry);
      if (versionId) versions[entry.name] = versionId;
    }

    const manifest = buildManifest({
      state,
      entries,
      chain: { head: chain.head, events: chain.events.length },
      retentionYears,
      retainUntil,
      createdAt: now,
      ...(excluded.length ? { excluded } : {}),
    });
    const signed = signManifest(manifest, this.options.signer);
    const manifestBytes = new TextEncoder().encode(canonicalJson(signed));
    const digests = digestsOf(manifestBytes);
    const claim: ArchivePackage = {
      id: caseNo,
      caseTenant: tenant,
      caseNo,
      matter: state.matter,
      matterName: state.matterName,
      custodian,
      prefix,
      closedAt,
      createdAt: now,
      retentionYears,
      retainUntil,
      signed,
      manifestSha256: digests.sha256,
      manifestSm3: digests.sm3,
      versions,
      complete: false,
    };
    try {
      await this.commands.system(ARCHIVE_ACTOR, custodian.tenant, now).commit({
        action: 'archive.packaged',
        target: `${tenant}/${caseNo}`,
        writes: [archiveWrites.create(claim)],
        response: { status: 201, body: {} },
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.type === 'conflict')) throw error;
      // Another delivery claimed it first: its package is the case's.
      const winner = await this.repo.get(custodian.tenant, caseNo);
      if (!winner) throw error;
      return winner.complete ? winner : this.finish(winner, now);
    }
    return this.finish(claim, now);
  }

  /** Writes the claimed package's `manifest.json` (retained like its entries) and marks it complete. */
  private async finish(claim: ArchivePackage, now: string): Promise<ArchivePackage> {
    const bytes = new TextEncoder().encode(canonicalJson(claim.signed));
    const versionId = await this.putOnce(
      claim.prefix + MANIFEST_OBJECT,
      bytes,
      'application/json',
      bytes.length,
      claim.retainUntil,
    );
    const done: ArchivePackage = {
      ...claim,
      versions: { ...claim.versions, ...(versionId ? { [MANIFEST_OBJECT]: versionId } : {}) },
      complete: true,
    };
    try {
      await this.commands.system(ARCHIVE_ACTOR, claim.custodian.tenant, now).commit({
        action: 'archive.manifest-written',
        target: `${claim.caseTenant}/${claim.caseNo}`,
        writes: [archiveWrites.complete(done)],
        response: { status: 200, body: {} },
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.type === 'conflict')) throw error;
      // Finished meanwhile by another attempt, with the same bytes.
      return (await this.repo.get(claim.custodian.tenant, claim.caseNo)) ?? done;
    }
    return done;
  }

  /**
   * Writes bytes the package fixes, unless an object of that size is already there (a retry after
   * a failure): a retained version cannot be replaced, and a second copy would only be kept too.
   * Answers the version that holds them.
   */
  private async putOnce(
    key: string,
    body: Uint8Array,
    contentType: string,
    size: number,
    retainUntil: string,
  ): Promise<string | undefined> {
    const there = await this.objects.head(key);
    if (there && there.size === size) return there.versionId;
    return (await this.objects.put({ key, body, contentType, retainUntil })).versionId;
  }

  /**
   * Copies one version of a material file into the package, retained, then reads the copy once
   * (streaming: memory does not grow with the file) so the entry's digests are those of the bytes
   * archived. Where they differ from what the case recorded (a file changed under an unversioned
   * store), the entry keeps both, so the custodian sees the mismatch rather than a quiet swap.
   */
  private async copyFile(
    file: MaterialFile,
    prefix: string,
    retainUntil: string,
  ): Promise<{ entry: ArchiveEntry; versionId?: string }> {
    const recorded = materialEntryOf(file);
    const key = prefix + recorded.name;
    let there = await this.objects.head(key);
    if (!there) {
      const copied = await this.objects.copy({
        from: { key: file.key, ...(file.objectVersion ? { versionId: file.objectVersion } : {}) },
        to: key,
        retainUntil,
      });
      there = await this.objects.head(key, copied.versionId);
      if (!there) throw new Error(`the archive copy of ${file.key} is not there`);
    }
    const d = await digestStream(await this.objects.read(key, there.versionId));
    const same = d.sha256 === file.sha256 && d.sm3 === file.sm3 && d.size === file.size;
    const entry: ArchiveEntry = same
      ? recorded
      : {
          ...recorded,
          size: d.size,
          sha256: d.sha256,
          sm3: d.sm3,
          recorded: { size: file.size, sha256: file.sha256, sm3: file.sm3 },
        };
    return { entry, ...(there.versionId ? { versionId: there.versionId } : {}) };
  }

  /** The sealed OFD of an issued result (built now if the worker has not yet); none where it cannot be sealed. */
  private async ofdOf(stored: StoredCase, now: string): Promise<Uint8Array | undefined> {
    if (!this.options.ofd || !stored.state.result) return undefined;
    try {
      return await this.options.ofd.of(stored, now);
    } catch {
      // A result whose seal cannot sign (voided since, no vault here) is archived as its signed JSON:
      // the SM2-signed result is the legal record; the OFD is its printable form.
      return undefined;
    }
  }

  // ---- the custodian's reads and acts (the files Lambda) ----------------------------------

  list(custodianTenant: string, page: { limit?: number; cursor?: string }) {
    return this.repo.list(custodianTenant, page);
  }

  async get(custodianTenant: string, id: string): Promise<ArchivePackageView> {
    const p = await this.repo.get(custodianTenant, id);
    if (!p) throw notFound();
    const { signed } = p;
    return {
      ...rowOf(p),
      manifest: signed.manifest,
      signature: signed.signature,
      uses: await this.repo.uses(custodianTenant, id),
    };
  }

  /**
   * A short-lived link to one object of a package (an entry or `manifest.json`), the use recorded
   * in the custodian's register (档案利用登记) in the same transaction as its audit record.
   */
  async download(
    invocation: Invocation,
    target: {
      readonly tenant: string;
      readonly id: string;
      readonly name: string;
      readonly purpose?: string;
    },
  ): Promise<{ url: string }> {
    const p = await this.repo.get(target.tenant, target.id);
    if (!p) throw notFound();
    if (p.disposed)
      throw new DomainError('invalid-state', '档案包已销毁', 'the package was disposed of', 'packageId');
    const entry = p.signed.manifest.entries.find((e) => e.name === target.name);
    if (!entry && target.name !== MANIFEST_OBJECT) throw noEntry(target.name);
    const versionId = p.versions[target.name];
    const url = await this.objects.presignDownload({
      key: p.prefix + target.name,
      ...(versionId ? { versionId } : {}),
      expiresInSeconds: DOWNLOAD_EXPIRY_SECONDS,
      fileName: entry?.material?.fileName ?? target.name,
    });
    const use: ArchiveUse = {
      at: invocation.now,
      sub: invocation.principal.sub,
      caseNo: p.caseNo,
      name: target.name,
      purpose: target.purpose ?? '查阅',
    };
    await invocation.commit({
      action: 'archive.downloaded',
      target: `${p.caseTenant}/${p.caseNo}/${target.name}`,
      writes: [archiveWrites.use(target.tenant, use)],
      // The link is not kept: it is short-lived, and a replay has no key to answer by (a GET).
      response: { status: 302, body: {} },
    });
    return { url };
  }

  /**
   * Disposes of a package (销毁) once its retention has passed: every object version goes, the
   * record stays with who disposed of it and when. Before the date it answers 409: refused here
   * first, and by the store's Object Lock (RetentionError) should the clocks disagree.
   */
  async dispose(
    invocation: Invocation,
    target: { readonly tenant: string; readonly id: string },
    respond: Respond<ArchivePackageRow>,
  ) {
    const p = await this.repo.get(target.tenant, target.id);
    if (!p) throw notFound();
    if (p.disposed)
      throw new DomainError('invalid-state', '档案包已销毁', 'the package was disposed of already');
    if (isRetained(p.retainUntil, invocation.now)) throw retainedError(p.retainUntil);
    const names = [...p.signed.manifest.entries.map((e) => e.name), MANIFEST_OBJECT];
    try {
      for (const name of names) await this.objects.delete(p.prefix + name, p.versions[name]);
    } catch (error) {
      if (error instanceof RetentionError) throw retainedError(error.retainUntil ?? p.retainUntil);
      throw error;
    }
    const disposed: ArchivePackage = { ...p, disposed: { at: invocation.now, by: invocation.principal.sub } };
    return invocation.commit({
      action: 'archive.disposed',
      target: `${p.caseTenant}/${p.caseNo}`,
      writes: [archiveWrites.dispose(disposed)],
      response: respond(rowOf(disposed)),
    });
  }
}
