import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessRecordOf,
  maskContact,
  maskIdNumber,
  maskPhone,
  publicAccessOf,
} from '../../packages/domain/src/privacy';

describe('masking (GB/T 35273 de-identified display)', () => {
  it('shows an identity number as its first 4 and last 4 characters, hiding county and birth date', () => {
    expect(maskIdNumber('320115199003071234')).toBe('3201**********1234');
    expect(maskIdNumber('320115199003071234')).not.toContain('19900307');
  });

  it('shows a mobile number as 138****5678 and a shorter one by its last 4 only', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('02584123456')).toBe('025****3456');
    expect(maskPhone('84123456')).toBe('****3456');
    expect(maskPhone('1234')).toBe('****');
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 30 }), (value) => {
        const masked = maskPhone(value);
        const head = value.length >= 11 ? 3 : 0;
        return (
          masked.length === value.length &&
          masked.slice(0, head) === value.slice(0, head) &&
          masked.slice(-4) === value.slice(-4) &&
          /^\*+$/.test(masked.slice(head, -4))
        );
      }),
    );
  });

  it('masks the numbers of a contact and keeps the rest', () => {
    expect(maskContact({ kind: 'person', name: '李明', idNumber: '320115199003071234' })).toEqual({
      kind: 'person',
      name: '李明',
      idNumber: '3201**********1234',
    });
    expect(maskContact({ name: '王芳', idNumber: '320115199003071234', phone: '13812345678' })).toEqual({
      name: '王芳',
      idNumber: '3201**********1234',
      phone: '138****5678',
    });
  });
});

describe('access records', () => {
  const at = '2024-09-02T01:00:00.000Z';
  const target = { tenant: 'nanjing.jiangning.dongshan', caseNo: 'x' };

  it('names the body and handling role of the staff member, and the applicant sees neither name nor id', () => {
    const r = accessRecordOf(
      { sub: 'wang.li', roles: ['approver'], tenant: target.tenant, body: `${target.tenant}/centre` },
      target,
      '核对申请人身份',
      at,
    );
    expect(r).toMatchObject({
      sub: 'wang.li',
      body: `${target.tenant}/centre`,
      role: 'approver',
      what: 'applicant',
    });
    expect(publicAccessOf(r)).toEqual({
      at,
      body: `${target.tenant}/centre`,
      role: 'approver',
      purpose: '核对申请人身份',
    });
    expect(JSON.stringify(publicAccessOf(r))).not.toContain('wang.li');
  });

  it('names a window clerk by their tenant, which names no body', () => {
    const r = accessRecordOf(
      { sub: 'c1', roles: ['tenant-admin', 'window-clerk'], tenant: target.tenant },
      target,
      '电话回访',
      at,
    );
    expect(r).toMatchObject({ body: target.tenant, role: 'window-clerk' });
  });
});
