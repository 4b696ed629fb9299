import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from '../cases/chain';
import { responsibilityOf } from '../cases/result';
import { type CaseState, isClosed } from '../cases/types';
import type { MatterType } from '../catalogue';
import { sm3 } from '../esign/sm3';
import { isTenantId } from '../ids';
import type { MaterialFile, MaterialFileType } from '../materials/types';
import { maskIdNumber } from '../privacy';

/**
 * The archive package of a closed case (R5, issue 16): every object it holds, with its digests,
 * listed in a manifest the platform signs. The package lives under the archive custodian's
 * prefix (`archivePrefix`), retained by Object Lock until `retainUntil`.
 */

/** The manifest's format: a reader refuses one it does not know. */
export const ARCHIVE_FORMAT = 'onewindow.archive/1';
/** The object holding the signed manifest, beside the entries under the package's prefix. */
export const MANIFEST_OBJECT = 'manifest.json';
/** The fixed entries: the sealed result as JSON and as its OFD package, and the case's event chain. */
export const RESULT_JSON_ENTRY = 'result.json';
export const RESULT_OFD_ENTRY = 'result.ofd';
export const EVENTS_ENTRY = 'events.json';

/** What an entry is, so a reader finds the result without parsing names. */
export type ArchiveEntryKind = 'result' | 'result-ofd' | 'events' | 'material';

/** One object of a package: its name under the package's prefix, size and both digests (hex). */
export interface ArchiveEntry {
  readonly name: string;
  readonly kind: ArchiveEntryKind;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly sm3: string;
  /** For a material file: which material, which version, as the case recorded it. */
  readonly material?: {
    readonly code: string;
    readonly version: number;
    readonly fileId: string;
    /** The name the file was uploaded under (a download is offered under it). */
    readonly fileName: string;
    readonly uploadedAt: string;
    readonly uploadedBy: string;
    readonly channel: MaterialFile['channel'];
    readonly scan: MaterialFile['scan'];
    readonly verified?: MaterialFile['verified'];
  };
  /**
   * What the case recorded of a material file, where the archived bytes differ from it (a file
   * changed under a store without versions): the entry's own digests are those of the bytes kept.
   */
  readonly recorded?: { readonly size: number; readonly sha256: string; readonly sm3: string };
}

/** A material version the package does not hold, and why (`infected`: quarantined and deleted). */
export interface ExcludedFile {
  readonly code: string;
  readonly version: number;
  readonly fileId: string;
  readonly reason: string;
}

/** The case as the package records it: enough to find and describe it, the applicant's number masked. */
export interface ArchivedCase {
  readonly tenant: string;
  readonly caseNo: string;
  readonly matter: string;
  readonly matterName: string;
  readonly matterType?: MatterType;
  /** How it closed: issued (with the decision's outcome), rejected at intake, withdrawn, terminated. */
  readonly status: CaseState['status'];
  readonly outcome?: string;
  readonly applicant: { readonly kind: string; readonly name: string; readonly idNumber: string };
  readonly receivedAt: string;
  readonly closedAt: string;
}

/** R5: who keeps the file. `body` is the approving body; `tenant` whose prefix the objects go under. */
export interface ArchiveCustodian {
  readonly body?: string;
  readonly tenant: string;
}

export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  /** The package's id: the case number, unique across tenants (it begins with the case's tenant). */
  readonly id: string;
  readonly case: ArchivedCase;
  readonly custodian: ArchiveCustodian;
  readonly entries: readonly ArchiveEntry[];
  /** Material versions not held (absent when every version is). */
  readonly excluded?: readonly ExcludedFile[];
  /** The case's hash chain at closing: its head (the last event's hash) and length. */
  readonly chain: { readonly head: string; readonly events: number };
  readonly createdAt: string;
  readonly retentionYears: number;
  readonly retainUntil: string;
}

