import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { digestBytes, digestStream } from '../../packages/app/src/materials/digest';
import {
  checkDeclaredSize,
  checkDeclaredType,
  checkDownloadable,
  checkUploadOpen,
  cleanFileName,
  DEFAULT_MATERIAL_MAX_BYTES,
  DomainError,
  isUsable,
  judgeUpload,
  materialKey,
  materialMaxBytes,
  nextVersion,
  parseMaterialKey,
  SNIFF_TAIL_BYTES,
  scanOfGuardDutyTag,
  sniffMaterialType,
  verifiedWatermark,
  zipCentralNames,
} from '../../packages/domain/src';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0]);
const enc = (s: string) => new TextEncoder().encode(s);
/** An OFD package as writers lay it out: OFD.xml first, then the document. */
const OFD = zipSync({ 'OFD.xml': enc('<ofd:OFD/>'), 'Doc_0/Document.xml': enc('<ofd:Document/>') });

/** The whole object as the app hands it over after streaming it. */
const sniff = async (b: Uint8Array) => {
  const d = await digestBytes(b);
  return sniffMaterialType({ head: d.head, tail: d.tail, size: d.size });
};

describe('type by magic bytes', () => {
  it('knows PDF, JPEG, PNG by their first bytes', async () => {
    expect(await sniff(PDF)).toBe('application/pdf');
    expect(await sniff(JPEG)).toBe('image/jpeg');
    expect(await sniff(PNG)).toBe('image/png');
  });

  it('ignores the name: a PNG called 身份证.pdf is a PNG; a renamed text file is nothing', async () => {
    // The name never reaches detection: only bytes do.
    expect(await sniff(PNG)).toBe('image/png');
    expect(await sniff(enc('Just text pretending to be %PDF-'))).toBeUndefined();
    expect(await sniff(enc('GIF89a'))).toBeUndefined();
    expect(await sniff(new Uint8Array())).toBeUndefined();
  });

  it('knows an OFD by OFD.xml at the zip root, from the central directory', async () => {
    expect(await sniff(OFD)).toBe('application/ofd');
    // OFD.xml not the first entry: only the central directory lists it.
    const late = zipSync({ 'Doc_0/Document.xml': enc('<d/>'), 'OFD.xml': enc('<ofd:OFD/>') });
    expect(await sniff(late)).toBe('application/ofd');
    const d = await digestBytes(late);
    expect(zipCentralNames(d.tail, d.size)).toEqual(['Doc_0/Document.xml', 'OFD.xml']);
  });

  it('refuses a zip without OFD.xml at its root (a .docx, an archive, OFD.xml in a folder)', async () => {
    expect(
      await sniff(zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w/>') })),
    ).toBeUndefined();
    expect(await sniff(zipSync({ 'inner/OFD.xml': enc('<ofd:OFD/>') }))).toBeUndefined();
  });

  it('falls back to the first local header when the directory is not in the tail kept', async () => {
    // Only the head kept (a directory larger than the tail): the EOCD is not there, OFD.xml leads.
    const d = await digestBytes(OFD);
    const head = d.head.subarray(0, 64);
    expect(sniffMaterialType({ head, tail: head, size: OFD.length })).toBe('application/ofd');
    const other = zipSync({ 'Doc_0/Document.xml': enc('<d/>'), 'OFD.xml': enc('<o/>') }).subarray(0, 64);
    expect(sniffMaterialType({ head: other, tail: other, size: 10_000 })).toBeUndefined();
  });
});

describe('digests by streaming', () => {
  it('match node’s own SHA-256 and the SM3 known answer, however the stream is cut', async () => {
    const data = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const chunks = async function* () {
      for (let o = 0; o < data.length; o += 777) yield data.subarray(o, o + 777);
    };
    const d = await digestStream(chunks());
    expect(d.size).toBe(data.length);
    expect(d.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(d.sm3).toBe(createHash('sm3').update(data).digest('hex'));
    expect(d.tail.length).toBe(SNIFF_TAIL_BYTES);
    expect(Buffer.from(d.tail).equals(Buffer.from(data.subarray(data.length - SNIFF_TAIL_BYTES)))).toBe(true);
    // GB/T 32905 example 1: SM3("abc").
    expect((await digestBytes(enc('abc'))).sm3).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

describe('limits and rules', () => {
  it('takes the matter’s own limit, 20 MB otherwise', () => {
    expect(materialMaxBytes()).toBe(DEFAULT_MATERIAL_MAX_BYTES);
    expect(materialMaxBytes({})).toBe(20 * 1024 * 1024);
    expect(materialMaxBytes({ materialMaxBytes: 5_000_000 })).toBe(5_000_000);
  });

  it('refuses a declared type outside the four (415 naming type) and a declared size over the limit (413 naming size)', () => {
    expect(checkDeclaredType('application/pdf')).toBe('application/pdf');
    const type = (() => {
      try {
        checkDeclaredType('application/zip');
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(type).toBeInstanceOf(DomainError);
    expect([type?.type, type?.field]).toEqual(['unsupported-media-type', 'type']);
    expect(() => checkDeclaredSize(100, 100)).not.toThrow();
    expect(() => checkDeclaredSize(101, 100)).toThrow(
      expect.objectContaining({ type: 'payload-too-large', field: 'size' }),
    );
  });

  it('judges what arrived: over the limit or not an accepted type is rejected', () => {
    expect(judgeUpload('image/png', 'x', 10, 100)).toEqual({ type: 'image/png' });
    expect(judgeUpload('image/png', 'x', 101, 100)).toEqual({
      rejected: { reason: 'size', size: 101, maxBytes: 100 },
    });
    expect(judgeUpload(undefined, 'executable', 10, 100)).toEqual({
      rejected: { reason: 'type', detected: 'executable' },
    });
  });

  it('makes a file usable when clean, or not-scanned without a scanner; never infected; pending not yet', () => {
    expect(isUsable('clean', false)).toBe(true);
    expect(isUsable('not-scanned', true)).toBe(true);
    expect(isUsable('not-scanned', false)).toBe(false);
    expect(isUsable('pending', false)).toBe(false);
    expect(isUsable('infected', true)).toBe(false);
    expect(() => checkDownloadable({ scan: 'infected' }, true)).toThrow(/quarantined/);
    expect(scanOfGuardDutyTag('NO_THREATS_FOUND')).toBe('clean');
    expect(scanOfGuardDutyTag('THREATS_FOUND')).toBe('infected');
    expect(scanOfGuardDutyTag('FAILED')).toBeUndefined();
  });

  it('numbers versions 1, 2, … and never reuses one', () => {
    expect(nextVersion([])).toBe(1);
    expect(nextVersion([{ version: 1 }, { version: 3 }])).toBe(4);
  });

  it('lets the applicant upload until the decision, staff until the case closes', () => {
    expect(() => checkUploadOpen({ status: 'accepted' }, 'online')).not.toThrow();
    expect(() => checkUploadOpen({ status: 'approved', decision: {} as never }, 'online')).toThrow(/decided/);
    expect(() => checkUploadOpen({ status: 'approved', decision: {} as never }, 'window')).not.toThrow();
    expect(() => checkUploadOpen({ status: 'issued' }, 'window')).toThrow(/closed/);
  });

  it('writes the verified copy’s watermark: 与原件核对一致, who, when in Shanghai, the centre', () => {
    expect(
      verifiedWatermark({ by: '张丽', at: '2026-03-02T02:05:00.000Z', centre: '东山街道便民服务中心' }),
    ).toBe('与原件核对一致 · 张丽 · 2026-03-02 10:05 · 东山街道便民服务中心');
  });

  it('parses a material key back, and nothing else', () => {
    const key = materialKey(
      'nanjing.jiangning.dongshan',
      'nanjing.jiangning.dongshan-20260302-0001',
      'id-card',
      'abc',
    );
    expect(parseMaterialKey(key)).toEqual({
      tenant: 'nanjing.jiangning.dongshan',
      caseNo: 'nanjing.jiangning.dongshan-20260302-0001',
      code: 'id-card',
      fileId: 'abc',
    });
    expect(parseMaterialKey(`quarantine/${key}`)).toBeUndefined();
  });

  it('keeps a file name without its path or control characters', () => {
    expect(cleanFileName('C:\\scans\\身份证 正面.pdf')).toBe('身份证 正面.pdf');
    expect(cleanFileName('a\u0000b"c.png')).toBe('abc.png');
    expect(() => cleanFileName('/')).toThrow();
  });
});
