import type { Rollout, RolloutPreview, Workbench } from '@onewindow/api/contract';
import { qs, seg } from '../api';
import { type ConsoleEnv, type Ctx, sessionOf } from '../env';
import { Hono } from '../hono';
import { beijingDate } from '../ui/format';
import { label, roleNames } from '../ui/labels';
import { page } from '../ui/layout';
import { namesOf } from '../ui/names';
import { navFor } from '../ui/nav';
import { myNotifications, Notifications } from './notifications';
import { MyAbsences } from './tenant/absences';

interface Count {
  readonly label: string;
  readonly n: number;
  readonly href: string;
  readonly colour?: string;
}

/** One role's counts, each a link to the list it counts. */
function Counts({ title, counts, n }: { title: string; counts: readonly Count[]; n: number }) {
  const id = `bench-${n}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="counts">
        {counts.map((x) => (
          <li>
            <a href={x.href} class={x.colour}>
              <strong>{x.n}</strong>
              {x.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The work waiting for each of the user's roles, from the API's counters (never a scan of cases). */
async function roleCounts(c: Ctx) {
  const t = c.get('t');
  const { claims } = sessionOf(c);
  const roles = new Set(claims.roles);
  const api = c.get('api');
  const b = claims.tenant ? `/console/tenants/${seg(claims.tenant)}` : '';
  const tenantWork =
    claims.tenant &&
    ['window-clerk', 'approver', 'tenant-admin', 'inspector', 'supervisor'].some((r) => roles.has(r))
      ? api.send<Workbench>('GET', `/v1/tenants/${seg(claims.tenant)}/workbench`)
      : undefined;
  const rollouts =
    roles.has('city-admin') && claims.city
      ? api.send<{ items: Rollout[] }>('GET', `/v1/cities/${seg(claims.city)}/rollouts`)
      : undefined;
  const [work, cityRollouts] = await Promise.all([
    tenantWork,
    rollouts,
    namesOf(c).tenant(claims.tenant),
    namesOf(c).city(claims.city),
  ]);
  const w = work?.ok ? work.data : undefined;
  const sections: { title: string; counts: Count[] }[] = [];
  if (w && roles.has('window-clerk')) {
    const today = beijingDate(c.get('options').now?.() ?? new Date());
    sections.push({
      title: t.work.bench.clerk,
      counts: [
        {
          label: t.work.bench.receivedToday,
          n: w.receivedToday,
          href: `${b}/search${qs({ from: today, to: today })}`,
        },
        {
          label: t.work.bench.needsCorrection,
          n: w.statuses['needs-correction'] ?? 0,
          href: `${b}/cases?status=needs-correction`,
        },
        {
          label: t.work.bench.toIssue,
          n: (w.statuses.approved ?? 0) + (w.statuses.denied ?? 0),
          href: `${b}/issuance`,
        },
      ],
    });
  }
  if (w && roles.has('approver') && claims.body) {
    const mine = w.waiting[claims.body] ?? { red: 0, yellow: 0, green: 0 };
    sections.push({
      title: `${t.work.bench.approver} · ${namesOf(c)(claims.body)}`,
      counts: (['red', 'yellow', 'green'] as const).map((colour) => ({
        label: label(t, 'clock', colour),
        n: mine[colour],
        href: `${b}/queue?clock=${colour}`,
        colour,
      })),
    });
  }
  if (w && (roles.has('tenant-admin') || roles.has('inspector'))) {
    sections.push({
      title: t.work.bench.admin,
      counts: [
        { label: t.work.bench.overdue, n: w.colours.red, href: `${b}/board`, colour: 'red' },
        { label: t.work.bench.rectifications, n: w.rectificationsOpen, href: `${b}/rectifications` },
        { label: t.work.bench.pushesToSign, n: w.pushesToSign, href: `${b}/supervision` },
      ],
    });
  }
  if (w && roles.has('supervisor') && claims.body) {
    sections.push({
      title: `${t.work.bench.supervisor} · ${namesOf(c)(claims.body)}`,
      counts: [
        {
          label: t.work.bench.pushesToSign,
          n: w.pushesToSignByBody[claims.body] ?? 0,
          href: `${b}/supervision`,
        },
      ],
    });
  }
  if (cityRollouts?.ok && claims.city) {
    const city = claims.city;
    const active = cityRollouts.data.items.filter((r) =>
      ['draft', 'scheduled', 'applying'].includes(r.status),
    );
    // A draft's preview (read-only) names the tenants a blocker keeps from taking its matters (R11).
    const previews = await Promise.all(
      active
        .filter((r) => r.status === 'draft')
        .map((r) =>
          api.send<RolloutPreview>('POST', `/v1/cities/${seg(city)}/rollouts/${seg(r.id)}/preview`),
        ),
    );
    const blocked = new Set(
      previews
        .flatMap((p) => (p.ok ? p.data.tenants.filter((x) => x.blockers.length > 0) : []))
        .map((x) => x.tenant),
    );
    sections.push({
      title: t.work.bench.city,
      counts: [
        {
          label: t.work.bench.rolloutsActive,
          n: active.length,
          href: `/console/cities/${seg(city)}/rollouts`,
        },
        {
          label: t.work.bench.blockedTenants,
          n: blocked.size,
          href: `/console/cities/${seg(city)}/rollouts`,
          ...(blocked.size > 0 ? { colour: 'red' } : {}),
        },
      ],
    });
  }
  return sections;
}

/** The start page (工作台): who you are, the work waiting for each role, and the areas you work in. */
export function homeRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console', async (c) => {
    const t = c.get('t');
    const { claims } = sessionOf(c);
    const areas = navFor(claims, t).filter((n) => n.href !== '/console');
    const [sections, notes] = await Promise.all([roleCounts(c), myNotifications(c)]);
    const name = namesOf(c);
    return page(
      c,
      t.home.title,
      <>
        <h1>{t.home.title}</h1>
        <div class="card">
          <dl class="facts">
            <dt>{t.home.user}</dt>
            <dd>{claims.name ?? claims.sub}</dd>
            <dt>{t.home.roles}</dt>
            <dd>{roleNames(t, claims.roles) || t.home.noRoles}</dd>
            <dt>{t.home.scope}</dt>
            <dd>
              {[
                claims.city && name(claims.city),
                claims.tenant && name(claims.tenant),
                claims.body && name(claims.body),
              ]
                .filter(Boolean)
                .join(' · ') || t.home.platform}
            </dd>
          </dl>
        </div>
        <Notifications c={c} items={notes} />
        {/* AB角: a clerk or approver marks their own absence; a B sees whom they cover. */}
        {claims.tenant && (claims.roles.includes('window-clerk') || claims.roles.includes('approver')) && (
          <MyAbsences c={c} tenant={claims.tenant} sub={claims.sub} />
        )}
        {sections.map((s, i) => (
          <Counts title={s.title} counts={s.counts} n={i} />
        ))}
        <h2>{t.home.areas}</h2>
        <ul class="grid" aria-label={t.home.areas}>
          {areas.map((a) => (
            <li class="card">
              <a href={a.href}>{a.label}</a>
            </li>
          ))}
        </ul>
      </>,
    );
  });
  return app;
}
