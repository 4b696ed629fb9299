import { randomBytes } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { createSigner, platformManifestSigner } from '../../packages/app/src';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_YEARS_BY_TYPE,
  archiveCustodianOf,
  archiveYearsOf,
  buildManifest,
  bytesEntryOf,
  type CaseState,
  canonicalJson,
  checkArchiveYears,
  closedChainOf,
  DomainError,
  isArchiveEntryName,
  isRetained,
  type MaterialFile,
  manifestSignedText,
  materialEntryName,
  materialEntryOf,
  retainUntilOf,
  type SignedManifest,
  signManifest,
  verifyManifest,
} from '../../packages/domain/src';
import { closedCases, type StreamRecordLike } from '../../packages/store/src';

/** A closed case, as much of it as the manifest reads. */
const closed = (over: Partial<CaseState> = {}): CaseState =>
  ({
    caseNo: 'xian.yanliang.dongshan-20260302-0001',
    tenant: 'xian.yanliang.dongshan',
    matter: 'food-licence',
    matterName: '食品经营许可',
    matterType: 'licence',
    applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    status: 'issued',
    receivedAt: '2026-03-02T01:00:00.000Z',
    closedAt: '2026-03-20T06:30:00.000Z',
    body: 'xian.yanliang.dongshan/centre',
    binding: { body: 'xian.yanliang/market', supervisingBody: 'xian.yanliang/market', seal: 's' },
    decision: { outcome: 'approve', at: '2026-03-19T02:00:00.000Z', by: 'a' },
    ...over,
  }) as unknown as CaseState;

const file: MaterialFile = {
  id: 'f1a2b3',
  tenant: 'xian.yanliang.dongshan',
  caseNo: 'xian.yanliang.dongshan-20260302-0001',
  code: 'id-card',
  version: 2,
  key: 'tenants/xian.yanliang.dongshan/cases/xian.yanliang.dongshan-20260302-0001/materials/id-card/f1a2b3',
  objectVersion: 'v2',
  name: '身份证 正面.pdf',
  size: 1234,
  type: 'application/pdf',
  sha256: 'a'.repeat(64),
  sm3: 'b'.repeat(64),
  scan: 'clean',
  channel: 'online',
  uploadedBy: 'applicant',
  uploadedAt: '2026-03-02T02:00:00.000Z',
};

const manifestOf = (state = closed()) =>
  buildManifest({
    state,
    entries: [
      bytesEntryOf('result.json', 'result', 'application/json', new TextEncoder().encode('{"a":1}')),
      bytesEntryOf('events.json', 'events', 'application/json', new TextEncoder().encode('[]')),
      materialEntryOf(file),
    ],
    chain: { head: 'c'.repeat(64), events: 9 },
    retentionYears: 30,
    retainUntil: retainUntilOf('2026-03-20T06:30:00.000Z', 30),
    createdAt: '2026-03-20T06:30:05.000Z',
  });

describe('retention per matter type (档案保管期限)', () => {
  it('keeps licences, confirmations and rulings 30 years, the rest 10, and a matter may set its own', () => {
    expect(ARCHIVE_YEARS_BY_TYPE.licence).toBe(30);
    expect(ARCHIVE_YEARS_BY_TYPE.confirmation).toBe(30);
    expect(ARCHIVE_YEARS_BY_TYPE.ruling).toBe(30);
    expect(ARCHIVE_YEARS_BY_TYPE.filing).toBe(10);
    expect(ARCHIVE_YEARS_BY_TYPE['public-service']).toBe(10);
    expect(archiveYearsOf({ type: 'licence' })).toBe(30);
    expect(archiveYearsOf({ type: 'licence', archiveYears: 100 })).toBe(100);
    expect(archiveYearsOf({ type: 'payment', archiveYears: 15 })).toBe(15);
    expect(archiveYearsOf({})).toBe(10);
  });

  it('ends retention the same instant years later; a leap day rolls forward, never back', () => {
    expect(retainUntilOf('2026-03-20T06:30:00.000Z', 30)).toBe('2056-03-20T06:30:00.000Z');
    expect(retainUntilOf('2028-02-29T12:00:00.000Z', 10)).toBe('2038-03-01T12:00:00.000Z');
    expect(retainUntilOf('2026-03-20T14:30:00+08:00', 10)).toBe('2036-03-20T06:30:00.000Z');
    expect(isRetained('2036-03-20T06:30:00.000Z', '2036-03-20T06:29:59.999Z')).toBe(true);
    expect(isRetained('2036-03-20T06:30:00.000Z', '2036-03-20T06:30:00.000Z')).toBe(false);
  });

  it('takes 1 to 100 whole years, naming the field otherwise', () => {
    expect(() => checkArchiveYears(1)).not.toThrow();
    expect(() => checkArchiveYears(100)).not.toThrow();
    for (const bad of [0, 101, 2.5]) {
      const error = (() => {
        try {
          checkArchiveYears(bad);
        } catch (e) {
          return e;
        }
      })() as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.field).toBe('archiveYears');
    }
  });
});

