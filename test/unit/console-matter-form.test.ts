import { describe, expect, it } from 'vitest';
import { matterInput, matterValues } from '../../packages/console/src/pages/city/matter-form';

describe('the single-matter form beside the spreadsheet import (issue 17)', () => {
  it('reads one line an item, material (core ones end with *) and fee', () => {
    const body = matterInput({
      code: 'elder-card',
      name: '老年人优待证办理',
      type: 'public-service',
      legalBasis: '《老年人权益保障法》',
      statutoryDays: '5',
      promisedDays: '0',
      onTheSpot: 'true',
      items: '01 首次申领\n02 补领',
      materials: 'm01 身份证复印件 *\nm02 一寸照片',
      fees: 'gb 工本费 10',
      department: 'civil-affairs',
    });
    expect(body).toEqual({
      name: '老年人优待证办理',
      type: 'public-service',
      legalBasis: '《老年人权益保障法》',
      statutoryDays: 5,
      promisedDays: 0,
      onTheSpot: true,
      items: [
        { code: '01', name: '首次申领' },
        { code: '02', name: '补领' },
      ],
      materials: [
        { code: 'm01', name: '身份证复印件', core: true },
        { code: 'm02', name: '一寸照片', core: false },
      ],
      fees: [{ code: 'gb', name: '工本费', amount: 10 }],
      department: 'civil-affairs',
    });
  });

  it('fills the edit form with the stored matter, which reads back to the same matter', () => {
    const stored = {
      code: 'elder-card',
      name: '老年人优待证办理',
      type: 'public-service' as const,
      legalBasis: '《老年人权益保障法》',
      statutoryDays: 5,
      promisedDays: 0,
      onTheSpot: true,
      items: [{ code: '01', name: '首次申领' }],
      materials: [{ code: 'm01', name: '身份证复印件', core: true }],
      fees: [],
    };
    const { code: _c, ...definition } = stored;
    // biome-ignore lint/suspicious/noExplicitAny: the contract's Matter has fields (city, version) the form does not edit
    expect(matterInput(matterValues(stored as any))).toEqual(definition);
  });

  it('offers 统一/联合/集中办理 (art. 42(2)) and keeps the choice both ways', () => {
    const values = {
      code: 'build',
      name: '建设工程规划许可',
      type: 'licence',
      legalBasis: '《城乡规划法》',
      statutoryDays: '45',
      promisedDays: '30',
      items: '01 新办',
    };
    expect(matterInput({ ...values, jointHandling: 'joint' })).toMatchObject({ jointHandling: 'joint' });
    expect(matterInput({ ...values, jointHandling: '' })).not.toHaveProperty('jointHandling');
    const stored = { ...matterInput({ ...values, jointHandling: 'centralised' }), code: 'build' };
    // biome-ignore lint/suspicious/noExplicitAny: the contract's Matter has fields (city, version) the form does not edit
    expect(matterValues(stored as any).jointHandling).toBe('centralised');
  });
});
