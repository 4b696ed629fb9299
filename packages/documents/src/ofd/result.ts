import { type SealedResult, verificationCodeOf } from '@onewindow/domain';
import { RESULT_TEXT } from '../result-text';
import { COMMON, day, when } from '../text';
import { imprintObjects } from './imprint';
import { type TextLine, textObject, widthOf, wrap } from './text-layout';
import { doc, el, esc, utf8 } from './xml';

/** Where each part lives in the package; Signature.xml lists all but itself and its value. */
export const OFD_PATHS = {
  root: 'OFD.xml',
  document: 'Doc_0/Document.xml',
  publicRes: 'Doc_0/PublicRes.xml',
  documentRes: 'Doc_0/DocumentRes.xml',
  /** The first page; a long result runs on to `pagePath(1)`, … */
  page: 'Doc_0/Pages/Page_0/Content.xml',
  signatures: 'Doc_0/Signs/Signatures.xml',
  signature: 'Doc_0/Signs/Sign_0/Signature.xml',
  signedValue: 'Doc_0/Signs/Sign_0/SignedValue.dat',
} as const;

export const pagePath = (i: number): string => `Doc_0/Pages/Page_${i}/Content.xml`;

/** A4 in millimetres, the unit of GB/T 33190. */
const PAGE = { width: 210, height: 297, margin: 25 };
const FONT_SONG = 1;
const FONT_HEI = 2;
const COLOUR_SPACE = 3;
const FIRST_PAGE_ID = 4;
const BODY = 4.23; // 小四 (12 pt)
const LEAD = 1.75;

export interface OfdResultInput {
  readonly result: SealedResult;
  /** The issuing body's and the seal's names, as printed under and in the imprint. */
  readonly bodyName: string;
  readonly sealName: string;
  readonly verifyUrl: string;
  /** The e-licence the result became (GB/T 36904), printed and in the metadata. */
  readonly licenceId?: string;
}

export interface OfdStamp {
  readonly pageRef: number;
  /** x y w h on the page, mm: where the imprint is drawn. */
  readonly boundary: string;
}