describe('the custodian (R5)', () => {
  it('is the approving body bound at acceptance, in its own tenant', () => {
    expect(archiveCustodianOf(closed())).toEqual({ body: 'xian.yanliang/market', tenant: 'xian.yanliang' });
  });

  it('is the centre where the centre approved (after the empowerment)', () => {
    const state = closed({
      binding: { body: 'xian.yanliang.dongshan/centre', supervisingBody: 'xian.yanliang/market' } as never,
    });
    expect(archiveCustodianOf(state)).toEqual({
      body: 'xian.yanliang.dongshan/centre',
      tenant: 'xian.yanliang.dongshan',
    });
  });

  it('is the receiving tenant for a case closed before any body was bound or expected', () => {
    const { binding: _b, body: _body, ...rest } = closed({ status: 'rejected' });
    expect(archiveCustodianOf(rest as CaseState)).toEqual({ tenant: 'xian.yanliang.dongshan' });
  });
});

describe('the manifest', () => {
  it('records the case with the applicant masked, the custodian, the chain head and every entry', () => {
    const m = manifestOf();
    expect(m.format).toBe(ARCHIVE_FORMAT);
    expect(m.id).toBe('xian.yanliang.dongshan-20260302-0001');
    expect(m.case.applicant.idNumber).not.toContain('19491231');
    expect(m.case.applicant.name).toBe('张三');
    expect(m.case).toMatchObject({
      status: 'issued',
      outcome: 'approve',
      closedAt: '2026-03-20T06:30:00.000Z',
    });
    expect(m.custodian.tenant).toBe('xian.yanliang');
    expect(m.chain).toEqual({ head: 'c'.repeat(64), events: 9 });
    expect(m.entries.map((e) => e.name)).toEqual([
      'result.json',
      'events.json',
      'material.id-card.v2.f1a2b3.pdf',
    ]);
    expect(m.entries[0]).toMatchObject({ size: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // SM3 of '{"a":1}' differs from its SHA-256: both digests are taken.
    expect(m.entries[0]?.sm3).not.toBe(m.entries[0]?.sha256);
    expect(m.entries[2]?.material).toMatchObject({
      code: 'id-card',
      version: 2,
      fileName: '身份证 正面.pdf',
    });
    expect(m.retainUntil).toBe('2056-03-20T06:30:00.000Z');
  });

  it('names entries with one safe path segment, never the uploaded name', () => {
    expect(materialEntryName({ ...file, id: 'a/b c', type: 'image/jpeg' })).toBe(
      'material.id-card.v2.a-b-c.jpg',
    );
    expect(isArchiveEntryName('material.id-card.v2.f1a2b3.pdf')).toBe(true);
    expect(isArchiveEntryName('../etc')).toBe(false);
    expect(isArchiveEntryName('a/b')).toBe(false);
    const twice = () =>
      buildManifest({
        state: closed(),
        entries: [materialEntryOf(file), materialEntryOf(file)],
        chain: { head: '', events: 0 },
        retentionYears: 10,
        retainUntil: '2036-03-20T06:30:00.000Z',
        createdAt: '2026-03-20T06:30:05.000Z',
      });
    expect(twice).toThrow(/twice/);
  });

  it('refuses a case that is not closed', () => {
    expect(() => manifestOf(closed({ status: 'accepted' }))).toThrow(/not closed/);
  });

  it('is signed over its canonical form: key order and a JSON round trip change nothing', () => {
    const m = manifestOf();
    const text = manifestSignedText(m);
    // Every object's keys in reverse order, at every level.
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(m) as typeof m;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(m));
    expect(manifestSignedText(reordered)).toBe(text);
    expect(text).toBe(canonicalJson(JSON.parse(text)));
    expect(text).not.toMatch(/\s"|":\s/);
  });

  it('verifies with the platform key published at /v1/public/keys, and fails on any change', () => {
    const signer = createSigner(randomBytes(32));
    const published = { keyId: signer.keyId, alg: 'Ed25519', spki: signer.publicKey };
    const signed = signManifest(manifestOf(), platformManifestSigner(signer));
    expect(signed.signature).toMatchObject({ alg: 'Ed25519', keyId: signer.keyId });
    expect(verifyManifest(signed, published)).toBe(true);
    // As a reader gets it: manifest.json parsed back.
    expect(verifyManifest(JSON.parse(canonicalJson(signed)) as SignedManifest, published)).toBe(true);

    const entries = signed.manifest.entries.map((e, i) => (i === 2 ? { ...e, sha256: 'd'.repeat(64) } : e));
    expect(verifyManifest({ ...signed, manifest: { ...signed.manifest, entries } }, published)).toBe(false);
    expect(
      verifyManifest(
        { ...signed, manifest: { ...signed.manifest, retainUntil: '2027-01-01T00:00:00.000Z' } },
        published,
      ),
    ).toBe(false);
    const other = createSigner(randomBytes(32));
    expect(verifyManifest(signed, { keyId: signer.keyId, alg: 'Ed25519', spki: other.publicKey })).toBe(
      false,
    );
    expect(verifyManifest(signed, { ...published, keyId: other.keyId })).toBe(false);
  });
});

describe('the chain as closed', () => {
  const ev = (seq: number, type: string, extra: object = {}) => ({ seq, type, hash: `h${seq}`, ...extra });

  it('ends at the closing event, so a rating after closing does not change the package', () => {
    const events = [ev(1, 'received'), ev(2, 'accepted'), ev(3, 'decided'), ev(4, 'issued'), ev(5, 'rated')];
    expect(closedChainOf(events)).toEqual({ events: events.slice(0, 4), head: 'h4' });
  });

  it('knows rejections, withdrawals and a lapse that terminated the case', () => {
    expect(closedChainOf([ev(1, 'received'), ev(2, 'rejected'), ev(3, 'rated')]).head).toBe('h2');
    expect(closedChainOf([ev(1, 'received'), ev(2, 'withdrawn')]).head).toBe('h2');
    const lapses = [
      ev(1, 'received'),
      ev(2, 'deficiency-lapsed'),
      ev(3, 'deficiency-lapsed', { terminated: true }),
    ];
    expect(closedChainOf(lapses).head).toBe('h3');
  });
});

describe('closed cases on the stream', () => {
  const record = (eventName: string, status: string, before?: string): StreamRecordLike => ({
    eventName,
    dynamodb: {
      NewImage: marshall({
        pk: 'T#t.a#CASE#t.a-20260302-0001',
        sk: 'CASE',
        entity: 'case',
        status,
        state: { tenant: 't.a', caseNo: 't.a-20260302-0001', status },
      }),
      ...(before
        ? {
            OldImage: marshall({
              pk: 'T#t.a#CASE#t.a-20260302-0001',
              sk: 'CASE',
              entity: 'case',
              status: before,
              state: { tenant: 't.a', caseNo: 't.a-20260302-0001', status: before },
            }),
          }
        : {}),
    },
  });

  it('sees a projection turn closed, once: not a later write on a closed case, not an open one', () => {
    const c = { tenant: 't.a', caseNo: 't.a-20260302-0001' };
    expect(closedCases([record('MODIFY', 'issued', 'approved')])).toEqual([c]);
    expect(closedCases([record('MODIFY', 'rejected', 'received')])).toEqual([c]);
    expect(closedCases([record('MODIFY', 'withdrawn', 'accepted')])).toEqual([c]);
    expect(closedCases([record('MODIFY', 'terminated', 'accepted-with-deficiency')])).toEqual([c]);
    expect(closedCases([record('INSERT', 'rejected')])).toEqual([c]);
    expect(closedCases([record('MODIFY', 'issued', 'issued')])).toEqual([]);
    expect(closedCases([record('MODIFY', 'approved', 'accepted')])).toEqual([]);
    expect(closedCases([record('REMOVE', 'issued', 'approved')])).toEqual([]);
  });
});
