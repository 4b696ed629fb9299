import { addWorkingDays, isDate, shanghaiDate } from '../calendar';
import { invalid } from '../errors';
import { ACCEPTANCE_DAYS, provisionalCalendar } from './clock';
import type { CaseCommand } from './commands';
import { type DecideContext, type Draft, notice, refuse } from './guards';
import { checkIdNumber, checkPhone } from './identity';
import { providedBy } from './provided';
import type { Binding, CaseState, MaterialCheck, Notice } from './types';

/**
 * R8 and art. 32: what is on the desk decides whether a case is accepted now, waits for
 * ONE correction notice, or is accepted on a commitment; and the clock's visit deems a
 * case accepted when nobody decided on it in time.
 */
/** Non-core materials still missing, and core ones (which no commitment can cover, R8). */
export function missingOf(materials: readonly MaterialCheck[]) {
  return {
    core: materials.filter((m) => m.core && !m.provided),
    nonCore: materials.filter((m) => !m.core && !m.provided),
  };
}

/**
 * R8: whether what is on the desk can be accepted now. Core items missing, or non-core
 * items missing without a commitment for each, give ONE notice listing every item.
 */
export function acceptance(
  state: Pick<CaseState, 'materials'>,
  commitment: { materials: readonly string[]; supplementBy: string } | undefined,
):
  | { ok: true; deficiency?: { materials: string[]; supplementBy: string } }
  | { ok: false; missing: MaterialCheck[] } {
  const { core, nonCore } = missingOf(state.materials);
  const covered = new Set(commitment?.materials ?? []);
  const uncovered = nonCore.filter((m) => !covered.has(m.code));
  if (core.length > 0 || uncovered.length > 0) return { ok: false, missing: [...core, ...uncovered] };
  if (nonCore.length === 0 || !commitment) return { ok: true };
  return {
    ok: true,
    deficiency: { materials: nonCore.map((m) => m.code), supplementBy: commitment.supplementBy },
  };
}

/** The intake commitment, narrowed to the items still missing; none once every item is in. */
export function keptCommitment(
  state: Pick<CaseState, 'commitment'>,
  materials: readonly MaterialCheck[],
): { materials: string[]; supplementBy: string } | undefined {
  const c = state.commitment;
  if (!c) return undefined;
  const still = c.materials.filter((code) => !materials.find((m) => m.code === code)?.provided);
  return still.length ? { materials: still, supplementBy: c.supplementBy } : undefined;
}

/** The one-time notice; `later` for a notice after it (R19: what it adds needs a sign-off). */
export function oneTimeNotice(at: string, missing: readonly MaterialCheck[], later = false): Notice {
  const names = missing.map((m) => `${m.name}${m.core ? '（核心材料）' : ''}`).join('、');
  const codes = missing.map((m) => m.code).join(', ');
  return notice(
    'one-time-notice',
    at,
    later
      ? `补正告知：请补正以下全部材料：${names}。补齐后即可受理。`
      : `一次性告知：请补正以下全部材料：${names}。补齐后即可受理。`,
    later
      ? `Correction notice: please supply all of: ${codes}. The case is accepted once they are complete.`
      : `One-time notice: please supply all of: ${codes}. The case is accepted once they are complete.`,
    { missing: missing.map((m) => ({ code: m.code, name: m.name, core: m.core })) },
  );
}

export function accepted(
  binding: Binding | undefined,
  at: string,
  deemed: boolean,
  deficiency?: { materials: string[]; supplementBy: string },
): Draft {
  if (!binding) {
    throw refuse(
      '本租户此时未承接该事项，不能受理；请作出不予受理决定并告知有权机关',
      'this tenant does not hold the matter now; reject the case and name the competent authority',
    );
  }
  return { type: 'accepted', acceptedAt: at, deemed, binding, ...(deficiency ? { deficiency } : {}) };
}

export function checkCommitment(
  commitment: { materials: readonly string[]; supplementBy: string },
  materials: readonly MaterialCheck[],
  today: string,
): void {
  for (const [index, code] of commitment.materials.entries()) {
    const m = materials.find((x) => x.code === code);
    const field = `commitment.materials.${index}`;
    if (!m) throw invalid(field, `事项没有材料“${code}”`, `the matter has no material '${code}'`);
    if (m.core)
      throw invalid(
        field,
        `“${m.name}”是核心材料，不能容缺`,
        `'${code}' is a core material; it cannot be waived`,
      );
    if (m.provided)
      throw invalid(field, `“${m.name}”已提交，无需承诺`, `'${code}' was provided; no commitment is needed`);
  }
  if (!isDate(commitment.supplementBy) || commitment.supplementBy <= today) {
    throw invalid(
      'commitment.supplementBy',
      '补正期限应为今天之后的日期',
      'the supplement date must be a date after today',
    );
  }
}