/** The platform's signature over the manifest's canonical form. */
export interface ManifestSignature {
  readonly alg: string;
  readonly keyId: string;
  /** base64url */
  readonly value: string;
}

/** What `manifest.json` holds: the manifest and its signature. */
export interface SignedManifest {
  readonly manifest: ArchiveManifest;
  readonly signature: ManifestSignature;
}

/** Signs text with the platform's key (the result signer of `/v1/public/keys`). */
export interface ManifestSigner {
  readonly alg: string;
  readonly keyId: string;
  sign(message: string): string;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 and SM3 of bytes held whole (the package's own objects: the result, the events, the manifest). */
export function digestsOf(bytes: Uint8Array): { sha256: string; sm3: string } {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sm3: hex(sm3(bytes)) };
}

/**
 * The custodian of a closed case (R5): the approving body, bound at acceptance, keeps it, so a
 * case approved before an empowerment stays with the original department and one after with the
 * centre (`responsibilityOf`). A case closed before any body was bound or expected (rejected at
 * intake as not the tenant's) stays with the tenant that received it.
 */
export function archiveCustodianOf(state: CaseState): ArchiveCustodian {
  const body = responsibilityOf(state).archiveCustodian;
  const tenant = body?.split('/')[0];
  return body && tenant && isTenantId(tenant) ? { body, tenant } : { tenant: state.tenant };
}

/** When the case closed: the closing event's instant. */
export function closedAtOf(state: CaseState): string {
  if (!isClosed(state.status)) throw new Error(`case ${state.caseNo} is not closed (${state.status})`);
  return state.closedAt ?? state.result?.issuedAt ?? state.receivedAt;
}

/**
 * The events of the file as it closed: up to the event that closed the case (issued, rejected,
 * withdrawn, or a lapsed deficiency that terminated it). A rating or a finding recorded after
 * closing stays in the case's table; leaving them out makes the package the same on every retry.
 */
export function closedChainOf<
  E extends { readonly seq: number; readonly hash: string; readonly type: string },
>(events: readonly E[]): { readonly events: readonly E[]; readonly head: string } {
  const closing = events.findIndex(
    (e) =>
      e.type === 'issued' ||
      e.type === 'rejected' ||
      e.type === 'withdrawn' ||
      (e.type === 'deficiency-lapsed' && (e as { terminated?: boolean }).terminated === true),
  );
  const kept = closing < 0 ? events : events.slice(0, closing + 1);
  return { events: kept, head: kept.at(-1)?.hash ?? '' };
}

export function archivedCaseOf(state: CaseState): ArchivedCase {
  const outcome = state.result?.outcome ?? state.decision?.outcome;
  return {
    tenant: state.tenant,
    caseNo: state.caseNo,
    matter: state.matter,
    matterName: state.matterName,
    ...(state.matterType ? { matterType: state.matterType } : {}),
    status: state.status,
    ...(outcome ? { outcome } : {}),
    // The manifest is read by archivists who need to find the file, not to know the person: masked as every list.
    applicant: {
      kind: state.applicant.kind,
      name: state.applicant.name,
      idNumber: maskIdNumber(state.applicant.idNumber),
    },
    receivedAt: state.receivedAt,
    closedAt: closedAtOf(state),
  };
}

/** An entry's name: one path segment, so it is both an object name and a URL path segment. */
export const ARCHIVE_ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
export const isArchiveEntryName = (name: string): boolean => ARCHIVE_ENTRY_NAME.test(name);

const EXTENSIONS: Readonly<Record<MaterialFileType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
};

/**
 * A material file's entry name: `material.<code>.v<version>.<file id>.<ext>`. Never the uploaded
 * name (any script, spaces, slashes): that is kept in the entry and offered on download.
 */
export function materialEntryName(file: Pick<MaterialFile, 'code' | 'version' | 'id' | 'type'>): string {
  const id = file.id.replace(/[^A-Za-z0-9-]/g, '-');
  return `material.${file.code}.v${file.version}.${id}.${EXTENSIONS[file.type] ?? 'bin'}`;
}

