import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  OFD_PATHS,
  ofdResultParts,
  packOfd,
  pagePath,
  SIGNED_PARTS,
  signatureXml,
} from '../../packages/documents/src/ofd';
import { type SealedResult, sm3 } from '../../packages/domain/src';

const result: SealedResult = {
  caseNo: 'nanjing.jiangning.dongshan-20261202-0001',
  tenant: 'nanjing.jiangning.dongshan',
  matter: 'm1',
  matterName: '公共场所卫生许可',
  applicantName: '李明 & <某>公司',
  outcome: 'deny',
  reasons: '经现场核查，卫生条件不符合要求。',
  appealRights: '如不服本决定，可在六十日内申请行政复议。',
  decidedAt: '2026-12-02T02:00:00.000Z',
  issuedAt: '2026-12-02T03:00:00.000Z',
  approvingBody: 'nanjing.jiangning.dongshan/convenience-centre',
  seal: {
    id: 'centre-seal',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
    tenant: 'nanjing.jiangning.dongshan',
  },
  keyId: 'sm2:k',
  signature: 'ab'.repeat(36),
  delivery: 'mail',
};
const input = {
  result,
  bodyName: '东山街道便民服务中心',
  sealName: '行政审批专用章',
  verifyUrl: 'https://x/v',
};
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('the OFD of a result (documents/ofd)', () => {
  it('builds the same bytes from the same result, so a rebuilt package is byte-identical', () => {
    const a = ofdResultParts(input);
    const b = ofdResultParts(input);
    expect([...a.parts.keys()]).toEqual([...b.parts.keys()]);
    for (const [path, bytes] of a.parts)
      expect(Buffer.from(bytes).equals(Buffer.from(b.parts.get(path) ?? [])), path).toBe(true);
    const at = '2026-12-02T04:00:00.000Z';
    const sa = signatureXml({ parts: a.parts, digest: sm3, time: at, stamp: a.stamp });
    const sb = signatureXml({ parts: b.parts, digest: sm3, time: at, stamp: b.stamp });
    expect(Buffer.from(sa).equals(Buffer.from(sb))).toBe(true);
    expect(
      Buffer.from(packOfd(a.parts, result.issuedAt)).equals(Buffer.from(packOfd(b.parts, result.issuedAt))),
    ).toBe(true);
  });

  it('escapes what the applicant typed, and prints a denial with its reasons and appeal rights', () => {
    const { parts } = ofdResultParts(input);
    const page = text(parts.get(OFD_PATHS.page));
    expect(page).toContain('李明 &amp; &lt;某&gt;公司');
    expect(page).toContain('不予行政许可决定书');
    expect(page).toContain('理由：');
    expect(page).toContain('行政复议');
    expect(text(parts.get(OFD_PATHS.root))).not.toContain('电子证照标识');
  });

  it('carries the e-licence identifier in the metadata and on the page when there is one', () => {
    const id = '1.2.156.3005.2.11000000ABCDEFGH0X001.11000000ABCDEFGH0X.20261202ABCDEF.001.7';
    const { parts } = ofdResultParts({ ...input, licenceId: id });
    expect(text(parts.get(OFD_PATHS.root))).toContain(
      `<ofd:CustomData Name="电子证照标识">${id}</ofd:CustomData>`,
    );
    expect(text(parts.get(OFD_PATHS.page))).toContain(id.slice(0, 20));
  });

  it('runs long reasons on to further pages, the seal on the last, every page signed', () => {
    const reasons = '经审查，申请材料与现场情况不一致。'.repeat(120);
    const { parts, stamp } = ofdResultParts({ ...input, result: { ...result, reasons } });
    const document = text(parts.get(OFD_PATHS.document));
    const pageCount = (document.match(/<ofd:Page /g) ?? []).length;
    expect(pageCount).toBeGreaterThan(1);
    const last = pagePath(pageCount - 1);
    expect(text(parts.get(last))).toContain('<ofd:PathObject');
    expect(text(parts.get(OFD_PATHS.page))).not.toContain('<ofd:PathObject');
    expect(document).toContain(
      `<ofd:Page ID="${stamp.pageRef}" BaseLoc="Pages/Page_${pageCount - 1}/Content.xml"/>`,
    );
    // Every line stays above the bottom margin (297 − 25 mm).
    for (let i = 0; i < pageCount; i++) {
      for (const m of text(parts.get(pagePath(i))).matchAll(
        /<ofd:TextObject ID="\d+" Boundary="[\d.]+ ([\d.]+)/g,
      )) {
        expect(Number(m[1])).toBeLessThan(297 - 25);
      }
    }
    const sig = text(signatureXml({ parts, digest: sm3, time: result.issuedAt, stamp }));
    for (let i = 0; i < pageCount; i++) expect(sig).toContain(`FileRef="/${pagePath(i)}"`);
  });

  it('lists every part but the signature and its value, each with its SM3, and packs them all', () => {
    const { parts, stamp } = ofdResultParts(input);
    const sig = text(signatureXml({ parts, digest: sm3, time: result.issuedAt, stamp }));
    for (const path of SIGNED_PARTS) {
      const digest = Buffer.from(sm3(parts.get(path) ?? new Uint8Array())).toString('base64');
      expect(sig).toContain(
        `<ofd:Reference FileRef="/${path}"><ofd:CheckValue>${digest}</ofd:CheckValue></ofd:Reference>`,
      );
    }
    expect(sig).not.toContain('Signature.xml"');
    expect(sig).toContain(`PageRef="${stamp.pageRef}"`);
    const files = unzipSync(packOfd(parts, result.issuedAt));
    expect(Object.keys(files).sort()).toEqual([...parts.keys()].sort());
  });
});
