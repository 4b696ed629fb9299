import { MATTER_TYPE_NAMES, type MatterType } from './catalogue';
import type { ChecklistEntry } from './readiness';
import { fromBodyOf, type Rollout } from './rollout';
import { sealRefOf } from './seals';

export interface HandoverAgreement {
  readonly number: string;
  readonly title: string;
  readonly rollout: string;
  readonly city: string;
  readonly tenant: string;
  readonly tenantName: string;
  readonly mode: Rollout['mode'];
  readonly effectiveAt: string;
  readonly status: Rollout['status'];
  readonly from: readonly { readonly ref: string; readonly name: string }[];
  readonly to: { readonly ref: string; readonly name: string };
  /** The seal new results take, in the tenant it is kept in (a stationed district department's own, R14). */
  readonly seal: { readonly id: string; readonly name: string; readonly tenant?: string };
  readonly transition?: Rollout['transition'];
  readonly matters: readonly {
    readonly code: string;
    readonly name: string;
    readonly type?: string;
    readonly from: string;
  }[];
  /** The agreed rules, in order, Chinese first. */
  readonly clauses: readonly { readonly zh: string; readonly en: string }[];
  /** Old and new implementation codes (R15): the ledger's rows once applied, the expected ones before. */
  readonly codeLineage?: readonly AgreementCodeRow[];
  /** The receiving side's readiness checklist (001 §五), each item with who confirmed it and when. */
  readonly checklist?: readonly ChecklistEntry[];
}

/** A matter whose implementation code the move changes; `recorded` once the ledger holds it. */
export interface AgreementCodeRow {
  readonly matter: string;
  readonly oldCode: string | null;
  readonly newCode: string;
  readonly recorded: boolean;
}

/** Beijing-time rendering for the document's text (the instant itself stays ISO). */
export function beijingTime(instant: string): string {
  const d = new Date(Date.parse(instant) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * The handover agreement of one rollout for one tenant: what moves, from whom to whom,
 * from when, under which seal, and the rules for pending cases (R2), seals (R3),
 * responsibility (R4), archives (R5) and the transition. Derived, never stored:
 * it always reads as the rollout it belongs to.
 */
export function handoverAgreement(input: {
  rollout: Rollout;
  tenant: string;
  tenantName: string;
  bodyName: (ref: string) => string;
  matters: ReadonlyMap<string, { name: string; type: MatterType }>;
  sealName: string;
  codeLineage?: readonly AgreementCodeRow[];
  checklist?: readonly ChecklistEntry[];
}): HandoverAgreement {
  const r = input.rollout;
  const toRef = `${input.tenant}/${r.to}`;
  const toName = input.bodyName(toRef);
  const fromRefs = [...new Set(r.matters.map((m) => fromBodyOf(r, m)))];
  const fromNames = fromRefs.map((ref) => input.bodyName(ref)).join('、');
  const when = beijingTime(r.effectiveAt);
  const clauses: { zh: string; en: string }[] = [
    {
      zh: `自${when}起，本协议所列事项由${r.mode === 'transfer' ? toName : fromNames}依法实施${r.mode === 'transfer' ? '，以其名义作出行政审批决定' : `，并在${toName}设置窗口受理`}。`,
      en: `From ${r.effectiveAt} the listed matters are implemented by ${r.mode === 'transfer' ? toName : fromNames}${r.mode === 'stationed' ? `, with a window at ${toName}` : ''}.`,
    },
    {
      zh: '生效前已受理但未办结的申请，由原受理机构继续办理并负责办结，档案由其保存。',
      en: 'Applications accepted before the effective instant are finished by the body that accepted them, which keeps their files.',
    },
    {
      zh: `生效前已受理的申请，办理结果加盖原受理机构印章；生效后新受理的申请，办理结果加盖“${input.sealName}”。已作废的印章不再使用。`,
      en: `Results of applications accepted before take the accepting body's seal; those accepted after take '${input.sealName}'. A voided seal is never applied.`,
    },
    {
      zh: `生效前审批行为引起的行政复议、诉讼及投诉由${fromNames}负责；生效后审批行为引起的由${r.mode === 'transfer' ? toName : fromNames}负责；因监管工作引起的，由监管部门负责。`,
      en: 'Reconsideration, litigation and complaints follow the approving body: before the move the original body, after it the new one; supervision complaints the supervising department.',
    },
    {
      zh: '档案按审批主体保管：生效前审批的由原部门保管，生效后审批的由承接机构保管。',
      en: 'Archives follow the approving body: approved before the move, the original department; after it, the receiving body.',
    },
    {
      zh: '受理和出件窗口不因本次划转而改变，申请人无感。',
      en: 'The windows where applicants apply and collect results do not change.',
    },
  ];
  if (r.transition) {
    const until = beijingTime(r.transition.until);
    clauses.push(
      r.transition.policy === 'origin-leads'
        ? {
            zh: `过渡期至${until}：过渡期内划转事项由原部门牵头办理，并指导承接机构做好承接。`,
            en: `Transition until ${r.transition.until}: the original department leads the handling of the matters and guides the receiving body.`,
          }
        : {
            zh: `过渡期至${until}：承接机构办理并作出决定；原部门进行业务指导、培训帮带，承接机构可就具体办件征求其意见并记入办件，意见不影响承接机构作出决定。`,
            en: `Transition until ${r.transition.until}: the receiving body handles and decides the matters; the original department guides and trains, and the receiving body may ask its opinion on a case, recorded on the case, never a condition of the decision.`,
          },
    );
  }
  return {
    number: `${r.city}-${r.id}-${input.tenant.split('.').slice(1).join('-')}`,
    title: `${input.tenantName}${r.mode === 'transfer' ? '行政审批事项划转' : '事项进驻'}交接协议书`,
    rollout: r.id,
    city: r.city,
    tenant: input.tenant,
    tenantName: input.tenantName,
    mode: r.mode,
    effectiveAt: r.effectiveAt,
    status: r.status,
    from: fromRefs.map((ref) => ({ ref, name: input.bodyName(ref) })),
    to: { ref: toRef, name: toName },
    seal: { ...sealRefOf(r.seal, input.tenant), name: input.sealName },
    ...(r.transition ? { transition: r.transition } : {}),
    matters: r.matters.map((code) => {
      const def = input.matters.get(code);
      return {
        code,
        name: def?.name ?? code,
        ...(def ? { type: MATTER_TYPE_NAMES[def.type] } : {}),
        from: fromBodyOf(r, code),
      };
    }),
    clauses,
    ...(input.codeLineage?.length ? { codeLineage: input.codeLineage } : {}),
    ...(input.checklist ? { checklist: input.checklist } : {}),
  };
}
