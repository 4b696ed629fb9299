import type { ResponseOf } from '@onewindow/api/contract';
import { seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import type { Lang } from '../../i18n';
import { TextField } from '../../ui/form';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

type List = ResponseOf<'GET /v1/public/{tenant}/empowered-matters'>;
type Changes = ResponseOf<'GET /v1/public/{tenant}/empowered-matters/changes'>;

/** This page's words; kept beside it, so the shared message files stay untouched. */
const TEXT = {
  zh: {
    title: (tenant: string) => `${tenant}赋权事项清单`,
    intro:
      '向社会公布的赋权（划转）事项清单：选择日期，查看当日实施的事项及实施机构；各批次的调整清单列于其后。',
    date: '日期',
    dateHint: '按该日 24 时（北京时间）的状态列出',
    show: '查看',
    caption: (n: number, date: string) => `${date} 共 ${n} 项`,
    cols: ['事项编码', '事项名称', '实施机构', '实施方式', '自'],
    changes: '各批次调整清单',
    none: '尚无公布的批次。',
    batch: (name: string, at: string, n: number) => `${name}（${at} 起，${n} 项）`,
    changeCols: ['事项名称', '原实施机构', '现实施机构'],
    guide: '返回办事指南',
  },
  en: {
    title: (tenant: string) => `Empowered matters of ${tenant}`,
    intro:
      'The list of empowered (transferred) matters as published to society: pick a date to see the matters and who implemented them that day; each rollout’s change list follows.',
    date: 'Date',
    dateHint: 'Listed as at 24:00 that day (Beijing time)',
    show: 'Show',
    caption: (n: number, date: string) => `${n} matters on ${date}`,
    cols: ['Code', 'Matter', 'Implementing body', 'Mode', 'Since'],
    changes: 'Change list of each rollout',
    none: 'No rollout is published yet.',
    batch: (name: string, at: string, n: number) => `${name} (from ${at}, ${n} matters)`,
    changeCols: ['Matter', 'From', 'To'],
    guide: 'Back to the service guide',
  },
} satisfies Record<Lang, unknown>;

/** A Beijing date of an instant, the way the seeds date their lists. */
const day = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

/** The published empowered list (seeds 000 and 003: 对外公布): no sign-in, any date. */
export function empoweredRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public/:tenant/empowered', async (c) => {
    const t = c.get('t');
    const x = TEXT[c.get('lang')];
    const tenant = c.req.param('tenant');
    const asked = c.req.query('date') ?? '';
    const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : day(new Date().toISOString());
    const at = encodeURIComponent(`${date}T23:59:59+08:00`);
    const api = c.get('api');
    const [list, changes] = await Promise.all([
      api.get<List>(`/v1/public/${seg(tenant)}/empowered-matters?at=${at}`),
      api.get<Changes>(`/v1/public/${seg(tenant)}/empowered-matters/changes`),
    ]);
    return page(
      c,
      x.title(list.tenant.name),
      <>
        <p class="no-print">
          <a href={`/console/public/${seg(tenant)}/guide`}>{x.guide}</a>
        </p>
        <h1>{x.title(list.tenant.name)}</h1>
        <p>{x.intro}</p>
        <form method="get" class="stack no-print">
          <TextField
            c={c}
            state={{ values: { date } }}
            name="date"
            type="date"
            label={x.date}
            hint={x.dateHint}
          />
          <Submit label={x.show} />
        </form>
        <table>
          <caption>{x.caption(list.items.length, date)}</caption>
          <Head cols={x.cols} />
          <tbody>
            {list.items.map((m) => (
              <tr>
                <td>{m.code}</td>
                <td>{m.name}</td>
                <td>{m.implementingBodyName}</td>
                <td>{label(t, 'mode', m.mode)}</td>
                <td>{day(m.from)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{x.changes}</h2>
        {changes.items.length === 0 && <p>{x.none}</p>}
        {changes.items.map((r) => (
          <table>
            <caption>{x.batch(r.name, day(r.effectiveAt), r.matters.length)}</caption>
            <Head cols={x.changeCols} />
            <tbody>
              {r.matters.map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>{m.fromBodyName}</td>
                  <td>{m.toBodyName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </>,
      { bare: !c.get('session') },
    );
  });
  return app;
}

/** The link from a tenant's service guide to its published empowered list. */
export function EmpoweredLink({ lang, tenant }: { lang: Lang; tenant: string }) {
  return (
    <p class="no-print">
      <a href={`/console/public/${seg(tenant)}/empowered`}>
        {lang === 'en' ? 'Empowered matters and each rollout’s change list' : '赋权事项清单及各批次调整清单'}
      </a>
    </p>
  );
}
