import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  type CaseState,
  decide,
  NOTICE_SIGNERS,
  STAFF_ROLES,
} from '../../packages/domain/src';
import {
  ADMIN,
  APPROVER,
  at,
  BINDING,
  CLERK,
  ctx,
  domainError,
  intake,
  MATTER,
  Story,
  SUPERVISOR,
} from '../support/case-fixtures';

/**
 * R19 (一次性告知): the one-time notice is frozen once given. A later notice may repeat it; asking
 * for a material it did not name is refused unless a tenant administrator or a supervisor sends
 * it with their sign-off, recorded in the event (the card it raises: card-triggers.test.ts).
 */
const SUPPLEMENT_BY = '2026-03-20';
const onDesk = (...codes: string[]) =>
  MATTER.materials.map((m) => ({ code: m.code, provided: codes.includes(m.code) }));
/** The form alone was brought: the one-time notice names the licence, the plan and the photo. */
const noticed = () => Story.begin().act(intake({ materials: onDesk('form') }), at('2026-03-02'), CLERK);
const later = (materials: string[], signOff?: { reason: string }) =>
  ({ type: 'notify-correction', materials, ...(signOff ? { signOff } : {}) }) as const;

describe('R19: the one-time notice is frozen once given', () => {
  it('refuses a later notice asking for a material the notice did not name, naming the field, in both languages', () => {
    const error = domainError(() => noticed().try(later(['licence', 'form']), at('2026-03-03'), CLERK));
    expect(error.type).toBe('validation');
    expect(error.field).toBe('materials.1');
    expect(error.zh).toContain('“申请表”不在一次性告知所列材料中');
    expect(error.zh).toContain('签批');
    expect(error.en).toContain("'form' was not on the one-time notice");
    expect(error.en).toContain('signOff');
  });

  it('lets a clerk repeat what the notice named, with no sign-off and nothing beyond it', () => {
    const story = noticed().act(later(['licence']), at('2026-03-03'), CLERK);
    const notice = story.events.at(-1);
    expect(notice).toMatchObject({ type: 'correction-notified', actor: CLERK.sub });
    expect(notice && 'signOff' in notice).toBe(false);
    // Still everything missing, listed again: one list for the applicant.
    expect(story.case.notices.at(-1)?.missing?.map((m) => m.code)).toEqual(['licence', 'plan', 'photo']);
    expect(story.case.notices.at(-1)?.zh).toMatch(/^补正告知/);
  });

  it('takes a later notice beyond the one-time notice when a signer sends it with a sign-off, recorded in the event', () => {
    for (const signer of [ADMIN, SUPERVISOR]) {
      const story = noticed().act(
        later(['form'], { reason: ' 申请表签字页缺失，经核实须重新提交 ' }),
        at('2026-03-04'),
        signer,
      );
      expect(story.events.at(-1)).toMatchObject({
        type: 'correction-notified',
        actor: signer.sub,
        signOff: { reason: '申请表签字页缺失，经核实须重新提交', by: signer.sub, roles: signer.roles },
      });
      // What it asks for is missing again, and on the notice with what was missing already.
      expect(story.case.materials.find((m) => m.code === 'form')?.provided).toBe(false);
      expect(story.case.status).toBe('needs-correction');
      expect(story.case.notices.at(-1)?.missing?.map((m) => m.code)).toEqual([
        'form',
        'licence',
        'plan',
        'photo',
      ]);
      // Once signed off it is on the notice: a clerk may repeat it, and the case is accepted once all is in.
      const after = story.act(later(['form']), at('2026-03-05'), CLERK).act(
        {
          type: 'supplement',
          materials: ['form', 'licence', 'plan', 'photo'].map((code) => ({ code, provided: true as const })),
          binding: BINDING,
        },
        at('2026-03-06'),
        CLERK,
      );
      expect(after.case.status).toBe('accepted');
    }
  });

  it('refuses a sign-off from anyone but a signer, and one without its reason', () => {
    const clerk = domainError(() =>
      noticed().try(later(['form'], { reason: '须重新提交' }), at('2026-03-04'), CLERK),
    );
    expect(clerk.type).toBe('forbidden');
    expect(clerk.zh).toContain('租户管理员或监管人员');
    const blank = domainError(() =>
      noticed().try(later(['form'], { reason: '  ' }), at('2026-03-04'), ADMIN),
    );
    expect([blank.type, blank.field]).toEqual(['validation', 'signOff.reason']);
    // An approver sends no correction notice at all (the precondition).
    expect(domainError(() => noticed().try(later(['licence']), at('2026-03-04'), APPROVER)).type).toBe(
      'forbidden',
    );
    // The signers are staff roles a tenant administrator can give.
    for (const role of NOTICE_SIGNERS) expect(STAFF_ROLES).toContain(role);
  });

  it('takes the first notice of a case received on deferral as the one-time notice, whatever it names', () => {
    const received = Story.begin().act(intake({ defer: true }), at('2026-03-02'), CLERK);
    const story = received.act(later(['plan']), at('2026-03-03'), CLERK);
    expect(story.case.status).toBe('needs-correction');
    expect(story.case.notices[0]?.missing?.map((m) => m.code)).toEqual(['plan']);
    expect(story.case.notices[0]?.zh).toMatch(/^一次性告知/);
    expect(domainError(() => story.try(later(['photo']), at('2026-03-04'), CLERK)).field).toBe('materials.0');
    expect(domainError(() => received.try(later(['nope']), at('2026-03-03'), CLERK)).field).toBe(
      'materials.0',
    );
    expect(domainError(() => received.try(later([]), at('2026-03-03'), CLERK)).field).toBe('materials');
  });

  it('refuses a deficiency at acceptance naming a material beyond the notice (a state from events that came another way)', () => {
    // Normal course: the plan and the photo are on the notice, so they may be committed to at acceptance.
    const fine = noticed().act(
      {
        type: 'supplement',
        materials: [
          { code: 'form', provided: true },
          { code: 'licence', provided: true },
        ],
        commitment: { materials: ['plan', 'photo'], supplementBy: SUPPLEMENT_BY },
        binding: BINDING,
      },
      at('2026-03-03'),
      CLERK,
    );
    expect(fine.case.status).toBe('accepted-with-deficiency');
    // The decider's own events cannot leave a material missing off the notice; one folded from an
    // import can: the photo is missing here though the notice names only the licence.
    const notice: CaseEvent = {
      type: 'correction-notified',
      notice: {
        kind: 'one-time-notice',
        at: at('2026-03-02'),
        zh: '一次性告知',
        en: 'One-time notice',
        missing: [{ code: 'licence', name: '营业执照', core: true }],
      },
      at: at('2026-03-02'),
      actor: CLERK.sub,
    };
    const base = Story.begin().act(
      intake({ materials: onDesk('form', 'plan'), defer: true }),
      at('2026-03-02'),
      CLERK,
    );
    const state: CaseState = { ...base.case, status: 'needs-correction', notices: [notice.notice] };
    const error = domainError(() =>
      decide(
        state,
        {
          type: 'supplement',
          materials: [{ code: 'licence', provided: true }],
          commitment: { materials: ['photo'], supplementBy: SUPPLEMENT_BY },
          binding: BINDING,
        },
        ctx(at('2026-03-03'), CLERK),
      ),
    );
    expect([error.type, error.field]).toEqual(['validation', 'commitment.materials.0']);
    expect(error.zh).toContain('“现场照片”不在一次性告知所列材料中');
  });
});
