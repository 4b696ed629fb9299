import type { Messages } from '../i18n';
import type { Claims } from '../session';

export interface NavItem {
  readonly href: string;
  readonly label: string;
  /** Other paths under which this entry is the current one (an approver's case pages are their queue's). */
  readonly also?: readonly string[];
}

/** The menu a user sees: one entry per area their roles work in, scoped by their token's city or tenant. */
export function navFor(claims: Claims | undefined, t: Messages): NavItem[] {
  const items: NavItem[] = [];
  if (!claims) return [{ href: '/console/public', label: t.nav.public }];
  const roles = new Set(claims.roles);
  items.push({ href: '/console', label: t.nav.home });
  if (roles.has('platform-admin')) items.push({ href: '/console/cities', label: t.nav.cities });
  if (roles.has('city-admin') && claims.city) {
    const c = `/console/cities/${claims.city}`;
    items.push(
      { href: `${c}/tenants`, label: t.nav.tenants },
      { href: `${c}/catalogue`, label: t.nav.catalogue },
      { href: `${c}/rollouts`, label: t.nav.rollouts },
      { href: `${c}/evaluation`, label: t.nav.evaluation },
      { href: `${c}/rectifications`, label: t.rectify.nav },
      { href: `${c}/assessment`, label: t.assess.city.nav },
    );
  }
  const tenant = claims.tenant;
  if (tenant) {
    const b = `/console/tenants/${tenant}`;
    if (roles.has('tenant-admin')) {
      items.push(
        { href: `${b}/bodies`, label: t.nav.bodies },
        { href: `${b}/staff`, label: t.nav.staff },
        { href: `${b}/seals`, label: t.nav.seals },
        { href: `${b}/calendar`, label: t.nav.calendar },
        { href: `${b}/matters`, label: t.nav.matters },
        { href: `${b}/handovers`, label: t.nav.handovers },
        { href: `${b}/trainings`, label: t.readiness.nav },
        { href: `${b}/window-authorisations`, label: t.nav.windowAuth },
        { href: `${b}/board`, label: t.nav.board },
        { href: `${b}/cards`, label: t.cards.nav },
        { href: `${b}/assessment`, label: t.assess.nav },
        { href: `${b}/fees`, label: t.nav.fees },
        { href: `${b}/rectifications`, label: t.nav.rectifications },
        { href: `${b}/archive`, label: t.archive.title },
      );
    }
    const cases = [`${b}/cases`];
    if (roles.has('window-clerk')) {
      items.push(
        { href: `${b}/intake`, label: t.nav.intake },
        { href: `${b}/cases`, label: t.nav.cases },
        { href: `${b}/issuance`, label: t.nav.issuance },
      );
    }
    if (roles.has('approver')) items.push({ href: `${b}/queue`, label: t.nav.queue, also: cases });
    // The cards of the tenant: an approver's body contests its own.
    if (roles.has('approver') && !roles.has('tenant-admin'))
      items.push({ href: `${b}/cards`, label: t.cards.nav });
    if (roles.has('supervisor'))
      items.push({ href: `${b}/supervision`, label: t.nav.supervision, also: cases });
    if (roles.has('inspector') && !roles.has('tenant-admin')) {
      items.push(
        { href: `${b}/board`, label: t.nav.board },
        { href: `${b}/cards`, label: t.cards.nav },
        { href: `${b}/assessment`, label: t.assess.nav },
        { href: `${b}/fees`, label: t.nav.fees },
        { href: `${b}/handovers`, label: t.nav.handovers },
      );
    }
    // 办件查询: everyone who works on the tenant's cases; a case opened from it stays under the case menu.
    if (['tenant-admin', 'window-clerk', 'approver', 'supervisor', 'inspector'].some((r) => roles.has(r)))
      items.push({ href: `${b}/search`, label: t.work.search.title, also: cases });
  }
  items.push({ href: '/console/public', label: t.nav.public });
  return items;
}
