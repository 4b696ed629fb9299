import type { ArchivePackage, ArchivePackageRow, Staff } from '@onewindow/api/contract';
import type { Child } from 'hono/jsx';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import type { Messages } from '../../i18n';
import { one, readForm } from '../../ui/form';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { Pager } from '../../ui/pager';
import { Head } from '../../ui/table';
import { follow, size } from '../cases/materials';

const BASE = '/console/tenants/:tenant/archive';
const apiOf = (c: Ctx) => `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/archive`;

/** How the case closed: 已出件（准予许可）, 不予受理, 已撤回…; a disposed package says so. */
const closedAs = (t: Messages, r: { status?: string; outcome?: string }, gone: unknown) =>
  gone
    ? t.archive.disposed
    : `${label(t, 'caseStatus', r.status)}${r.outcome ? `（${label(t, 'outcome', r.outcome)}）` : ''}`;

/** A table of plain cells (the archive pages' three lists). */
const Table = ({ cols, rows }: { cols: string[]; rows: Child[][] }) => (
  <table>
    <Head cols={cols} />
    <tbody>
      {rows.map((r) => (
        <tr>
          {r.map((x) => (
            <td>{x}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

/** 档案: the packages this tenant keeps as custodian (R5), a page at a time. */
async function listPage(c: Ctx) {
  const t = c.get('t');
  const { items, cursor } = await c
    .get('api')
    .get<{ items: ArchivePackageRow[]; cursor?: string }>(
      `${apiOf(c)}${qs({ cursor: c.req.query('cursor') })}`,
    );
  return page(
    c,
    t.archive.title,
    <>
      <h1>{t.archive.title}</h1>
      <Table
        cols={t.archive.cols.slice(0, 6)}
        rows={items.map((r) => [
          <a href={`${c.req.path}/${seg(r.id)}`}>{r.caseNo}</a>,
          r.matterName,
          closedAs(t, r, r.disposed),
          beijing(r.closedAt),
          r.retainUntil.slice(0, 10),
          r.entries,
        ])}
      />
      <Pager c={c} cursor={cursor} />
    </>,
  );
}

/**
 * One package: the case, its entries with both digests and a download each (the purpose goes to
 * the API's use register), the platform's signature, the retention and the register itself.
 */
async function packagePage(c: Ctx) {
  const t = c.get('t');
  const a = t.archive;
  const api = c.get('api');
  const [p, staff] = await Promise.all([
    api.get<ArchivePackage>(`${apiOf(c)}/${seg(c.req.param('id') ?? '')}`),
    api.send<{ items: Staff[] }>('GET', `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/staff`),
  ]);
  const who = new Map(staff.ok ? staff.data.items.map((s) => [s.id, s.name]) : []);
  const k = p.manifest.case;
  const facts = [
    k.matterName,
    `${k.applicant.name} ${k.applicant.idNumber}`,
    beijing(k.receivedAt),
    beijing(k.closedAt),
    closedAs(t, k, p.disposed),
    `${p.retainUntil.slice(0, 10)}（${a.years(p.retentionYears)}）`,
    `${p.signature.alg} · ${p.signature.keyId}`,
  ];
  const title = `${a.title} ${p.caseNo}`;
  return page(
    c,
    title,
    <>
      <h1>{title}</h1>
      <dl class="facts card">
        {[1, 6, 7, 3, 2, 4, 8].map((j, i) => (
          <>
            <dt>{a.cols[j]}</dt>
            <dd>{facts[i]}</dd>
          </>
        ))}
      </dl>
      <form method="post" action={`${c.req.path}/download`}>
        <Csrf c={c} />
        <label for="purpose">{a.uses[3]}</label> <input id="purpose" name="purpose" value={a.read} required />
        <Table
          cols={a.files}
          rows={p.manifest.entries.map((e) => [
            e.material ? `${e.material.fileName} · v${e.material.version}` : e.name,
            a.kind[e.kind],
            size(e.size),
            <small>
              SHA-256 {e.sha256}
              <br />
              SM3 {e.sm3}
            </small>,
            <button type="submit" class="secondary" name="name" value={e.name}>
              {a.files[4]}
            </button>,
          ])}
        />
        <button type="submit" class="secondary" name="name" value="manifest.json">
          manifest.json
        </button>
      </form>
      <h2>{a.register}</h2>
      <Table
        cols={a.uses}
        rows={p.uses.map((u) => [who.get(u.sub) ?? u.sub, beijing(u.at), u.name, u.purpose])}
      />
    </>,
  );
}

export function archiveRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get(BASE, listPage);
  app.get(`${BASE}/:id`, packagePage);
  // The API answers a 60-second link and enters the use, with its purpose, in the register.
  app.post(`${BASE}/:id/download`, async (c) => {
    const { values } = await readForm(c);
    return follow(
      c,
      await c
        .get('api')
        .raw(
          `${apiOf(c)}/${seg(c.req.param('id'))}/objects/${seg(one(values, 'name'))}${qs({ purpose: one(values, 'purpose') })}`,
          { redirect: 'manual' },
        ),
      303,
    );
  });
  return app;
}
