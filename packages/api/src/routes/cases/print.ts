import { beijingTime, type CaseState, sealImprintSvg } from '@onewindow/domain';
import { html, raw } from 'hono/html';
import { renderSVG } from 'uqr';

const PAGE_STYLE = `
  @page { size: A4; margin: 20mm; }
  body { font: 15px/1.8 "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; max-width: 170mm; margin: 0 auto; padding: 1rem; }
  h1 { text-align: center; font-size: 22px; letter-spacing: .2em; }
  .no { text-align: right; } ol { padding-left: 1.5em; }
  .seal { position: relative; margin-top: 2rem; text-align: right; min-height: 150px; }
  .seal svg.imprint { position: absolute; right: 0; top: -30px; width: 150px; height: 150px; opacity: .85; }
  .qr { display: flex; gap: 1rem; align-items: center; margin-top: 2rem; font-size: 12px; }
  .qr svg { width: 96px; height: 96px; }
  .en { color: #555; font-size: 12px; } @media print { .en { display: none; } }`;

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <style>${raw(PAGE_STYLE)}</style>
  </head>
  <body>${body}</body>
</html>`;

/** 一次性告知书 (art. 32 (1) 4, R8): every missing item in one notice, printable. */
export function noticePage(s: CaseState, bodyName: string) {
  const notice = s.notices.find((n) => n.kind === 'one-time-notice');
  const missing = notice?.missing ?? [];
  return page(
    '一次性告知书',
    html`<p class="no">编号：${s.caseNo}</p>
      <h1>一次性告知书</h1>
      <p>${s.applicant.name}：</p>
      <p>您于 ${beijingTime(s.receivedAt)} 申请办理“${s.matterName}”，经核验，申请材料不齐全。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项，现一次性告知您需要补正的全部内容如下：</p>
      <ol>
        ${missing.map((m) => html`<li>${m.name}${m.core ? '（核心材料，须补齐后方可受理）' : ''}</li>`)}
      </ol>
      <p>请补齐上述材料后到综合受理窗口提交，凭办件编号办理。</p>
      <p class="en">One-time notice: ${notice?.en ?? ''}</p>
      <div class="seal"><p>${bodyName}<br />${beijingTime(notice?.at ?? s.receivedAt).slice(0, 11)}</p></div>`,
  );
}

/** The issued result: decision, seal imprint, signature, and a QR code to its public verification. */
export function resultPage(s: CaseState, input: { bodyName: string; sealName: string; verifyUrl: string }) {
  const r = s.result;
  if (!r) throw new Error('no result');
  const imprint = sealImprintSvg({
    bodyName: input.bodyName,
    sealName: input.sealName,
    id: r.seal.id,
    voided: false,
  });
  const qr = renderSVG(input.verifyUrl, { border: 1 });
  const approved = r.outcome === 'approve';
  return page(
    approved ? '准予行政许可决定书' : '不予行政许可决定书',
    html`<p class="no">编号：${r.caseNo}</p>
      <h1>${approved ? '准予行政许可决定书' : '不予行政许可决定书'}</h1>
      <p>${r.applicantName}：</p>
      <p>你（单位）申请的“${r.matterName}”${r.item ? `（办理项 ${r.item}）` : ''}，经审查，${
        approved
          ? '符合法定条件、标准，决定准予行政许可。'
          : html`不符合法定条件，决定不予行政许可。理由：${r.reasons ?? ''}`
      }</p>
      ${r.appealRights ? html`<p>${r.appealRights}</p>` : ''}
      <div class="seal">${raw(imprint.replace('<svg', '<svg class="imprint" role="img" aria-label="印章"'))}<p>${input.bodyName}<br />${beijingTime(r.decidedAt).slice(0, 11)}</p></div>
      <div class="qr">${raw(qr.replace('<svg', '<svg role="img" aria-label="验证二维码"'))}<div>扫码验证本文书真伪<br />${input.verifyUrl}<br />签名密钥 ${r.keyId}<br /><span style="word-break:break-all">${r.signature}</span></div></div>`,
  );
}
