/**
 * The documents' own rules, all under `.doc`, so the same sheet serves the API's stand-alone page
 * (inline, it has no CSP) and the console (which serves it with its stylesheet: no inline style).
 */
export const DOCUMENT_CSS = `
.doc h1 { text-align: center; letter-spacing: .15em; }
.doc .no, .doc .issuer { text-align: right; }
.doc dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
.doc dl.facts dt { font-weight: 600; } .doc dl.facts dd { margin: 0; }
.doc ol { padding-left: 1.5em; }
.doc .sig { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2rem; align-items: end; }
.doc .seal { position: relative; text-align: right; min-height: 9.5rem; padding-top: 3rem; }
.doc .seal .imprint { position: absolute; right: 0; top: 0; width: 9.5rem; height: 9.5rem; opacity: .85; }
.doc svg.qr { width: 7rem; height: 7rem; }
.doc figure.qr-block { margin: 0.5rem 0; display: flex; align-items: center; gap: 0.75rem; }
.doc .hint { font-size: .8rem; color: #444; overflow-wrap: anywhere; }
.doc .sigtext { word-break: break-all; }
.doc .ack { border: 1px solid #000; padding: .3rem .8rem; margin-top: 1.5rem; break-inside: avoid; }
.doc .ack h2 { font-size: 1rem; margin: 0; }
.doc .remedies { text-indent: 2em; }
@media print { .doc .seal .imprint { opacity: 1; } }
`;

/** The stand-alone page around a document: A4, a serif face, black on white. */
export const PAGE_CSS = `
@page { size: A4; margin: 20mm; }
body { font: 15px/1.8 "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; background: #fff; max-width: 170mm; margin: 0 auto; padding: 1rem; }
h1 { font-size: 22px; } h2 { font-size: 17px; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #000; padding: 2px 6px; text-align: left; vertical-align: top; }
@media print { body { padding: 0; } }
`;
