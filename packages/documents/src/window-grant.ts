import { html } from 'hono/html';
import type { Html } from './html';
import { when } from './text';

/** One chief representative's authorisation as printed: ids with their names, and its standing now. */
export interface PrintedWindowGrant {
  readonly id: string;
  readonly docNo: string;
  readonly from: string;
  readonly until: string;
  readonly matters: readonly string[];
  readonly at: string;
  readonly recordedBy: string;
  readonly grantedBy: string;
  readonly revoked?: { readonly at: string; readonly reason: string };
  readonly status: {
    readonly state: 'active' | 'pending' | 'expired' | 'revoked' | 'lapsed';
    readonly lapsed?: readonly { readonly matter: string; readonly holder?: string }[];
  };
  readonly names: {
    readonly staff: string;
    readonly grantedBy: string;
    readonly body: string;
    readonly matters: Readonly<Record<string, string>>;
  };
}

const STATES = {
  active: '有效',
  pending: '尚未生效',
  expired: '已过期',
  revoked: '已撤销',
  lapsed: '已失效',
} as const;

const matterName = (g: PrintedWindowGrant, m: string) => `${g.names.matters[m] ?? m}（${m}）`;

/** The grant's standing in words, with why it lapsed: the matters the timeline moved away and to whom. */
export function windowGrantStanding(g: PrintedWindowGrant): string {
  const moved = (g.status.lapsed ?? [])
    .map((l) => `${matterName(g, l.matter)}已划转${l.holder ? `至${l.holder}` : '出本中心'}`)
    .join('；');
  if (g.status.state === 'revoked' && g.revoked)
    return `已撤销（${when('zh', g.revoked.at)}，${g.revoked.reason}）`;
  if (g.status.state === 'lapsed') return `已失效：${moved}，授权随之终止`;
  if (g.status.state === 'active' && moved) return `部分有效：${moved}，该事项授权终止`;
  return STATES[g.status.state];
}

/**
 * The written authorisation (授权书, seed 004): the head of a department authorises a window
 * officer as its chief representative for named matters, for a stated validity, with the
 * lapse rule printed on it; the head signs below.
 */
export function WindowGrantLetter({
  grant: g,
  tenantName,
}: {
  grant: PrintedWindowGrant;
  tenantName: string;
}): Html {
  return html`<article class="doc" aria-labelledby="doc-title">
  <p class="no">${g.docNo}</p>
  <h1 id="doc-title">首席代表授权书</h1>
  <p>${g.names.staff}同志：</p>
  <p>根据${tenantName}“一窗通办”工作要求，${g.names.body}授权你为本部门派驻${tenantName}的首席代表（窗口工作人员），在授权期限内代表本部门办理下列可当场办结的事项，作出决定并签发办理结果：</p>
  <table>
    <thead><tr><th scope="col">序号</th><th scope="col">事项编码</th><th scope="col">事项名称</th></tr></thead>
    <tbody>
      ${g.matters.map((m, i) => html`<tr><td>${i + 1}</td><td><code>${m}</code></td><td>${g.names.matters[m] ?? m}</td></tr>`)}
    </tbody>
  </table>
  <dl class="facts">
    <dt>授权部门</dt><dd>${g.names.body}</dd>
    <dt>被授权人</dt><dd>${g.names.staff}</dd>
    <dt>授权期限</dt><dd>${when('zh', g.from)} 至 ${when('zh', g.until)}</dd>
    <dt>文号</dt><dd>${g.docNo}（编号 ${g.id}）</dd>
    <dt>当前状态</dt><dd>${windowGrantStanding(g)}</dd>
  </dl>
  <p>某一事项依法调整、不再由本部门实施之时起，本授权对该事项自动终止；授权期限届满或经本部门负责人书面撤销的，本授权终止。被授权人应当依法办理，不得超越授权范围。</p>
  <div class="sig">
    <div>
      <p>被授权人（签字）：________________</p>
      <p>${g.names.staff}</p>
      <p>年　　月　　日</p>
    </div>
    <div>
      <p>授权部门负责人（签字）：________________</p>
      <p>${g.names.body}　${g.names.grantedBy}</p>
      <p>${when('zh', g.at).slice(0, 10)}</p>
    </div>
  </div>
</article>`;
}

/** The centre's 窗口工作人员办理事项授权表: every authorisation with its standing at `at`. */
export function WindowGrantRegister({
  grants,
  tenantName,
  at,
}: {
  grants: readonly PrintedWindowGrant[];
  tenantName: string;
  at: string;
}): Html {
  return html`<article class="doc" aria-labelledby="doc-title">
  <h1 id="doc-title">${tenantName}窗口工作人员办理事项授权表</h1>
  <p>截至 ${when('zh', at)}，共 ${grants.length} 份授权书。</p>
  <table>
    <thead><tr>${['序号', '窗口工作人员', '授权部门', '授权事项', '授权期限', '文号', '授权人', '状态'].map((col) => html`<th scope="col">${col}</th>`)}</tr></thead>
    <tbody>
      ${grants.map(
        (g, i) =>
          html`<tr><td>${i + 1}</td><td>${g.names.staff}</td><td>${g.names.body}</td><td>${g.matters.map((m) => matterName(g, m)).join('、')}</td><td>${when('zh', g.from)} 至 ${when('zh', g.until)}</td><td>${g.docNo}</td><td>${g.names.grantedBy}</td><td>${windowGrantStanding(g)}</td></tr>`,
      )}
    </tbody>
  </table>
  <div class="sig">
    <div><p>制表单位：${tenantName}</p><p>年　　月　　日</p></div>
  </div>
</article>`;
}
