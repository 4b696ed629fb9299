import { describe, expect, it } from 'vitest';
import {
  changeLicenceStatus,
  isLicenceId,
  issuerCodeOf,
  licenceIdOf,
  licenceOf,
  maskedLicence,
  mod3736Check,
  mod3736Valid,
  usccProblem,
} from '../../packages/domain/src';

const result = {
  caseNo: 'nanjing.jiangning.dongshan-20260302-0007',
  tenant: 'nanjing.jiangning.dongshan',
  matter: 'm1',
  matterName: '公共场所卫生许可',
  applicantName: '李明',
  outcome: 'approve' as const,
  decidedAt: '2026-03-02T01:00:00.000Z',
  issuedAt: '2026-03-02T17:00:00.000Z',
  approvingBody: 'nanjing.jiangning.dongshan/convenience-centre',
  seal: {
    id: 'centre-seal',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
    tenant: 'nanjing.jiangning.dongshan',
  },
  keyId: 'k',
};

describe('e-licence identifier (GB/T 36904 layout)', () => {
  it('is the OID arc, a 21-character type code, the issuer code, a dated serial, the version and a MOD 37,36 check', () => {
    const id = licenceIdOf(result);
    const parts = id.split('.');
    expect(parts.slice(0, 5).join('.')).toBe('1.2.156.3005.2');
    const [type, issuer, serial, version, check] = parts.slice(5);
    expect(type).toHaveLength(21);
    expect(issuer).toBe(issuerCodeOf(result.approvingBody));
    expect(type?.startsWith(issuer ?? '-')).toBe(true);
    // The issue date is the Shanghai day: 17:00Z is the next morning there.
    expect(serial?.slice(0, 8)).toBe('20260303');
    expect(version).toBe('001');
    expect(check).toBe(mod3736Check(`${type}${issuer}${serial}${version}`));
    expect(isLicenceId(id)).toBe(true);
  });

  it('gives the issuer a code of the USCC shape that GB 32100 accepts, in a division no real code has', () => {
    const code = issuerCodeOf(result.approvingBody);
    expect(usccProblem(code)).toBeUndefined();
    expect(code.slice(2, 8)).toBe('000000');
  });

  it("names the approving body's USCC as issuer when the result carries one, in the type code too", () => {
    // GB 32100's own sample code shape: a real-looking code with a valid check character.
    const uscc = '91350100M000100Y43';
    expect(usccProblem(uscc)).toBeUndefined();
    const id = licenceIdOf({ ...result, approvingBodyUscc: uscc });
    const [type, issuer] = id.split('.').slice(5);
    expect(issuer).toBe(uscc);
    expect(type?.startsWith(uscc)).toBe(true);
    expect(isLicenceId(id)).toBe(true);
    expect(id).not.toBe(licenceIdOf(result));
  });

  it('names the same licence for the same result and another for another case', () => {
    expect(licenceIdOf(result)).toBe(licenceIdOf({ ...result }));
    expect(licenceIdOf({ ...result, caseNo: `${result.tenant}-20260302-0008` })).not.toBe(
      licenceIdOf(result),
    );
  });

  it('detects every single-character change and every adjacent swap (MOD 37,36)', () => {
    const id = licenceIdOf(result).split('.').slice(5).join('');
    expect(mod3736Valid(id)).toBe(true);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < id.length; i++) {
      for (const ch of alphabet) {
        if (ch === id[i]) continue;
        expect(mod3736Valid(`${id.slice(0, i)}${ch}${id.slice(i + 1)}`)).toBe(false);
      }
      const a = id[i];
      const b = id[i + 1];
      if (b !== undefined && a !== b)
        expect(mod3736Valid(`${id.slice(0, i)}${b}${a}${id.slice(i + 2)}`)).toBe(false);
    }
  });
});

describe('e-licence lifecycle', () => {
  const licence = licenceOf(result, { kind: 'person', name: '李明', idNumber: '11010519491231002X' });

  it('starts valid from the issue date, with no end (长期)', () => {
    expect(licence).toMatchObject({ status: 'valid', validity: { from: '2026-03-03' } });
    expect(licence.validity.until).toBeUndefined();
  });

  it('is revoked or cancelled once, with a reason, and never again', () => {
    const by = { at: '2026-04-01T00:00:00.000Z', by: 'approver-a' };
    expect(() => changeLicenceStatus(licence, 'revoke', { ...by, reason: ' ' })).toThrow(/reason/);
    const revoked = changeLicenceStatus(licence, 'revoke', { ...by, reason: '欺骗取得' });
    expect(revoked).toMatchObject({
      status: 'revoked',
      statusChange: { reason: '欺骗取得', by: 'approver-a' },
    });
    expect(() => changeLicenceStatus(revoked, 'cancel', { ...by, reason: '注销' })).toThrow(/revoked/);
    expect(changeLicenceStatus(licence, 'cancel', { ...by, reason: '注销' }).status).toBe('cancelled');
  });

  it('masks the holder number in lists', () => {
    expect(maskedLicence(licence).holder.idNumber).toBe('1101**********002X');
  });
});
