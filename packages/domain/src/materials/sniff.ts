import type { MaterialFileType } from './types';

/**
 * What a file is, told by its bytes (magic numbers), never by its name or the Content-Type the
 * client sent: a PDF renamed `.png` is a PDF, a PNG named `身份证.pdf` is a PNG. Pure: the app
 * streams the object once (for its digests) and hands over the first and last bytes it kept.
 *
 * OFD (GB/T 33190) is a ZIP package whose root holds `OFD.xml`. A ZIP's first bytes say only
 * "ZIP" (`PK\x03\x04`), so the entry names decide: first the central directory (at the end of
 * the file, found through the End Of Central Directory record in the last bytes), which lists
 * every entry wherever it lies; when the directory is not within the tail kept (a package with
 * a huge directory) or is damaged, the first local header's name, which is where OFD writers
 * put `OFD.xml`. A ZIP with no `OFD.xml` at its root (a .docx, a plain archive) is not an OFD.
 */

/** Bytes the app keeps from the start of the object: enough for every signature and a first ZIP header. */
export const SNIFF_HEAD_BYTES = 4096;
/**
 * Bytes kept from the end: the EOCD record (22 bytes plus a comment of up to 64 KiB) and a
 * central directory of some thousands of entries; enough for any OFD a centre receives.
 */
export const SNIFF_TAIL_BYTES = 256 * 1024;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_EOCD = 0x06054b50;
const OFD_ROOT = 'OFD.xml';

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: false });
const nameAt = (b: Uint8Array, o: number, length: number): string =>
  decoder.decode(b.subarray(o, o + length));

/** The root entry is named exactly `OFD.xml` (case as the standard writes it; a leading `/` tolerated). */
const isOfdRoot = (name: string): boolean => name.replace(/^\/+/, '') === OFD_ROOT;

/**
 * The entry names of the ZIP's central directory, when the tail holds the End Of Central
 * Directory record and the whole directory; undefined when it does not (then the caller falls
 * back to the first local header).
 */
export function zipCentralNames(tail: Uint8Array, size: number): string[] | undefined {
  // The EOCD is the last record: 22 bytes and a comment; search back from the end for its signature.
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at--) {
    if (u32(tail, at) !== ZIP_EOCD) continue;
    const entries = u16(tail, at + 10);
    const cdSize = u32(tail, at + 12);
    const cdOffset = u32(tail, at + 16);
    // Where the directory starts within the tail: the tail is the object's last `tail.length` bytes.
    const start = cdOffset - (size - tail.length);
    if (start < 0 || start + cdSize > at) return undefined;
    const names: string[] = [];
    let o = start;
    for (let i = 0; i < entries; i++) {
      if (o + 46 > at || u32(tail, o) !== ZIP_CENTRAL) return undefined;
      const nameLength = u16(tail, o + 28);
      const extra = u16(tail, o + 30);
      const comment = u16(tail, o + 32);
      names.push(nameAt(tail, o + 46, nameLength));
      o += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return undefined;
}

/** The first local header's entry name, from the head. */
export function zipFirstName(head: Uint8Array): string | undefined {
  if (head.length < 30 || u32(head, 0) !== ZIP_LOCAL) return undefined;
  const length = u16(head, 26);
  if (30 + length > head.length) return undefined;
  return nameAt(head, 30, length);
}

/** The object's bytes as the app kept them while streaming it. */
export interface SniffInput {
  /** The first bytes (up to SNIFF_HEAD_BYTES). */
  readonly head: Uint8Array;
  /** The last bytes (up to SNIFF_TAIL_BYTES); the head again for a small object. */
  readonly tail?: Uint8Array;
  /** The object's whole size, to place the tail. */
  readonly size?: number;
}

/** The accepted type the bytes are, or undefined when they are none of PDF, JPEG, PNG or OFD. */
export function sniffMaterialType(input: SniffInput | Uint8Array): MaterialFileType | undefined {
  const { head, tail = head, size = tail.length } = input instanceof Uint8Array ? { head: input } : input;
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (u32(head, 0) === ZIP_LOCAL) {
    const names = zipCentralNames(tail, size);
    if (names) return names.some(isOfdRoot) ? 'application/ofd' : undefined;
    const first = zipFirstName(head);
    return first !== undefined && isOfdRoot(first) ? 'application/ofd' : undefined;
  }
  return undefined;
}

/** What the bytes look like, for the rejection's message when they are no accepted type. */
export function describeBytes(head: Uint8Array): string {
  if (head.length === 0) return 'empty';
  if (u32(head, 0) === ZIP_LOCAL) return 'zip';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x4d, 0x5a])) return 'executable';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'executable';
  return 'unknown';
}
