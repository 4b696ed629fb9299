import { describe, expect, it } from 'vitest';
import { intakeInput } from '../../packages/console/src/pages/cases/intake';
import { matches, pinyinInitials, searchKeys } from '../../packages/console/src/ui/pinyin';

describe('the matter picker (issue 17)', () => {
  it('finds a matter by its pinyin initials, its name, its department or its code', () => {
    expect(pinyinInitials('临时救助金给付')).toBe('lsjzjgf');
    expect(pinyinInitials('食品经营许可')).toBe('spjyxk');
    const keys = searchKeys('临时救助金给付', '040101001000', '江宁区民政局');
    expect(matches(keys, 'lsjz')).toBe(true);
    expect(matches(keys, 'LSJZ')).toBe(true);
    expect(matches(keys, '救助')).toBe(true);
    expect(matches(keys, '民政')).toBe(true);
    expect(matches(keys, '0401')).toBe(true);
    expect(matches(keys, 'spjy')).toBe(false);
    expect(matches(keys, '民政 lsjz')).toBe(true);
  });
});

describe('the complete intake form (issue 17)', () => {
  it('sends the address, the agent, the delivery method and the counts of originals and copies', () => {
    const body = intakeInput(
      {
        matter: 'm1',
        'applicant.kind': 'person',
        'applicant.name': '李明',
        'applicant.idNumber': '320115198501011234',
        'applicant.address': '上元大街 1 号',
        'agent.name': '王芳',
        'agent.idNumber': '320115199001011237',
        'agent.phone': '13987654321',
        delivery: 'post',
        materials: ['form'],
        'originals.form': '1',
        'copies.copy': '2',
        'copies.form': '',
      },
      ['form', 'copy'],
    );
    expect(body).toMatchObject({
      applicant: { address: '上元大街 1 号' },
      agent: { name: '王芳', idNumber: '320115199001011237', phone: '13987654321' },
      delivery: 'post',
      materials: [
        { code: 'form', provided: true, originals: 1 },
        { code: 'copy', provided: false, copies: 2 },
      ],
    });
    expect((body.materials as object[])[0]).not.toHaveProperty('copies');
  });

  it('sends no agent when none is named', () => {
    expect(intakeInput({ matter: 'm1', 'applicant.kind': 'person' }, [])).not.toHaveProperty('agent');
  });

  it('flags the green channel (绿色通道) with its reason only when the box is ticked', () => {
    const ticked = { matter: 'm1', greenChannel: '1', 'greenChannel.reason': '市级重点项目' };
    expect(intakeInput(ticked, [])).toMatchObject({ greenChannel: { reason: '市级重点项目' } });
    expect(intakeInput({ matter: 'm1', 'greenChannel.reason': '市级重点项目' }, [])).not.toHaveProperty(
      'greenChannel',
    );
  });
});
