import { beijingTime, type HandoverAgreement } from '@onewindow/domain';
import { html } from 'hono/html';

const MODE = { transfer: '划转（审批权移交）', stationed: '进驻（窗口进驻）' } as const;

/** The agreement as a printable A4 page: no script, no external resources. */
export function handoverPage(a: HandoverAgreement, sealImprintUrl: string) {
  return html`<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${a.title}</title>
    <style>
      @page { size: A4; margin: 20mm; }
      body { font: 15px/1.8 "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; max-width: 170mm; margin: 0 auto; padding: 1rem; }
      h1 { text-align: center; font-size: 22px; letter-spacing: .2em; }
      .no { text-align: right; } table { width: 100%; border-collapse: collapse; font-size: 13px; }
      th, td { border: 1px solid #000; padding: 2px 6px; text-align: left; } ol { padding-left: 1.5em; }
      .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 3rem; }
      .en { color: #555; font-size: 12px; } @media print { .en { display: none; } }
    </style>
  </head>
  <body>
    <p class="no">编号：${a.number}</p>
    <h1>${a.title}</h1>
    <p>移交方：${a.from.map((f) => f.name).join('、')}<br />承接方：${a.to.name}<br />方式：${MODE[a.mode]}<br />
      生效时间：${beijingTime(a.effectiveAt)}（<span class="en">${a.effectiveAt}</span>）<br />
      审批专用章：${a.seal.name}（${a.seal.id}）${
        a.transition
          ? html`<br />过渡期：至 ${beijingTime(a.transition.until)}（${a.transition.policy === 'origin-leads' ? '原部门牵头办理' : '原部门指导审核'}）`
          : ''
      }</p>
    <h2>一、交接事项（共 ${a.matters.length} 项）</h2>
    <table>
      <thead><tr><th>序号</th><th>事项编码</th><th>事项名称</th><th>事项类型</th><th>移交方</th></tr></thead>
      <tbody>
        ${a.matters.map(
          (m, i) =>
            html`<tr><td>${i + 1}</td><td>${m.code}</td><td>${m.name}</td><td>${m.type ?? ''}</td><td>${
              a.from.find((f) => f.ref === m.from)?.name ?? m.from
            }</td></tr>`,
        )}
      </tbody>
    </table>
    <h2>二、权责约定</h2>
    <ol>
      ${a.clauses.map((c) => html`<li>${c.zh}<br /><span class="en">${c.en}</span></li>`)}
    </ol>
    <div class="sign">
      <div>移交方（盖章）：<br /><br />日期：</div>
      <div>承接方（盖章）：<br /><img src="${sealImprintUrl}" alt="${a.seal.name}" width="120" height="120" /><br />日期：</div>
    </div>
  </body>
</html>`;
}
