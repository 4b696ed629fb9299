import {
  type AuthorityPeriod,
  checkWindowGrant,
  DomainError,
  type Staff,
  type WindowGrant,
  windowAuthorities,
  windowGrantStatus,
} from '@onewindow/domain';
import { describe, expect, it } from 'vitest';

/** R16 (seed 004): chief representatives act by their department head's written authorisation. */
const T = 'nanjing.jiangning';
const CIVIL = `${T}/civil-affairs`;
const CENTRE = `${T}/approval-bureau`;
const CARD = '200101001000';
const OTHER = '200101002000';

const period = (matter: string, from: string, body: string): AuthorityPeriod => ({
  tenant: T,
  matter,
  from,
  body,
  mode: 'transfer',
  seal: 'seal',
  supervisingBody: CIVIL,
});
/** The card matter is civil affairs' from 2020 until a rollout moves it to the centre on 2026-06-01. */
const PERIODS = [
  period(CARD, '2020-01-01T00:00:00.000Z', CIVIL),
  period(CARD, '2026-06-01T00:00:00.000Z', CENTRE),
  period(OTHER, '2020-01-01T00:00:00.000Z', CENTRE),
];
const periodsOf = (m: string) => PERIODS.filter((p) => p.matter === m);

const HEAD: Staff = {
  tenant: T,
  id: 'civil-head',
  name: '王主任',
  roles: ['approver'],
  body: CIVIL,
  head: true,
};
const APPROVER: Staff = { tenant: T, id: 'civil-1', name: '李科员', roles: ['approver'], body: CIVIL };
const OFFICER: Staff = { tenant: T, id: 'clerk-1', name: '张窗口', roles: ['window-clerk'] };

const DRAFT = {
  id: 'wa-1',
  tenant: T,
  docNo: '江民授〔2026〕1号',
  staff: OFFICER.id,
  body: CIVIL,
  matters: [CARD],
  from: '2026-01-01T00:00:00.000Z',
  until: '2027-01-01T00:00:00.000Z',
  grantedBy: HEAD.id,
};
const GRANT: WindowGrant = { ...DRAFT, recordedBy: HEAD.id, at: '2025-12-30T00:00:00.000Z' };
const NOW = '2026-03-01T00:00:00.000Z';

const errorOf = (f: () => void): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('granting a chief representative authorisation (授权书)', () => {
  it("takes the department head's grant for a window clerk and the department's matters", () => {
    expect(() => checkWindowGrant(DRAFT, HEAD, OFFICER, periodsOf, NOW)).not.toThrow();
  });

  it('forbids anyone but the head of that department', () => {
    expect(errorOf(() => checkWindowGrant(DRAFT, APPROVER, OFFICER, periodsOf, NOW)).type).toBe('forbidden');
    expect(errorOf(() => checkWindowGrant(DRAFT, undefined, OFFICER, periodsOf, NOW)).type).toBe('forbidden');
    const otherHead = { ...HEAD, body: CENTRE };
    expect(errorOf(() => checkWindowGrant(DRAFT, otherHead, OFFICER, periodsOf, NOW)).type).toBe('forbidden');
  });

  it('authorises only a window clerk of the tenant, naming the field', () => {
    const e = errorOf(() => checkWindowGrant(DRAFT, HEAD, APPROVER, periodsOf, NOW));
    expect([e.type, e.field]).toEqual(['validation', 'staff']);
    const elsewhere = { ...OFFICER, tenant: 'nanjing.gulou' };
    expect(errorOf(() => checkWindowGrant(DRAFT, HEAD, elsewhere, periodsOf, NOW)).field).toBe('staff');
  });

  it('refuses a matter the department does not hold at the grant instant, naming the field and the holder', () => {
    const e = errorOf(() =>
      checkWindowGrant({ ...DRAFT, matters: [CARD, OTHER] }, HEAD, OFFICER, periodsOf, NOW),
    );
    expect([e.type, e.field]).toEqual(['validation', 'matters']);
    expect(e.zh).toContain(OTHER);
    expect(e.zh).toContain(CENTRE);
    // After the rollout the card matter is the centre's: civil affairs can no longer grant it.
    const late = errorOf(() => checkWindowGrant(DRAFT, HEAD, OFFICER, periodsOf, '2026-07-01T00:00:00.000Z'));
    expect(late.field).toBe('matters');
    expect(
      errorOf(() => checkWindowGrant({ ...DRAFT, matters: [] }, HEAD, OFFICER, periodsOf, NOW)).field,
    ).toBe('matters');
  });

  it('refuses a validity that ends before it starts', () => {
    const e = errorOf(() => checkWindowGrant({ ...DRAFT, until: DRAFT.from }, HEAD, OFFICER, periodsOf, NOW));
    expect(e.field).toBe('until');
  });
});

describe('what a chief representative may decide', () => {
  it('gives the matter with its department and letter within the validity', () => {
    expect(windowAuthorities([GRANT], periodsOf, NOW)).toEqual([
      { matter: CARD, body: CIVIL, id: 'wa-1', docNo: '江民授〔2026〕1号' },
    ]);
    expect(windowGrantStatus(GRANT, periodsOf, NOW)).toEqual({ state: 'active', lapsed: [] });
  });

  it('gives nothing before the validity starts or once it has ended (until is exclusive)', () => {
    expect(windowAuthorities([GRANT], periodsOf, '2025-12-31T23:59:59.999Z')).toEqual([]);
    expect(windowAuthorities([GRANT], periodsOf, GRANT.until)).toEqual([]);
    expect(windowGrantStatus(GRANT, periodsOf, '2025-12-31T00:00:00.000Z').state).toBe('pending');
    expect(windowGrantStatus(GRANT, periodsOf, GRANT.until).state).toBe('expired');
  });

  it('gives nothing once revoked', () => {
    const revoked = { ...GRANT, revoked: { at: NOW, by: HEAD.id, reason: '岗位调整' } };
    expect(windowAuthorities([revoked], periodsOf, NOW)).toEqual([]);
    expect(windowGrantStatus(revoked, periodsOf, NOW).state).toBe('revoked');
  });

  it('lapses the instant a rollout moves the matter away, with no one editing the grant', () => {
    const before = '2026-05-31T23:59:59.999Z';
    const moved = '2026-06-01T00:00:00.000Z';
    expect(windowAuthorities([GRANT], periodsOf, before)).toHaveLength(1);
    expect(windowAuthorities([GRANT], periodsOf, moved)).toEqual([]);
    expect(windowGrantStatus(GRANT, periodsOf, moved)).toEqual({
      state: 'lapsed',
      lapsed: [{ matter: CARD, holder: CENTRE }],
    });
  });

  it('keeps the matters still held when only some moved', () => {
    const both = { ...GRANT, body: CENTRE, matters: [CARD, OTHER] };
    // Before the move the centre held only OTHER; afterwards both.
    expect(windowAuthorities([both], periodsOf, NOW).map((w) => w.matter)).toEqual([OTHER]);
    expect(windowGrantStatus(both, periodsOf, NOW)).toEqual({
      state: 'active',
      lapsed: [{ matter: CARD, holder: CIVIL }],
    });
    expect(windowAuthorities([both], periodsOf, '2026-07-01T00:00:00.000Z').map((w) => w.matter)).toEqual([
      CARD,
      OTHER,
    ]);
  });
});