/** The unsigned parts of the result's OFD package (path → bytes), and where its seal is. */
export function ofdResultParts(input: OfdResultInput): { parts: Map<string, Uint8Array>; stamp: OfdStamp } {
  const r = input.result;
  const t = RESULT_TEXT.zh;
  const width = PAGE.width - 2 * PAGE.margin;
  // Lines run on to a further page at the bottom margin: long reasons never leave the paper.
  const pages: TextLine[][] = [[]];
  let y = PAGE.margin + 8;
  const bottom = PAGE.height - PAGE.margin;
  const newPage = () => {
    pages.push([]);
    y = PAGE.margin + 8;
  };
  const line = (text: string, opts: { size?: number; font?: number; x?: number; gap?: number } = {}) => {
    const size = opts.size ?? BODY;
    if (y > bottom) newPage();
    pages[pages.length - 1]?.push({ text, x: opts.x ?? PAGE.margin, y, size, font: opts.font ?? FONT_SONG });
    y += size * LEAD + (opts.gap ?? 0);
  };
  const paragraph = (text: string, indent = true) => {
    const first = indent ? 2 * BODY : 0;
    wrap(text, BODY, width, first).forEach((l, i) => {
      line(l, { x: PAGE.margin + (i === 0 ? first : 0) });
    });
    y += BODY * 0.5;
  };

  line(COMMON.zh.number(r.caseNo), { size: 3.5 });
  const title = t.title(r.outcome === 'approve');
  const titleSize = 7.76; // 二号
  line(title, { size: titleSize, font: FONT_HEI, x: (PAGE.width - widthOf(title, titleSize)) / 2, gap: 4 });
  line(COMMON.zh.to(r.applicantName));
  paragraph(t.body(r));
  if (r.reasons) paragraph(t.reasons(r.reasons));
  if (r.appealRights) paragraph(r.appealRights);
  const facts: [string, string][] = [
    [t.decision, t.outcomes[r.outcome]],
    [t.decidedAt, when('zh', r.decidedAt)],
    [t.issuedAt, when('zh', r.issuedAt)],
    [t.approvingBody, input.bodyName],
    [t.delivery, t.deliveries[r.delivery]],
  ];
  if (input.licenceId) facts.push(['电子证照标识', input.licenceId]);
  for (const [k, v] of facts) for (const l of wrap(`${k}：${v}`, BODY, width)) line(l);

  // The seal over the issuing body's name and the decision's date, at the right, as printed,
  // with the verification lines under it: on a page of its own when the rest of this one is short.
  const diameter = 40;
  if (y + 12 + diameter + 20 > bottom) newPage();
  y += 12;
  const sealCx = PAGE.width - PAGE.margin - diameter / 2 - 5;
  const sealCy = y + 6;
  const under = [input.bodyName, day('zh', r.decidedAt)];
  for (const u of under) line(u, { x: sealCx - widthOf(u, BODY) / 2 });
  y = Math.max(y, sealCy + diameter / 2) + 6;
  const code = verificationCodeOf(r.signature).replace(/^(.{4})/, '$1-');
  for (const l of wrap(t.verifyAt(input.verifyUrl), 3.5, width)) line(l, { size: 3.5 });
  line(t.code(code), { size: 3.5 });

  // Page IDs follow the resources'; the pages' objects are numbered after every page.
  const pageIds = pages.map((_, i) => FIRST_PAGE_ID + i);
  let id = FIRST_PAGE_ID + pages.length;
  const nextId = () => id++;
  const pageXml = pages.map((onPage, i) => {
    const objects = onPage.map((l) => textObject(nextId(), l)).join('');
    const last = i === pages.length - 1;
    const imprint = last
      ? imprintObjects(
          {
            bodyName: input.bodyName,
            sealName: input.sealName,
            cx: sealCx,
            cy: sealCy,
            diameter,
            font: FONT_SONG,
          },
          nextId,
        )
      : '';
    return doc(
      'Page',
      el('Content', {}, el('Layer', { ID: nextId(), Type: 'Body' }, `${objects}${imprint}`)),
    );
  });

  const maxId = id - 1;
  const document = doc(
    'Document',
    el(
      'CommonData',
      {},
      `${el('MaxUnitID', {}, String(maxId))}${el('PageArea', {}, el('PhysicalBox', {}, `0 0 ${PAGE.width} ${PAGE.height}`))}${el('PublicRes', {}, 'PublicRes.xml')}${el('DocumentRes', {}, 'DocumentRes.xml')}`,
    ) +
      el(
        'Pages',
        {},
        pageIds.map((pid, i) => el('Page', { ID: pid, BaseLoc: `Pages/Page_${i}/Content.xml` })).join(''),
      ),
  );
  // 宋体 for the text, 黑体 for the title: CJK fonts every Chinese system has, referenced not embedded.
  const publicRes = doc(
    'Res',
    el(
      'Fonts',
      {},
      el('Font', { ID: FONT_SONG, FontName: '宋体', FamilyName: 'SimSun' }) +
        el('Font', { ID: FONT_HEI, FontName: '黑体', FamilyName: 'SimHei' }),
    ),
    { BaseLoc: 'Res' },
  );
  const documentRes = doc(
    'Res',
    el('ColorSpaces', {}, el('ColorSpace', { ID: COLOUR_SPACE, Type: 'RGB', BitsPerComponent: '8' })),
    { BaseLoc: 'Res' },
  );
  const custom: [string, string][] = [
    ['证照名称', r.matterName],
    ...(input.licenceId ? ([['电子证照标识', input.licenceId]] as [string, string][]) : []),
    ['持证主体', r.applicantName],
    ['颁发机构', input.bodyName],
    ['颁证日期', day('zh', r.issuedAt)],
    ['办件编号', r.caseNo],
  ];
  const root = doc(
    'OFD',
    el(
      'DocBody',
      {},
      el(
        'DocInfo',
        {},
        `${el('DocID', {}, esc(r.caseNo))}${el('Title', {}, esc(title))}${el('Author', {}, esc(input.bodyName))}${el('Creator', {}, 'OneWindow 一窗通办')}${el('CreationDate', {}, r.issuedAt.slice(0, 10))}${el('CustomDatas', {}, custom.map(([name, value]) => el('CustomData', { Name: name }, esc(value))).join(''))}`,
      ) +
        el('DocRoot', {}, OFD_PATHS.document) +
        el('Signatures', {}, OFD_PATHS.signatures),
    ),
    { Version: '1.0', DocType: 'OFD' },
  );
  const signatures = doc(
    'Signatures',
    el('MaxSignId', {}, '1') + el('Signature', { ID: '1', Type: 'Seal', BaseLoc: `/${OFD_PATHS.signature}` }),
  );
  const parts = new Map<string, Uint8Array>([
    [OFD_PATHS.root, utf8(root)],
    [OFD_PATHS.document, utf8(document)],
    [OFD_PATHS.publicRes, utf8(publicRes)],
    [OFD_PATHS.documentRes, utf8(documentRes)],
    ...pageXml.map((xml, i): [string, Uint8Array] => [pagePath(i), utf8(xml)]),
    [OFD_PATHS.signatures, utf8(signatures)],
  ]);
  const half = diameter / 2;
  return {
    parts,
    stamp: {
      pageRef: pageIds[pageIds.length - 1] ?? FIRST_PAGE_ID,
      boundary: `${sealCx - half} ${sealCy - half} ${diameter} ${diameter}`,
    },
  };
}
