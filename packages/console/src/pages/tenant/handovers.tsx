import type { Handover } from '@onewindow/api/contract';
import { seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { beijing } from '../../ui/format';
import { page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { StatusBadge } from '../city/rollout-parts';
import { type Agreement, AgreementDocument } from './agreement';

/** The tenant's side of its rollouts: every handover agreement it is a party to. */
export function handoverRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/handovers', async (c) => {
    const t = c.get('t');
    const tenant = c.req.param('tenant');
    const { items } = await c.get('api').get<{ items: Handover[] }>(`/v1/tenants/${seg(tenant)}/handovers`);
    return page(
      c,
      t.handovers.title,
      <>
        <h1>{t.handovers.title}</h1>
        <table>
          <caption>{t.handovers.caption(tenant, items.length)}</caption>
          <Head cols={[t.rollouts.name, t.rollouts.status, t.rollouts.effectiveAt, t.rollouts.matters]} />
          <tbody>
            {items.map((h) => (
              <tr>
                <td>
                  <a href={`/console/tenants/${seg(tenant)}/handovers/${h.rollout}`}>{h.name}</a>
                </td>
                <td>
                  <StatusBadge c={c} status={h.status} />
                </td>
                <td>{beijing(h.effectiveAt)}</td>
                <td class="num">{h.matters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  app.get('/console/tenants/:tenant/handovers/:id', async (c) => {
    const a = await c
      .get('api')
      .get<Agreement>(`/v1/tenants/${seg(c.req.param('tenant'))}/handovers/${seg(c.req.param('id'))}`);
    return page(c, a.title, <AgreementDocument c={c} a={a} />);
  });
  return app;
}