/** A material file's entry: its recorded digests, which the case's event chain also holds. */
export function materialEntryOf(file: MaterialFile): ArchiveEntry {
  return {
    name: materialEntryName(file),
    kind: 'material',
    contentType: file.type,
    size: file.size,
    sha256: file.sha256,
    sm3: file.sm3,
    material: {
      code: file.code,
      version: file.version,
      fileId: file.id,
      fileName: file.name,
      uploadedAt: file.uploadedAt,
      uploadedBy: file.uploadedBy,
      channel: file.channel,
      scan: file.scan,
      ...(file.verified ? { verified: file.verified } : {}),
    },
  };
}

/** An entry of bytes the packager writes itself (result, OFD, events): digests taken here. */
export function bytesEntryOf(
  name: string,
  kind: ArchiveEntryKind,
  contentType: string,
  bytes: Uint8Array,
): ArchiveEntry {
  return { name, kind, contentType, size: bytes.length, ...digestsOf(bytes) };
}

/**
 * The manifest of a closed case's package. Entries keep the packager's order (result, OFD,
 * events, then materials by code and version); names must be unique and well formed, since each
 * is an object name under the package's prefix.
 */
export function buildManifest(input: {
  readonly state: CaseState;
  readonly entries: readonly ArchiveEntry[];
  readonly chain: { readonly head: string; readonly events: number };
  readonly retentionYears: number;
  readonly retainUntil: string;
  readonly createdAt: string;
  readonly excluded?: readonly ExcludedFile[];
}): ArchiveManifest {
  const seen = new Set<string>();
  for (const e of input.entries) {
    if (!isArchiveEntryName(e.name) || e.name === MANIFEST_OBJECT)
      throw new Error(`not an archive entry name: ${e.name}`);
    if (seen.has(e.name)) throw new Error(`archive entry ${e.name} appears twice`);
    seen.add(e.name);
  }
  return {
    format: ARCHIVE_FORMAT,
    id: input.state.caseNo,
    case: archivedCaseOf(input.state),
    custodian: archiveCustodianOf(input.state),
    entries: input.entries,
    ...(input.excluded?.length ? { excluded: input.excluded } : {}),
    chain: input.chain,
    createdAt: input.createdAt,
    retentionYears: input.retentionYears,
    retainUntil: input.retainUntil,
  };
}

/**
 * The text the platform signs: the manifest's canonical JSON (keys sorted at every level, no
 * whitespace), so any reader re-serialising the parsed `manifest.json` gets the same bytes.
 */
export const manifestSignedText = (manifest: ArchiveManifest): string => canonicalJson(manifest);

/** The manifest signed with the platform's key. */
export function signManifest(manifest: ArchiveManifest, signer: ManifestSigner): SignedManifest {
  return {
    manifest,
    signature: { alg: signer.alg, keyId: signer.keyId, value: signer.sign(manifestSignedText(manifest)) },
  };
}

/**
 * Checks a signed manifest against a published Ed25519 key (`/v1/public/keys`: SPKI, base64url).
 * False for another algorithm, another key id or a manifest changed in any byte.
 */
export function verifyManifest(
  signed: SignedManifest,
  key: { readonly keyId: string; readonly alg: string; readonly spki: string },
): boolean {
  const { signature } = signed;
  if (signature.alg !== 'Ed25519' || key.alg !== 'Ed25519' || signature.keyId !== key.keyId) return false;
  try {
    const publicKey = createPublicKey({
      key: Buffer.from(key.spki, 'base64url'),
      format: 'der',
      type: 'spki',
    });
    return verify(
      null,
      Buffer.from(manifestSignedText(signed.manifest), 'utf8'),
      publicKey,
      Buffer.from(signature.value, 'base64url'),
    );
  } catch {
    return false;
  }
}
