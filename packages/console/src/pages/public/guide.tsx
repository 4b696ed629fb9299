import type { Guide, GuideMatter } from '@onewindow/api/contract';
import { seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { FeeList, MaterialList } from '../city/catalogue';
import { EmpoweredLink } from './empowered';

/** One matter of a tenant's service guide: what art. 30 of the Administrative Licensing Law has a hall display. */
/** The public service guide: no sign-in, printable for the hall's notice board. */
export function guideRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public/:tenant/guide', async (c) => {
    const t = c.get('t');
    const tenant = c.req.param('tenant');
    const g = await c.get('api').get<Guide>(`/v1/public/${seg(tenant)}/guide`);
    return page(
      c,
      t.guide.title(g.tenant.name),
      <>
        <h1>{t.guide.title(g.tenant.name)}</h1>
        <p>{t.guide.intro}</p>
        <EmpoweredLink lang={c.get('lang')} tenant={tenant} />
        <table>
          <caption>{t.guide.caption(g.matters.length)}</caption>
          <Head cols={[t.catalogue.name, t.catalogue.type, t.guide.body, t.guide.window, t.guide.limit]} />
          <tbody>
            {g.matters.map((m) => (
              <tr>
                <td>
                  <a href={`/console/public/${seg(tenant)}/guide/${m.code}`}>{m.name}</a>
                </td>
                <td>{m.typeName}</td>
                <td>{m.implementingBody.name}</td>
                <td>{m.window}</td>
                <td>{m.onTheSpot ? t.guide.onTheSpot : t.common.workingDays(m.promisedDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
      { bare: !c.get('session') },
    );
  });

  app.get('/console/public/:tenant/guide/:code', async (c) => {
    const t = c.get('t');
    const tenant = c.req.param('tenant');
    const m = await c
      .get('api')
      .get<GuideMatter>(`/v1/public/${seg(tenant)}/guide/${seg(c.req.param('code'))}`);
    return page(
      c,
      m.name,
      <article class="doc" aria-labelledby="guide-title">
        <p class="no-print">
          <a href={`/console/public/${seg(tenant)}/guide`}>{t.guide.back(m.tenant.name)}</a>{' '}
          <button type="button" data-print hidden>
            {t.common.print}
          </button>
        </p>
        <h1 id="guide-title">{m.name}</h1>
        <dl class="facts">
          <dt>{t.catalogue.type}</dt>
          <dd>{m.typeName}</dd>
          <dt>{t.guide.body}</dt>
          <dd>
            {m.implementingBody.name}（{label(t, 'mode', m.mode)}）
          </dd>
          <dt>{t.guide.window}</dt>
          <dd>{m.window}</dd>
          <dt>{t.catalogue.legalBasis}</dt>
          <dd>{m.legalBasis}</dd>
          <dt>{t.catalogue.statutory}</dt>
          <dd>{t.common.workingDays(m.statutoryDays)}</dd>
          <dt>{t.catalogue.promised}</dt>
          <dd>{m.onTheSpot ? t.guide.onTheSpot : t.common.workingDays(m.promisedDays)}</dd>
          <dt>{t.guide.supervising}</dt>
          <dd>{m.supervisingBodyName ?? m.supervisingBody}</dd>
        </dl>
        <h2>{t.catalogue.items}</h2>
        <ul>
          {m.items.map((i) => (
            <li>
              {i.code} {i.name}
            </li>
          ))}
        </ul>
        <h2>{t.catalogue.materials}</h2>
        <p class="hint">{t.guide.coreHint}</p>
        <MaterialList c={c} materials={m.materials} />
        <h2>{t.catalogue.fees}</h2>
        <FeeList c={c} fees={m.fees} />
        <h2>{t.guide.procedure}</h2>
        <ol>
          {m.procedure.map((p) => (
            <li>{p}</li>
          ))}
        </ol>
        <h2>{t.guide.rights}</h2>
        <p>{t.guide.rightsText}</p>
      </article>,
      { bare: !c.get('session') },
    );
  });
  return app;
}
