import type { NotificationList } from '@onewindow/api/contract';
import { seg } from '../api';
import { type Ctx, sessionOf } from '../env';
import { beijing } from '../ui/format';

/** The urges (督办/催办) addressed to the signed-in person, for the start page; none without a tenant. */
export async function myNotifications(c: Ctx): Promise<NotificationList['items']> {
  const { claims } = sessionOf(c);
  if (!claims.tenant) return [];
  const r = await c
    .get('api')
    .send<NotificationList>('GET', `/v1/tenants/${seg(claims.tenant)}/notifications`);
  return r.ok ? r.data.items : [];
}

/** Each urge with who sent it, when, the note and a link to the card it is about. */
export function Notifications({ c, items }: { c: Ctx; items: NotificationList['items'] }) {
  const t = c.get('t');
  const x = t.assess.notes;
  const { claims } = sessionOf(c);
  if (items.length === 0 || !claims.tenant) return null;
  const base = `/console/tenants/${seg(claims.tenant)}/cards`;
  return (
    <section aria-labelledby="notes" class="card">
      <h2 id="notes">{x.title}</h2>
      <ul>
        {items.map((n) => (
          <li>
            <a href={`${base}/${seg(n.cardId)}`}>
              {x.urged(beijing(n.at), n.by)} · {n.matterName} · {n.caseNo}
            </a>
            ：{n.note}
          </li>
        ))}
      </ul>
    </section>
  );
}
