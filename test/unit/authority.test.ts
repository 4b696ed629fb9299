import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuthorityPeriod,
  authorityAt,
  periodEnd,
  resolveSeal,
  type Seal,
  sealUsableAt,
  toInstant,
  viewAt,
} from '../../packages/domain/src';

const BASE = Date.parse('2019-01-01T00:00:00Z');
const instantArb = fc
  .integer({ min: 0, max: 10 * 365 * 24 * 60 })
  .map((m) => new Date(BASE + m * 60_000).toISOString());

const period = (from: string, body: string, extra: Partial<AuthorityPeriod> = {}): AuthorityPeriod => ({
  tenant: 'x.a',
  matter: 'm',
  from,
  body,
  mode: 'transfer',
  seal: 's',
  supervisingBody: 'x.a/dept',
  ...extra,
});

/** A matter's history: distinct start instants, each with a body. */
const historyArb = fc
  .uniqueArray(instantArb, { minLength: 1, maxLength: 12 })
  .chain((froms) =>
    fc.tuple(
      fc.constant(froms),
      fc.array(fc.constantFrom('x.a/bureau', 'x.a/dept', 'x.a/centre'), {
        minLength: froms.length,
        maxLength: froms.length,
      }),
    ),
  )
  .map(([froms, bodies]) => froms.map((f, i) => period(f, bodies[i] ?? 'x.a/bureau')));

describe('authorityAt', () => {
  it('answers the latest period that started at or before the instant', () => {
    fc.assert(
      fc.property(historyArb, instantArb, (history, at) => {
        const found = authorityAt(history, at);
        const started = history.filter((p) => p.from <= at);
        if (started.length === 0) return found === undefined;
        return found !== undefined && found.from <= at && started.every((p) => p.from <= found.from);
      }),
    );
  });

  it('never has two periods in force at once: each instant lies in exactly one [from, end)', () => {
    fc.assert(
      fc.property(historyArb, instantArb, (history, at) => {
        const inForce = history.filter((p) => {
          const end = periodEnd(history, p);
          return p.from <= at && (end === undefined || at < end);
        });
        const anyStarted = history.some((p) => p.from <= at);
        return inForce.length === (anyStarted ? 1 : 0) && inForce[0] === authorityAt(history, at);
      }),
    );
  });

  it('a forward-dated move never changes the answer for any instant before it (the past never changes)', () => {
    fc.assert(
      fc.property(historyArb, instantArb, instantArb, (history, moveAt, at) => {
        const last = history.reduce((a, p) => (p.from > a ? p.from : a), '');
        fc.pre(moveAt > last && at < moveAt);
        const moved = [...history, period(moveAt, 'x.a/other')];
        return authorityAt(moved, at) === authorityAt(history, at);
      }),
    );
  });

  it('compares instants with any offset as the same moment', () => {
    const history = [period(toInstant('2020-07-01T00:00:00+08:00'), 'x.a/centre')];
    expect(authorityAt(history, '2020-06-30T16:00:00Z')?.body).toBe('x.a/centre');
    expect(authorityAt(history, '2020-06-30T23:59:59+08:00')).toBeUndefined();
  });
});

describe('viewAt (R6)', () => {
  const p = period('2020-01-01T00:00:00.000Z', 'x.a/bureau', {
    originBody: 'x.a/dept',
    transition: { policy: 'origin-leads', until: '2020-12-31T15:59:59.000Z' },
  });
  it('routes new cases to the origin body while an origin-leads transition runs', () => {
    expect(viewAt(p, '2020-06-01T00:00:00Z')).toMatchObject({
      body: 'x.a/bureau',
      handlingBody: 'x.a/dept',
      transition: { active: true },
    });
  });
  it('applies normal rules after the transition ends', () => {
    const after = viewAt(p, '2021-01-01T00:00:00Z');
    expect(after.handlingBody).toBe('x.a/bureau');
    expect(after.transition).toBeUndefined();
  });
  it('keeps the receiving body handling during a guided transition', () => {
    const guided = { ...p, transition: { policy: 'guided' as const, until: '2020-02-01T00:00:00.000Z' } };
    expect(viewAt(guided, '2020-01-15T00:00:00Z')).toMatchObject({
      handlingBody: 'x.a/bureau',
      transition: { policy: 'guided' },
    });
  });
});

describe('resolveSeal (R3)', () => {
  /** A chain of seals, each voided at a later instant and succeeded by the next. */
  const chainArb = fc.uniqueArray(instantArb, { minLength: 2, maxLength: 6 }).map((instants) => {
    const sorted = [...instants].sort();
    const seals: Seal[] = sorted.map((from, i) => ({
      tenant: 'x.a',
      id: `s${i}`,
      body: 'x.a/bureau',
      name: `章${i}`,
      electronic: false,
      validFrom: sorted[0] ?? from,
      ...(i < sorted.length - 1 ? { voidedAt: sorted[i + 1], successor: `s${i + 1}` } : {}),
    }));
    return new Map(seals.map((s) => [s.id, s]));
  });

  it('never answers a seal that is void at the instant, following successors instead', () => {
    fc.assert(
      fc.property(chainArb, instantArb, (seals, at) => {
        const first = seals.get('s0');
        fc.pre(first !== undefined && at >= first.validFrom);
        const used = resolveSeal(seals, 's0', at);
        return sealUsableAt(used, at) && (used.voidedAt === undefined || at < used.voidedAt);
      }),
    );
  });

  it('refuses to answer when no seal in the chain is usable', () => {
    const seals = new Map<string, Seal>([
      [
        'old',
        {
          tenant: 'x.a',
          id: 'old',
          body: 'x.a/b',
          name: '旧章',
          electronic: false,
          validFrom: '2019-01-01T00:00:00.000Z',
          voidedAt: '2020-01-01T00:00:00.000Z',
        },
      ],
    ]);
    expect(() => resolveSeal(seals, 'old', '2021-01-01T00:00:00.000Z')).toThrow(/no usable seal/);
    expect(resolveSeal(seals, 'old', '2019-06-01T00:00:00.000Z').id).toBe('old');
  });
});
