import { DOCUMENT_CSS } from '@onewindow/documents';
/**
 * The console's only stylesheet and script, served from /console/assets so the
 * Content-Security-Policy can forbid every inline style and script.
 */
export const CSS = `${DOCUMENT_CSS}
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8ccd2;--bg:#f5f6f8;--brand:#0b4f94;--brand-ink:#fff;
  --ok:#1b6e34;--ok-bg:#e3f4e8;--warn:#7a4d00;--warn-bg:#fff1cc;--bad:#a5221a;--bad-bg:#fde7e5;--seal:#b71c1c}
*{box-sizing:border-box}
html{font:16px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
body{margin:0}
a{color:var(--brand)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:10}
header.top{background:var(--brand);color:var(--brand-ink)}
header.top .bar{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;max-width:72rem;margin:0 auto;padding:.6rem 1rem}
header.top a{color:var(--brand-ink)}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.who{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;font-size:.95rem}
.who form{margin:0}
.who button{background:transparent;color:var(--brand-ink);border:1px solid var(--brand-ink);border-radius:4px;padding:.15rem .6rem;font:inherit;cursor:pointer}
nav.main{background:#fff;border-bottom:1px solid var(--line)}
nav.main ul{list-style:none;margin:0 auto;padding:0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;max-width:72rem}
nav.main a{display:inline-block;padding:.55rem 0;text-decoration:none;color:var(--ink);border-bottom:3px solid transparent}
nav.main a[aria-current="page"]{border-bottom-color:var(--brand);font-weight:600}
main{max-width:72rem;margin:1.25rem auto;padding:0 1rem 2rem}
footer.foot{max-width:72rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:1.6rem 0 .6rem}h3{font-size:1.05rem}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
.grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:1rem}
table{width:100%;border-collapse:collapse;background:#fff;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.4rem 0}
th,td{border:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#eef0f3}
.num{text-align:right;font-variant-numeric:tabular-nums}
form.stack{display:grid;gap:.9rem;max-width:40rem}
form.stack + form.stack{margin-top:1.25rem}
.field{display:grid;gap:.25rem}
label,legend{font-weight:600}
fieldset{border:1px solid var(--line);border-radius:4px;padding:.6rem .9rem;margin:0}
fieldset.choices{max-height:16rem;overflow:auto;background:#fff}
.choice{display:flex;gap:.4rem;align-items:baseline;font-weight:400}
input[type=text],input[type=number],input[type=date],input[type=datetime-local],input[type=search],select,textarea{
  font:inherit;padding:.35rem .5rem;border:1px solid #6b7280;border-radius:4px;background:#fff;color:var(--ink);max-width:100%}
textarea{min-height:5rem}
.hint{color:var(--muted);font-size:.9rem;margin:0}
.field-error{color:var(--bad);font-weight:600;margin:0}
[aria-invalid="true"]{border-color:var(--bad) !important;border-width:2px !important}
button,.button{font:inherit;background:var(--brand);color:#fff;border:0;border-radius:4px;padding:.45rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
button.danger{background:var(--bad)}
button[disabled]{opacity:.6;cursor:progress}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
.inline{display:inline}
.alert{border-left:6px solid var(--bad);background:var(--bad-bg);padding:.75rem 1rem;margin:0 0 1rem}
.alert h2{margin:0 0 .3rem;font-size:1.1rem}
.notice{border-left:6px solid var(--ok);background:var(--ok-bg);padding:.75rem 1rem;margin:0 0 1rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;border:1px solid currentColor;white-space:nowrap}
.green,.ok{color:var(--ok);background:var(--ok-bg)}
.yellow,.warn{color:var(--warn);background:var(--warn-bg)}
.red,.bad{color:var(--bad);background:var(--bad-bg)}
.muted{color:var(--muted)}
progress{width:100%;height:1.4rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.imprint{width:9rem;height:9rem}
.imprint-lg{width:12rem;height:12rem}
figure.imprint-preview{display:flex;gap:1rem;align-items:center;margin:0;padding:.6rem;border:1px dashed var(--line);border-radius:4px}
.doc table{margin:0 0 1.25rem}
.doc td.num{white-space:nowrap}
.doc td code,.doc td a{overflow-wrap:anywhere}
/* A row of links or a stepper laid out as a flex row: no list marker over the text; a stepper numbers its steps itself. */
ul.actions,ol.actions{list-style:none;padding-left:0;margin-left:0}
ol.actions{counter-reset:step}
ol.actions>li{counter-increment:step}
ol.actions>li::before{content:counter(step) ". "}
.card code,dl.facts dd{overflow-wrap:anywhere;min-width:0}
.badge.closed{color:var(--muted);background:#eef0f3}
.counts{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.75rem}
.counts a,.counts span.count{display:block;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;text-decoration:none;color:var(--ink)}
.counts strong{display:block;font-size:1.6rem;font-variant-numeric:tabular-nums}
.pager{margin:1rem 0}
.pager ul{list-style:none;padding:0;margin:0}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
ol.timeline li{padding:.2rem 0 .6rem 1rem;position:relative}
ol.timeline li::before{content:"";position:absolute;left:-.5rem;top:.6rem;width:.7rem;height:.7rem;border-radius:50%;background:var(--brand)}
.doc{background:#fff;border:1px solid var(--line);padding:2rem;max-width:52rem}
.chart{background:#fff;border:1px solid var(--line);width:100%;max-width:44rem;height:auto;display:block}
.print-only{display:none}
@media print{
  @page{size:A4;margin:15mm}
  html{background:#fff;font-size:12pt}
  header.top,nav.main,footer.foot,.no-print,.skip,form:not(.print-keep){display:none !important}
  main{margin:0;padding:0;max-width:none}
  .card,.doc{border:0;padding:0}
  a{color:#000;text-decoration:none}
  .print-only{display:block}
  table,tr,img,svg{page-break-inside:avoid}
  .badge{border:1px solid #000;color:#000;background:#fff}
}
`;