export function intake(command: Extract<CaseCommand, { type: 'intake' }>, ctx: DecideContext): Draft[] {
  const { matter } = command;
  let item = command.item;
  if (matter.items.length > 0) {
    if (!item && matter.items.length === 1) item = matter.items[0]?.code;
    if (!item)
      throw invalid(
        'item',
        '该事项有多个办理项，请选择一个',
        'the matter has several handling items; name one',
      );
    if (!matter.items.some((i) => i.code === item))
      throw invalid('item', `没有办理项“${item}”`, `no handling item '${item}'`);
  } else if (item) {
    throw invalid('item', '该事项没有办理项', 'the matter has no handling items');
  }
  const paper = new Set<string>();
  for (const [index, m] of command.materials.entries()) {
    if (!matter.materials.some((x) => x.code === m.code)) {
      throw invalid(
        `materials.${index}.code`,
        `事项没有材料“${m.code}”`,
        `the matter has no material '${m.code}'`,
      );
    }
    // Files hang off the case number, which intake is about to give: they come by `supplement`.
    if (m.files)
      throw invalid(
        `materials.${index}.files`,
        '收件后方有办件编号，电子文件请上传后以补正提交',
        'files are uploaded to the case once it has its number, then provided by a supplement',
      );
    if (providedBy(m, index, undefined, matter.paperOriginals) !== false) paper.add(m.code);
  }
  const idNumber = checkIdNumber(command.applicant.kind, command.applicant.idNumber, 'applicant.idNumber');
  const phone =
    command.applicant.phone === undefined
      ? undefined
      : checkPhone(command.applicant.phone, 'applicant.phone');
  const given = new Map(command.materials.map((m) => [m.code, m]));
  const materials: MaterialCheck[] = matter.materials.map((m) => {
    const g = given.get(m.code);
    return {
      ...m,
      provided: paper.has(m.code),
      // From window staff a provided material is the paper original seen at the window.
      ...(paper.has(m.code) ? { form: 'paper' as const } : {}),
      ...(g?.originals !== undefined ? { originals: g.originals } : {}),
      ...(g?.copies !== undefined ? { copies: g.copies } : {}),
    };
  });
  const agent = command.agent && {
    ...command.agent,
    idNumber: checkIdNumber('person', command.agent.idNumber, 'agent.idNumber'),
    ...(command.agent.phone !== undefined ? { phone: checkPhone(command.agent.phone, 'agent.phone') } : {}),
  };
  if (command.commitment) checkCommitment(command.commitment, materials, ctx.today);
  const events: Draft[] = [
    {
      type: 'received',
      caseNo: command.caseNo,
      tenant: command.tenant,
      matter: matter.code,
      matterName: matter.name,
      ...(matter.type ? { matterType: matter.type } : {}),
      ...(item ? { item } : {}),
      applicant: { ...command.applicant, idNumber, ...(phone !== undefined ? { phone } : {}) },
      ...(agent ? { agent } : {}),
      ...(command.delivery ? { delivery: command.delivery } : {}),
      ...(command.window ? { window: command.window } : {}),
      ...(command.greenChannel ? { greenChannel: command.greenChannel } : {}),
      materials,
      ...(matter.paperOriginals === false ? { paperOriginals: false as const } : {}),
      limits: matter.limits,
      // One level is the default: only a matter with more keeps them on its case.
      ...(matter.levels && matter.levels.length > 1 ? { levels: matter.levels } : {}),
      fees: matter.fees,
      competent: command.binding !== undefined,
      ...(command.binding ? { body: command.binding.body } : {}),
      ...(command.commitment ? { commitment: command.commitment } : {}),
      queryCodeHash: command.queryCodeHash,
    },
  ];
  if (!command.binding) return events;
  const verdict = acceptance({ materials }, command.commitment);
  if (!verdict.ok) {
    events.push({ type: 'correction-notified', notice: oneTimeNotice(ctx.now, verdict.missing) });
  } else if (!command.defer) {
    events.push(accepted(command.binding, ctx.now, false, verdict.deficiency));
  }
  return events;
}

export function tick(
  state: CaseState,
  command: Extract<CaseCommand, { type: 'tick' }>,
  ctx: DecideContext,
): Draft[] {
  const calendarFor = provisionalCalendar(ctx.calendarFor).calendarFor;
  if (state.status === 'received' && state.competent) {
    const acceptBy = addWorkingDays(shanghaiDate(state.receivedAt), ACCEPTANCE_DAYS, calendarFor);
    const verdict = acceptance(state, keptCommitment(state, state.materials));
    if (ctx.today > acceptBy && verdict.ok) {
      // Art. 32 (4): counted as accepted from receipt, bound to the authority then in force (R2).
      return [accepted(command.binding ?? state.binding, state.receivedAt, true, verdict.deficiency)];
    }
  }
  const d = state.deficiency;
  if (d && !d.lapsed && ctx.today > d.supplementBy) {
    // A written denial is still owed to the applicant: a lapse ends a case only before a denial.
    const terminate = state.limits.deficiencyLapse === 'terminate' && state.status !== 'denied';
    return [{ type: 'deficiency-lapsed', terminated: terminate }];
  }
  return [];
}
