import { addWorkingDays } from '../calendar';
import { DomainError, invalid } from '../errors';
import { acceptance, accepted, checkCommitment, intake, keptCommitment, tick } from './acceptance';
import { provisionalCalendar } from './clock';
import type { CaseCommand } from './commands';
import type { CaseEvent } from './events';
import { ratingDetails } from './evolve';
import { type DecideContext, type Draft, notice, refuse, requireRole } from './guards';
import { countersign, overrideCountersign } from './joint';
import { levelOpinion } from './levels';
import {
  EXTENSION_DAYS,
  RATED_OBJECTS,
  RATING_CHANNELS,
  RATING_LEVELS,
  RATING_REASONS,
  RECTIFICATION_DAYS,
  STEP_DAYS,
} from './limits';
import { notifyCorrection, requireWithinNotice } from './notices';
import {
  feesDue,
  guardOf,
  openGuidanceRequest,
  requireOpen,
  requireStepFinisher,
  windowAuthorityOf,
} from './preconditions';
import { providedBy } from './provided';
import { decideRectification } from './rectification';
import { type CaseState, EXCLUDED_STEP_KINDS, type ExtensionApprover, type ProvidedFile } from './types';

export type { DecideContext } from './guards';

/** R16: a chief representative's decision names the authorisation it was taken under. */
function decidedUnder(state: CaseState, actor: DecideContext['actor']) {
  const w = windowAuthorityOf(state, actor);
  return w ? { authorisation: { id: w.id, docNo: w.docNo, body: w.body } } : {};
}

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
  // A finish names its step: the step is looked up first, then the same check runs on it alone.
  if (command.type !== 'finish-step') guardOf(command.type)(state, ctx);
  switch (command.type) {
    case 'supplement': {
      const fresh: string[] = [];
      const files: ProvidedFile[] = [];
      for (const [index, given] of command.materials.entries()) {
        const { code } = given;
        const m = state.materials.find((x) => x.code === code);
        if (!m)
          throw invalid(
            `materials.${index}.code`,
            `事项没有材料“${code}”`,
            `the matter has no material '${code}'`,
          );
        const by = providedBy(given, index, state, state.paperOriginals, command.scannerless);
        if (by === false)
          throw invalid(
            `materials.${index}`,
            '请写明提供方式：纸质原件（original: paper）或电子文件（files）',
            "say how it is provided: original: 'paper' or files",
          );
        // Files replace the material's files (a new version is a new file); the same set again is no news.
        const same = by && m.files?.map((f) => f.id).join() === by.map((f) => f.id).join();
        if (fresh.includes(code) || (m.provided && (!by || same))) continue;
        fresh.push(code);
        if (by) files.push(...by);
      }
      if (fresh.length === 0)
        throw refuse('这些材料均已提交', 'all of these materials were already provided');
      const events: Draft[] = [
        { type: 'supplemented', materials: fresh, ...(files.length ? { files } : {}) },
      ];
      const materials = state.materials.map((m) => (fresh.includes(m.code) ? { ...m, provided: true } : m));
      if (state.status === 'needs-correction') {
        if (command.commitment) checkCommitment(command.commitment, materials, today);
        // The commitment signed at intake still holds unless the applicant signs a new one.
        const verdict = acceptance({ materials }, command.commitment ?? keptCommitment(state, materials));
        if (verdict.ok && verdict.deficiency)
          requireWithinNotice(state, verdict.deficiency.materials, command.commitment);
        if (verdict.ok) events.push(accepted(command.binding, now, false, verdict.deficiency));
      } else if (state.deficiency?.materials.every((c) => materials.find((m) => m.code === c)?.provided)) {
        events.push({ type: 'deficiency-cleared' });
      }
      return events;
    }
    case 'accept': {
      const verdict = acceptance(state, keptCommitment(state, state.materials));
      // The precondition refused missing materials already.
      return [accepted(command.binding, now, false, verdict.ok ? verdict.deficiency : undefined)];
    }
    case 'reject': {
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
      return [{ type: 'withdrawn', reason: command.reason }];
    case 'notify-correction':
      return notifyCorrection(state, command, ctx);
    case 'start-step': {
      // API.md's spelling of a request for guidance (R6): a step the department finishes with its
      // opinion. It is advice: `decide` never waits for it.
      const guidedBy = state.binding?.guidedBy;
      if (command.kind === 'guidance-review' && !guidedBy) {
        throw refuse(
          '该办件不是在指导过渡期内受理的，没有原部门指导',
          'the case was not accepted during a guided transition; no department guides it',
        );
      }
      const joint = command.kind === 'joint-review';
      // A joint review names the bodies that countersign; the lead (the case's body) is not one.
      const named = [...new Set(command.bodies ?? [])].filter((b) => !joint || b !== state.body);
      if (joint && named.length === 0)
        throw invalid('bodies', '请指定参与会签的部门', 'name the bodies that countersign');
      const bodies =
        command.kind === 'guidance-review' && guidedBy
          ? [guidedBy]
          : named.length
            ? named
            : [state.body ?? ''];
      const { min, max, defaults } = STEP_DAYS;
      if (
        command.days !== undefined &&
        (!Number.isInteger(command.days) || command.days < min || command.days > max)
      )
        throw invalid(
          'days',
          `环节时限应为 ${min}–${max} 个工作日`,
          `a step's limit is ${min}–${max} working days`,
        );
      const stepId = `s${state.steps.length + 1}`;
      const excluded = EXCLUDED_STEP_KINDS.includes(command.kind);
      return [
        {
          type: 'step-started',
          stepId,
          kind: command.kind,
          bodies,
          // The limit in force when the step started, the default included: a later table changes no case.
          days: command.days ?? defaults[command.kind],
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
      requireOpen(state);
      const step = state.steps.find((s) => s.id === command.stepId);
      if (!step) throw invalid('stepId', `没有环节“${command.stepId}”`, `no step '${command.stepId}'`);
      requireStepFinisher(state, step, ctx);
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
    case 'request-guidance':
      return [
        {
          type: 'guidance-requested',
          requestId: `g${(state.guidance?.length ?? 0) + 1}`,
          body: state.binding?.guidedBy ?? '',
          ...(command.question ? { question: command.question } : {}),
        },
      ];
    case 'give-guidance': {
      const open = openGuidanceRequest(state);
      if (command.requestId !== undefined && command.requestId !== open?.id) {
        throw invalid(
          'requestId',
          `没有待答复的征求意见“${command.requestId}”`,
          `no request '${command.requestId}' is awaiting an opinion`,
        );
      }
      if (!command.opinion.trim()) throw invalid('opinion', '请填写指导意见', 'the opinion is empty');
      return [
        {
          type: 'guidance-given',
          requestId: open?.id ?? `g${(state.guidance?.length ?? 0) + 1}`,
          body: state.binding?.guidedBy ?? '',
          opinion: command.opinion,
        },
      ];
    }
    case 'extend': {
      const { min } = EXTENSION_DAYS;
      const gov = state.limits.jointHandling !== undefined;
      const max = gov ? EXTENSION_DAYS.joint : EXTENSION_DAYS.max;
      const approvedBy: ExtensionApprover = {
        id: actor.sub,
        name: actor.name ?? actor.sub,
        as: gov ? 'government-head' : 'head',
      };
      const by = `${gov ? '本级人民政府' : '本机关'}负责人${approvedBy.name}（${actor.sub}）`;
      if (!Number.isInteger(command.days) || command.days < min || command.days > max) {
        throw invalid(
          'days',
          `延长期限应为 ${min}–${max} 个工作日（第四十二条）`,
          `an extension is ${min}–${max} working days (art. 42)`,
        );
      }
      const due = addWorkingDays(today, command.days, calendarFor);
      return [
        {
          type: 'extended',
          days: command.days,
          reason: command.reason,
          approvedBy,
          notice: notice(
            'extension',
            now,
            `书面告知：经${by}批准，办理时限延长${command.days}个工作日。理由：${command.reason}（第四十二条）`,
            `Written notice: approved by ${approvedBy.name} (${actor.sub}), head of the ${gov ? 'government' : 'body'}, the limit is extended by ${command.days} working days (art. 42): ${command.reason}; e.g. until about ${due}.`,
          ),
        },
      ];
    }
    case 'opinion':
      return levelOpinion(state, command);
    case 'countersign':
      return countersign(state, command, ctx, calendarFor);
    case 'countersign-override':
      return overrideCountersign(state, command);
    case 'decide': {
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
          ...(command.amount !== undefined && command.outcome === 'approve'
            ? { amount: command.amount }
            : {}),
          ...(command.outcome === 'deny' ? { appealRights: `${APPEAL_RIGHTS_ZH} ${APPEAL_RIGHTS_EN}` } : {}),
          ...(command.opinion?.trim() ? { opinion: command.opinion.trim() } : {}),
          ...decidedUnder(state, actor),
        },
      ];
    }
    case 'pay':
      return [{ type: 'fee-paid', receiptNo: `${state.caseNo}-R`, amount: feesDue(state) }];
    case 'issue': {
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
    case 'record-finding':
      return [
        {
          type: 'finding-recorded',
          finding: {
            at: now,
            by: actor.sub,
            // The precondition matched it to the supervising body.
            body: actor.body ?? '',
            text: command.text,
            severity: command.severity,
          },
        },
      ];
    case 'rate': {
      const { min, max } = RATING_LEVELS;
      if (!Number.isInteger(command.level) || command.level < min || command.level > max) {
        throw invalid('level', `评价等级应为 ${min}–${max}`, `the rating level is ${min}–${max}`);
      }
      oneOfEach('reasons', command.reasons, RATING_REASONS, '评价原因', 'reason');
      oneOfEach('objects', command.objects, RATED_OBJECTS, '评价对象', 'rated object');
      if (command.channel !== undefined && !RATING_CHANNELS.includes(command.channel))
        throw invalid('channel', '评价渠道无效', `the channel is one of ${RATING_CHANNELS.join(', ')}`);
      const events: Draft[] = [{ type: 'rated', ...ratingDetails(command) }];
      // A default is nobody's complaint: only the applicant's 差评 opens a rectification.
      if (command.level <= 2 && !command.default) {
        const days = command.rectificationDays ?? RECTIFICATION_DAYS.default;
        events.push({ type: 'rectification-opened', dueDate: addWorkingDays(today, days, calendarFor) });
      }
      return events;
    }
    case 'close-rectification':
    case 'record-callback':
    case 'escalate-rectification':
    case 'appeal-rating':
    case 'decide-appeal':
      return decideRectification(state, command, {
        today,
        calendarFor,
        defaultDays: RECTIFICATION_DAYS.default,
      });
    case 'tick':
      return tick(state, command, ctx);
  }
}

/** Each of `values` is one of `allowed`, and none twice. */
function oneOfEach(
  field: string,
  values: readonly string[] | undefined,
  allowed: readonly string[],
  zh: string,
  en: string,
) {
  if (!values) return;
  const unknown = values.find((v) => !allowed.includes(v));
  if (unknown !== undefined) throw invalid(field, `${zh}无效：${unknown}`, `unknown ${en}: ${unknown}`);
  if (new Set(values).size !== values.length) throw invalid(field, `${zh}重复`, `a ${en} is given twice`);
}

const STEP_NAMES_ZH: Record<string, string> = {
  review: '审查',
  'site-inspection': '现场勘验',
  'expert-review': '专家评审',
  hearing: '听证',
  'joint-review': '并联审批（会签）',
};

/**
 * The decider (DESIGN.md decision 2): what happens when `command` meets `state`.
 * Throws `invalid-state` (409) with the reason when the state does not allow it,
 * `forbidden` when the actor may not, `validation` naming the field for bad input.
 */
export function decide(state: CaseState | undefined, command: CaseCommand, ctx: DecideContext): CaseEvent[] {
  return decideEvents(state, command, ctx).map(
    (e) =>
      ({
        ...e,
        at: ctx.now,
        actor: ctx.actor.sub,
        ...(ctx.actor.onBehalfOf ? { onBehalfOf: ctx.actor.onBehalfOf } : {}),
      }) as CaseEvent,
  );
}