/**
 * The small progressive enhancement: the pages work without it. It disables a form's
 * buttons once it is sent (no double submission), asks before destructive actions,
 * shows print buttons (which do nothing without script), keeps a seal's imprint preview
 * following the typing, and updates a running rollout's progress in place.
 *
 * In order below:
 * - the seal form's imprint preview, once shown, follows the typing: the form is sent again as a
 *   preview in the background and the preview part replaced by the server's;
 * - a filtered list (the matter picker) filters as one types: each item carries what it is found by;
 * - a page that is watching something run (a rollout applying) marks that part data-poll: it is
 *   fetched again in place, without reloading the page, until the page no longer asks for it.
 * - an upload form (data-upload, issue 16) asks the console for the presigned form (its first step,
 *   sending the file's name, type and size, never its bytes), sends the file straight to the bucket
 *   with the presigned fields by XHR for the progress bar, then puts the page's fresh #materials in
 *   place (the public page, which has none, gets the data-upload text instead of the form); a refused
 *   first step shows the console's error page; a refused upload the bucket's status in the form's place.
 *
 * The notes live here, not in the script: every byte of the string is in the console bundle.
 */
export const JS = `
document.addEventListener('submit', function(e){
var f = e.target; var b = e.submitter;
if (b && b.dataset.confirm && !window.confirm(b.dataset.confirm)){ e.preventDefault(); return; }
setTimeout(function(){ f.querySelectorAll('button').forEach(function(x){ x.disabled = true; }); }, 0);
});
document.querySelectorAll('[data-print]').forEach(function(b){
b.hidden = false; b.addEventListener('click', function(){ window.print(); });
});
document.querySelectorAll('[data-live-preview]').forEach(function(fig){
var f = fig.closest('form'); var timer;
if (!f) return;
f.addEventListener('input', function(){
clearTimeout(timer);
timer = setTimeout(function(){
var data = new FormData(f); data.set('_preview', '1');
fetch(f.action, { method: 'POST', body: data, credentials: 'same-origin' }).then(function(r){ return r.text(); }).then(function(html){
var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(fig.id);
var shown = document.getElementById(fig.id);
if (fresh && shown) shown.replaceWith(fresh);
}).catch(function(){});
}, 400);
});
});
document.querySelectorAll('[data-filter]').forEach(function(input){
var target = document.getElementById(input.getAttribute('data-filter'));
if (!target) return;
input.addEventListener('input', function(){
var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
target.querySelectorAll('[data-keys]').forEach(function(li){
var keys = li.getAttribute('data-keys');
li.hidden = !words.every(function(w){ return keys.indexOf(w) >= 0; });
});
});
});
document.addEventListener('submit', function(e){
var f = e.target, file = f.file && f.file.files[0], p = f.querySelector('progress');
var get = function(u, o){ return fetch(u, o).then(function(r){ return r.text(); }).then(function(h){ return new DOMParser().parseFromString(h, 'text/html'); }); };
if (!f.dataset.upload || !file) return;
e.preventDefault();
var d = new URLSearchParams(new FormData(f)); d.set('file', file.name); d.set('type', file.type); d.set('size', file.size);
get(f.action, { method: 'POST', body: d }).then(function(doc){
var s = doc.querySelector('[data-s3]'), x = new XMLHttpRequest(), data;
if (!s) return document.documentElement.replaceWith(doc.documentElement);
data = new FormData(s); data.delete('success_action_redirect'); data.set('file', file);
p.hidden = false; x.upload.onprogress = function(v){ p.value = v.loaded * 100 / v.total; };
x.onloadend = function(){
if (x.status > 299 || !x.status) return f.replaceWith('HTTP ' + x.status);
get(location.href).then(function(n){ var m = n.getElementById('materials'); m ? document.getElementById('materials').replaceWith(m) : f.replaceWith(f.dataset.upload); });
};
x.open('POST', s.action); x.send(data);
});
});
(function poll(){
var part = document.querySelector('[data-poll]');
if (!part) return;
setTimeout(function(){
fetch(location.href, { credentials: 'same-origin' }).then(function(r){ return r.text(); }).then(function(html){
var next = new DOMParser().parseFromString(html, 'text/html');
var fresh = next.querySelector('[data-poll]');
if (fresh && fresh.id === part.id){ part.replaceWith(fresh); poll(); }
else { var main = next.querySelector('main'); if (main) document.querySelector('main').replaceWith(main); }
}).catch(function(){ poll(); });
}, Number(part.getAttribute('data-poll')) || 2000);
})();
`;
