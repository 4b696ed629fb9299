import { invalid } from '../errors';
import { acceptance, keptCommitment, oneTimeNotice } from './acceptance';
import type { CaseCommand } from './commands';
import { type DecideContext, type Draft, forbid } from './guards';
import { NOTICE_SIGNERS } from './limits';
import type { CaseState, SignOff } from './types';

/**
 * R8 and R19 (一次性告知): the one-time notice names every missing item at once, and is frozen
 * once given. A later notice may repeat what it named; asking for anything else needs the
 * recorded sign-off of a `NOTICE_SIGNERS` role, who sends the notice, and raises a red card
 * (`notice`, supervision/triggers.ts) all the same.
 */

/**
 * What the case may still ask of the applicant: the materials its notices named (the one-time
 * notice, and what a signed-off later notice added) and those the applicant committed to at
 * intake (容缺承诺, made before any notice). Undefined while no notice was given: the first one
 * is the one-time notice itself, whatever it names.
 */
export function askedSoFar(
  state: Pick<CaseState, 'notices' | 'commitment'>,
): ReadonlySet<string> | undefined {
  const notices = state.notices.filter((n) => n.kind === 'one-time-notice');
  if (notices.length === 0) return undefined;
  return new Set([
    ...notices.flatMap((n) => (n.missing ?? []).map((m) => m.code)),
    ...(state.commitment?.materials ?? []),
  ]);
}

const beyondZh = (name: string) => `“${name}”不在一次性告知所列材料中，再要求补正须经签批（signOff）`;
const beyondEn = (code: string) =>
  `'${code}' was not on the one-time notice: asking for more needs a sign-off (signOff)`;

/**
 * `notify-correction`: a later notice (or the first, on a case taken on deferral), by a window clerk
 * or a signer (the precondition), within the one-time notice unless the signer signs it off.
 */
export function notifyCorrection(
  state: CaseState,
  command: Extract<CaseCommand, { type: 'notify-correction' }>,
  { actor, now }: DecideContext,
): Draft[] {
  const signed = command.signOff;
  const signerRoles = actor.roles.filter((r) => NOTICE_SIGNERS.includes(r));
  if (signed && signerRoles.length === 0)
    throw forbid('仅租户管理员或监管人员可以签批', 'only a tenant administrator or a supervisor signs off');
  if (signed && !signed.reason.trim())
    throw invalid('signOff.reason', '请填写签批理由', 'the sign-off gives its reason');
  if (command.materials.length === 0)
    throw invalid('materials', '请列出需补正的材料', 'name the materials to supply');
  for (const [index, code] of command.materials.entries()) {
    if (!state.materials.some((m) => m.code === code))
      throw invalid(`materials.${index}`, `事项没有材料“${code}”`, `the matter has no material '${code}'`);
  }
  const asked = askedSoFar(state);
  if (asked && !signed) {
    const index = command.materials.findIndex((code) => !asked.has(code));
    const code = command.materials[index];
    if (code !== undefined) {
      const name = state.materials.find((m) => m.code === code)?.name ?? code;
      throw invalid(`materials.${index}`, beyondZh(name), beyondEn(code));
    }
  }
  // The notice lists everything still wanted: what it asks for, and what was missing already.
  const wanted = new Set(command.materials);
  const materials = state.materials.map((m) => (wanted.has(m.code) ? { ...m, provided: false } : m));
  const verdict = acceptance({ materials }, keptCommitment(state, materials));
  const missing = materials.filter(
    (m) => wanted.has(m.code) || (!verdict.ok && verdict.missing.some((x) => x.code === m.code)),
  );
  const signOff: SignOff | undefined = signed && {
    reason: signed.reason.trim(),
    by: actor.sub,
    roles: signerRoles,
  };
  return [
    {
      type: 'correction-notified',
      notice: oneTimeNotice(now, missing, asked !== undefined),
      ...(signOff ? { signOff } : {}),
    },
  ];
}

/**
 * A deficiency at acceptance (容缺) asks for its materials too: after a notice, only for what the
 * case may still ask (`askedSoFar`). The decider cannot produce such a deficiency from its own
 * events (a material missing after a notice is on it or was committed to), so this guards a state
 * folded from events that came in another way; the remedy is a signed-off notice first.
 */
export function requireWithinNotice(
  state: CaseState,
  deficiency: readonly string[],
  commitment: { readonly materials: readonly string[] } | undefined,
): void {
  const asked = askedSoFar(state);
  const code = asked && deficiency.find((c) => !asked.has(c));
  if (!code) return;
  const index = commitment?.materials.indexOf(code) ?? -1;
  const name = state.materials.find((m) => m.code === code)?.name ?? code;
  throw invalid(
    index >= 0 ? `commitment.materials.${index}` : 'commitment',
    `容缺材料${beyondZh(name)}`,
    `the deficiency names ${beyondEn(code)}`,
  );
}
