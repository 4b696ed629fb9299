import { addWorkingDays } from '../calendar';
import { DomainError, invalid } from '../errors';
import { acceptance, accepted, checkCommitment, intake, keptCommitment, tick } from './acceptance';
import { provisionalCalendar } from './clock';
import type { CaseCommand } from './commands';
import type { CaseEvent } from './events';
import {
  type DecideContext,
  type Draft,
  forbid,
  notice,
  refuse,
  requireApproverOf,
  requireBodyOf,
  requireRole,
  requireStatus,
} from './guards';
import { type CaseState, EXCLUDED_STEP_KINDS, IN_BACK_OFFICE, isClosed } from './types';

export type { DecideContext } from './guards';

/** Art. 42: the head of the body may extend the limit once, by up to ten days. */
const MAX_EXTENSION_DAYS = 10;

const APPEAL_RIGHTS_ZH =
  '申请人如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。';
const APPEAL_RIGHTS_EN =
  'The applicant may apply for administrative reconsideration within 60 days, or bring an administrative suit within six months, of receiving this decision.';

function decideEvents(state: CaseState | undefined, command: CaseCommand, ctx: DecideContext): Draft[] {
  const { actor, now, today } = ctx;
  const calendarFor = provisionalCalendar(ctx.calendarFor).calendarFor;
  if (command.type === 'intake') {
    if (state)
      throw new DomainError(
        'conflict',
        `办件编号“${command.caseNo}”已存在`,
        `case '${command.caseNo}' exists`,
      );
    requireRole(actor, ['window-clerk'], '仅窗口人员可以收件', 'only a window clerk can take an application');
    return intake(command, ctx);
  }
  if (!state) throw new DomainError('not-found', '办件不存在', 'no such case');
  if (isClosed(state.status) && !['record-finding', 'rate', 'close-rectification'].includes(command.type)) {
    throw refuse(`办件已办结（${state.status}），不能再办理`, `the case is closed ('${state.status}')`);
  }
  switch (command.type) {
    case 'supplement': {
      requireRole(
        actor,
        ['window-clerk'],
        '仅窗口人员可以接收补正材料',
        'only a window clerk can take supplements',
      );
      const codes = command.materials.map((m) => m.code);
      for (const [index, code] of codes.entries()) {
        const m = state.materials.find((x) => x.code === code);
        if (!m)
          throw invalid(
            `materials.${index}.code`,
            `事项没有材料“${code}”`,
            `the matter has no material '${code}'`,
          );
      }
      const fresh = codes.filter((c) => !state.materials.find((m) => m.code === c)?.provided);
      if (fresh.length === 0)
        throw refuse('这些材料均已提交', 'all of these materials were already provided');
      const events: Draft[] = [{ type: 'supplemented', materials: fresh }];
      const materials = state.materials.map((m) => (fresh.includes(m.code) ? { ...m, provided: true } : m));
      if (state.status === 'needs-correction') {
        if (command.commitment) checkCommitment(command.commitment, materials, today);
        // The commitment signed at intake still holds unless the applicant signs a new one.
        const verdict = acceptance({ materials }, command.commitment ?? keptCommitment(state, materials));
        if (verdict.ok) events.push(accepted(command.binding, now, false, verdict.deficiency));
      } else if (state.deficiency?.materials.every((c) => materials.find((m) => m.code === c)?.provided)) {
        events.push({ type: 'deficiency-cleared' });
      }
      return events;
    }
    case 'accept': {
      requireRole(actor, ['window-clerk'], '仅窗口人员可以受理', 'only a window clerk can accept');
      requireStatus(state, ['received'], '受理', 'accepted');
      if (!state.competent) {
        throw refuse(
          '收件时本租户未承接该事项，只能作出不予受理决定并告知有权机关',
          'the tenant did not hold the matter when the case was received; reject it and name the competent authority',
        );
      }
      const verdict = acceptance(state, keptCommitment(state, state.materials));
      if (!verdict.ok) {
        throw refuse(
          `材料不齐，不能受理：${verdict.missing.map((m) => m.name).join('、')}`,
          `materials are missing: ${verdict.missing.map((m) => m.code).join(', ')}`,
        );
      }
      return [accepted(command.binding, now, false, verdict.deficiency)];
    }
    case 'reject': {
      requireRole(
        actor,
        ['window-clerk'],
        '仅窗口人员可以作出不予受理决定',
        'only a window clerk can reject',
      );
      requireStatus(state, ['received', 'needs-correction'], '不予受理', 'rejected');
      if (!state.competent && !command.competentAuthority) {
        throw invalid(
          'competentAuthority',
          '该事项不属于本机关职权范围，应告知申请人向有关行政机关申请（第三十二条第一款第二项）',
          'the matter is not this tenant’s: name the competent authority (art. 32 (1) 2)',
        );
      }
      return [
        {
          type: 'rejected',
          reason: command.reason,
          ...(command.competentAuthority ? { competentAuthority: command.competentAuthority } : {}),
        },
      ];
    }
    case 'withdraw':
      requireRole(
        actor,
        ['window-clerk'],
        '仅窗口人员可以办理撤回',
        'only a window clerk can record a withdrawal',
      );
      // An application can be withdrawn until the decision on it, not after.
      requireStatus(state, ['received', 'needs-correction', ...IN_BACK_OFFICE], '撤回', 'withdrawn');
      return [{ type: 'withdrawn', reason: command.reason }];
    case 'start-step': {
      requireStatus(state, IN_BACK_OFFICE, '启动办理环节', 'given a step');
      const guidedBy = state.binding?.guidedBy;
      if (command.kind === 'guidance-review' && !guidedBy) {
        throw refuse(
          '该办件不在指导过渡期内，无需原部门指导审核',
          'the case has no guided transition; no guidance review is due',
        );
      }
      requireApproverOf(state, actor, guidedBy ? [guidedBy] : []);
      const bodies =
        command.kind === 'guidance-review' && guidedBy
          ? [guidedBy]
          : command.bodies?.length
            ? [...new Set(command.bodies)]
            : [state.body ?? ''];
      const stepId = `s${state.steps.length + 1}`;
      const excluded = EXCLUDED_STEP_KINDS.includes(command.kind);
      return [
        {
          type: 'step-started',
          stepId,
          kind: command.kind,
          bodies,
          ...(excluded
            ? {
                notice: notice(
                  'clock-excluded',
                  now,
                  `书面告知：本件进入${STEP_NAMES_ZH[command.kind]}程序，所需时间不计入办理时限（《行政许可法》第四十五条）。`,
                  `Written notice: the case enters ${command.kind}; its time does not count against the limit (art. 45).`,
                ),
              }
            : {}),
        },
      ];
    }
    case 'finish-step': {
      const step = state.steps.find((s) => s.id === command.stepId);
      if (!step) throw invalid('stepId', `没有环节“${command.stepId}”`, `no step '${command.stepId}'`);
      if (step.finishedAt) throw refuse('该环节已结束', `step '${step.id}' is already finished`);
      // A guidance review is the origin body's to pass (R6), not the handling body's.
      if (step.kind === 'guidance-review') requireBodyOf(actor, step.bodies);
      else requireApproverOf(state, actor, step.bodies);
      return [
        {
          type: 'step-finished',
          stepId: step.id,
          outcome: command.outcome,
          ...(command.note ? { note: command.note } : {}),
          ...(step.excluded
            ? {
                notice: notice(
                  'clock-resumed',
                  now,
                  `书面告知：${STEP_NAMES_ZH[step.kind]}已结束，办理时限恢复计算。`,
                  `Written notice: ${step.kind} is finished; the time limit runs again.`,
                ),
              }
            : {}),
        },
      ];
    }
    case 'extend': {
      requireStatus(state, IN_BACK_OFFICE, '延期', 'extended');
      requireApproverOf(state, actor);
      if (!Number.isInteger(command.days) || command.days < 1 || command.days > MAX_EXTENSION_DAYS) {
        throw invalid(
          'days',
          `延长期限应为 1–${MAX_EXTENSION_DAYS} 个工作日（第四十二条）`,
          `an extension is 1–${MAX_EXTENSION_DAYS} working days (art. 42)`,
        );
      }
      if (state.extension)
        throw refuse('办理时限只能延长一次（第四十二条）', 'the limit can be extended once only (art. 42)');
      const due = addWorkingDays(today, command.days, calendarFor);
      return [
        {
          type: 'extended',
          days: command.days,
          reason: command.reason,
          notice: notice(
            'extension',
            now,
            `书面告知：经本机关负责人批准，办理时限延长${command.days}个工作日。理由：${command.reason}（第四十二条）`,
            `Written notice: the limit is extended by ${command.days} working days (art. 42): ${command.reason}; e.g. until about ${due}.`,
          ),
        },
      ];
    }
    case 'decide': {
      requireStatus(state, IN_BACK_OFFICE, '作出决定', 'decided');
      const windowOfficer =
        state.limits.onTheSpot &&
        actor.roles.includes('window-clerk') &&
        (actor.windowMatters ?? []).includes(state.matter);
      if (!windowOfficer) requireApproverOf(state, actor);
      const open = state.steps.filter((s) => !s.finishedAt);
      if (open.length > 0) {
        throw refuse(
          `尚有未结束的环节：${open.map((s) => s.id).join('、')}`,
          `steps still running: ${open.map((s) => s.id).join(', ')}`,
        );
      }
      const guidedBy = state.binding?.guidedBy;
      if (guidedBy && !state.steps.some((s) => s.kind === 'guidance-review' && s.outcome === 'pass')) {
        throw refuse(
          `过渡期内须经原部门“${guidedBy}”指导审核通过后方可作出决定（R6）`,
          `during the guided transition '${guidedBy}' must pass a guidance review first (R6)`,
        );
      }
      if (command.outcome === 'deny' && !command.reasons?.trim()) {
        throw invalid(
          'reasons',
          '不予许可的决定应当说明理由（第三十八条）',
          'a denial must give its reasons (art. 38)',
        );
      }
      return [
        {
          type: 'decided',
          outcome: command.outcome,
          ...(command.reasons ? { reasons: command.reasons } : {}),
          ...(command.outcome === 'deny' ? { appealRights: `${APPEAL_RIGHTS_ZH} ${APPEAL_RIGHTS_EN}` } : {}),
        },
      ];
    }
    case 'pay': {
      requireRole(actor, ['window-clerk'], '仅窗口人员可以收费', 'only a window clerk can take fees');
      requireStatus(state, ['accepted', 'accepted-with-deficiency', 'approved'], '收费', 'charged');
      const amount = Math.round(state.fees.reduce((sum, f) => sum + f.amount, 0) * 100) / 100;
      if (amount === 0) throw refuse('该事项不收费', 'the matter has no fees');
      if (state.payment)
        throw refuse(
          `已缴费，收据号 ${state.payment.receiptNo}`,
          `already paid: receipt ${state.payment.receiptNo}`,
        );
      return [{ type: 'fee-paid', receiptNo: `${state.caseNo}-R`, amount }];
    }
    case 'issue': {
      requireRole(actor, ['window-clerk'], '仅窗口人员可以出件', 'only a window clerk can issue');
      requireStatus(state, ['approved', 'denied'], '出件', 'issued');
      if (state.status === 'approved' && state.fees.some((f) => f.amount > 0) && !state.payment) {
        throw refuse('尚未缴费，不能出件', 'fees are unpaid; the result cannot be issued');
      }
      // 容缺后补: an approval is handed over once the promised materials are in.
      if (state.status === 'approved' && state.deficiency) {
        throw refuse(
          `容缺材料尚未补齐（${state.deficiency.materials.join('、')}），补齐后方可出件`,
          `the deficient materials (${state.deficiency.materials.join(', ')}) must be supplied before issuance`,
        );
      }
      if (!command.result || !command.signature)
        throw new Error('an issue command carries its signed result');
      return [
        {
          type: 'issued',
          result: { ...command.result, signature: command.signature, delivery: command.delivery },
          supervisingBody: state.binding?.supervisingBody ?? '',
        },
      ];
    }
    case 'record-finding': {
      requireRole(
        actor,
        ['supervisor'],
        '仅监管人员可以登记监管意见',
        'only a supervisor can record findings',
      );
      requireStatus(state, ['issued'], '登记监管意见', 'given a finding');
      if (!state.binding || actor.body !== state.binding.supervisingBody) {
        throw forbid('您所在机构不是该办件的监管部门', 'your body does not supervise this case');
      }
      return [
        {
          type: 'finding-recorded',
          finding: {
            at: now,
            by: actor.sub,
            body: actor.body,
            text: command.text,
            severity: command.severity,
          },
        },
      ];
    }
    case 'rate': {
      requireStatus(state, ['issued'], '评价', 'rated');
      if (!Number.isInteger(command.level) || command.level < 1 || command.level > 5) {
        throw invalid('level', '评价等级应为 1–5', 'the rating level is 1–5');
      }
      if (state.rating) throw refuse('该办件已评价', 'the case has been rated already');
      const events: Draft[] = [
        { type: 'rated', level: command.level, ...(command.comment ? { comment: command.comment } : {}) },
      ];
      if (command.level <= 2) {
        events.push({ type: 'rectification-opened', dueDate: addWorkingDays(today, 5, calendarFor) });
      }
      return events;
    }
    case 'close-rectification': {
      requireRole(
        actor,
        ['tenant-admin', 'city-admin', 'platform-admin'],
        '仅租户管理员可以办结整改',
        'only a tenant administrator can close a rectification',
      );
      if (!state.rectification || state.rectification.closedAt)
        throw refuse('没有待整改事项', 'there is no open rectification');
      return [{ type: 'rectification-closed', response: command.response }];
    }
    case 'tick':
      return tick(state, command, ctx);
  }
}

const STEP_NAMES_ZH: Record<string, string> = {
  review: '审查',
  'site-inspection': '现场勘验',
  'expert-review': '专家评审',
  hearing: '听证',
  'guidance-review': '原部门指导审核',
};

/**
 * The decider (DESIGN.md decision 2): what happens when `command` meets `state`.
 * Throws `invalid-state` (409) with the reason when the state does not allow it,
 * `forbidden` when the actor may not, `validation` naming the field for bad input.
 */
export function decide(state: CaseState | undefined, command: CaseCommand, ctx: DecideContext): CaseEvent[] {
  return decideEvents(state, command, ctx).map(
    (e) => ({ ...e, at: ctx.now, actor: ctx.actor.sub }) as CaseEvent,
  );
}
