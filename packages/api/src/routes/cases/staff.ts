import { randomBytes } from 'node:crypto';
import type { CaseService } from '@onewindow/app';
import type { CaseCommand, CaseState, Role } from '@onewindow/domain';
import { NOTICE_SIGNERS } from '@onewindow/domain';
import type * as z from 'zod/mini';
import { tenantStaff } from '../../access-groups';
import {
  CaseSearchInput,
  CountersignInput,
  CountersignOverrideInput,
  DecideInput,
  EmptyInput,
  ExtendInput,
  FinishStepInput,
  GiveGuidanceInput,
  IntakeInput,
  IssueInput,
  NotifyCorrectionInput,
  OpinionInput,
  RejectInput,
  RequestGuidanceInput,
  StartStepInput,
  SupplementInput,
  WithdrawInput,
} from '../../case-schemas';
import { defineRoute, type RouteContext, type RouteSpec } from '../../route';
import { caseView, summaryPage } from './views';

const CASE = '/v1/tenants/:tenant/cases/:caseNo';
const clerks: readonly Role[] = ['window-clerk'];
const approvers: readonly Role[] = ['approver'];

/** A case action: validates its body, turns it into a command and runs it (API.md `{action}`). */
function action<B>(spec: {
  readonly name: string;
  readonly summary: string;
  readonly summaryEn: string;
  readonly roles: readonly Role[];
  readonly body: z.ZodMiniType<B>;
  readonly command: (
    body: B,
    state: CaseState,
    svc: CaseService,
    ctx: RouteContext<B, typeof CASE>,
  ) => Promise<CaseCommand> | CaseCommand;
}): RouteSpec {
  return defineRoute<B, typeof CASE>({
    method: 'post',
    // Typed as the case path: an action adds a fixed segment and no parameter.
    path: `${CASE}/${spec.name}` as typeof CASE,
    tag: 'cases',
    summary: spec.summary,
    summaryEn: `${spec.summaryEn} (If-Match: <version> optional)`,
    access: { scope: 'tenant', roles: spec.roles, bodyReach: true },
    body: spec.body,
    success: 200,
    handler: async (ctx) => {
      const { services, params, invocation } = ctx;
      return services.cases.run(invocation, {
        tenant: params.tenant,
        caseNo: params.caseNo,
        needWindow: spec.name === 'decide' || spec.name === 'extend' || spec.name === 'opinion',
        ifMatch: ctx.ifMatch(),
        command: (state) => spec.command(ctx.body, state, services.cases, ctx),
        respond: (outcome) => ({ status: 200, body: caseView(outcome) }),
      });
    },
  });
}

export const staffCaseRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/cases',
    tag: 'cases',
    summary: '综合窗口收件（材料核验、一次性告知、受理或容缺受理）',
    summaryEn:
      "Take an application at the window: materials check, one-time notice, acceptance. A material is `{code, provided: true}` or `{code, original: 'paper'}` (the paper original seen at the window; refused where the matter takes none); files are uploaded once the case has its number and provided by `supplement`",
    access: { scope: 'tenant', roles: clerks },
    body: IntakeInput,
    success: 201,
    handler: async ({ services, params, invocation, body }) => {
      const { tenant } = params;
      return services.cases.intake(invocation, {
        tenant,
        matter: body.matter,
        random: () => randomBytes(8),
        build: ({ caseNo, queryCodeHash, matter, binding }) => ({
          type: 'intake',
          tenant,
          caseNo,
          queryCodeHash,
          matter,
          ...(body.item ? { item: body.item } : {}),
          applicant: body.applicant,
          ...(body.agent ? { agent: body.agent } : {}),
          ...(body.delivery ? { delivery: body.delivery } : {}),
          ...(body.window ? { window: body.window } : {}),
          ...(body.greenChannel ? { greenChannel: body.greenChannel } : {}),
          materials: body.materials,
          ...(body.commitment ? { commitment: body.commitment } : {}),
          ...(body.defer ? { defer: true } : {}),
          ...(binding ? { binding } : {}),
        }),
        respond: (outcome, queryCode) => {
          const { stored } = outcome;
          const notice = stored.state.notices.find((n) => n.kind === 'one-time-notice');
          return {
            status: 201,
            body: {
              ...caseView(outcome),
              // Shown once, on the receipt: only its hash is kept.
              queryCode,
              ...(notice && stored.state.status === 'needs-correction'
                ? {
                    oneTimeNotice: {
                      missing: (notice.missing ?? []).map((m) => m.code),
                      items: notice.missing,
                      text: { zh: notice.zh, en: notice.en },
                    },
                  }
                : {}),
            },
          };
        },
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/cases/search',
    tag: 'cases',
    summary: '办件查询',
    summaryEn: 'Find cases by number, applicant name, ID number or phone, matter and days received',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    body: CaseSearchInput,
    success: 200,
    handler: async ({ services, params, principal, body, now }) => {
      const page = await services.cases.search(principal, params.tenant, body);
      return summaryPage(services.cases, params.tenant, page, now);
    },
  }),
  defineRoute({
    method: 'get',
    path: CASE,
    tag: 'cases',
    summary: '办件详情（含全过程记录）',
    summaryEn: 'Read a case with its whole timeline',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, params, principal, now }) => ({
      status: 200,
      body: caseView(await services.cases.read(principal, params.tenant, params.caseNo, now)),
    }),
  }),
  action({
    name: 'supplement',
    summary: '接收补正材料（纸质原件或已上传的电子文件）',
    summaryEn:
      "Take supplementary materials: each `{code, original: 'paper'}` (or `provided: true`) or `{code, files: [fileId…]}`, files of this case's material scanned clean; files replace the material's files (a new version; the earlier stays in the chain)",
    roles: clerks,
    body: SupplementInput,
    command: async (body, state, svc, { now }) => ({
      type: 'supplement',
      // Files named by id come with their stored records (digests, scan): the decider judges them.
      ...(await svc.givenMaterials(state, body.materials)),
      ...(body.commitment ? { commitment: body.commitment } : {}),
      ...(await svc.bindingOnAcceptance(state, now)),
    }),
  }),
  action({
    name: 'notify-correction',
    summary: '补正告知（超出一次性告知的须签批，并亮红灯）',
    summaryEn: 'Give a correction notice (beyond the one-time notice: signed off, and a red card)',
    roles: ['window-clerk', ...NOTICE_SIGNERS],
    body: NotifyCorrectionInput,
    command: (body) => ({
      type: 'notify-correction',
      materials: body.materials,
      ...(body.signOff ? { signOff: body.signOff } : {}),
    }),
  }),
  action({
    name: 'accept',
    summary: '受理',
    summaryEn: 'Accept a received case',
    roles: clerks,
    body: EmptyInput,
    command: async (_b, state, svc, { now }) => ({
      type: 'accept',
      ...(await svc.bindingOnAcceptance(state, now)),
    }),
  }),
  action({
    name: 'reject',
    summary: '不予受理（非本机关职权的，告知有权机关）',
    summaryEn: 'Reject at intake, naming the competent authority when the matter is not ours',
    roles: clerks,
    body: RejectInput,
    command: (body) => ({ type: 'reject', ...body }),
  }),
  action({
    name: 'withdraw',
    summary: '申请人撤回申请',
    summaryEn: 'Record the applicant withdrawing',
    roles: clerks,
    body: WithdrawInput,
    command: (body) => ({ type: 'withdraw', reason: body.reason }),
  }),
  action({
    name: 'start-step',
    summary: '启动审查、现场勘验（联合踏勘）、专家评审或听证',
    summaryEn: 'Start a review, (joint) site inspection, expert review or hearing',
    roles: approvers,
    body: StartStepInput,
    command: (body) => ({
      type: 'start-step',
      kind: body.kind,
      ...(body.bodies ? { bodies: body.bodies } : {}),
      ...(body.days !== undefined ? { days: body.days } : {}),
    }),
  }),
  action({
    name: 'finish-step',
    summary: '结束办理环节',
    summaryEn: 'Finish a step',
    roles: approvers,
    body: FinishStepInput,
    command: (body) => ({ type: 'finish-step', ...body }),
  }),
  action({
    name: 'countersign',
    summary: '参与部门会签（同意或不同意，附意见；每个部门一次）',
    summaryEn:
      "A participating body's countersignature on a joint review: agree or disagree, with its opinion",
    roles: approvers,
    body: CountersignInput,
    command: (body) => ({ type: 'countersign', ...body }),
  }),
  action({
    name: 'countersign-override',
    summary: '牵头部门决定不再等待未会签的部门（须说明理由，记入办件）',
    summaryEn: 'The lead body decides without the missing countersignatures, with its recorded reason',
    roles: approvers,
    body: CountersignOverrideInput,
    command: (body) => ({ type: 'countersign-override', ...body }),
  }),
  action({
    name: 'extend',
    summary:
      '经本机关负责人批准延长办理时限（一次，最多10个工作日；统一、联合、集中办理的经本级人民政府负责人批准，最多15个）',
    summaryEn:
      "Extend the limit once on the bound body's head's approval, by up to 10 working days (a joint matter: the government head's, up to 15)",
    // The head's designation, not a role, decides (art. 42): any staff member may be one.
    roles: tenantStaff,
    body: ExtendInput,
    command: (body) => ({ type: 'extend', ...body }),
  }),
  action({
    name: 'opinion',
    summary: '审批层级签署意见：通过交上一级，或退回下一级（须说明理由）',
    summaryEn:
      'Sign the current approval level: pass it up, or send the case back one level with reasons (R16)',
    roles: approvers,
    body: OpinionInput,
    command: (body) => ({ type: 'opinion', ...body }),
  }),
  action({
    name: 'decide',
    summary: '作出准予或不予许可决定（即办件可由首席代表当场决定）',
    summaryEn: 'Approve or deny (an authorised window officer may decide an on-the-spot case)',
    roles: [...approvers, ...clerks],
    body: DecideInput,
    command: (body) => ({ type: 'decide', ...body }),
  }),
  action({
    name: 'pay',
    summary: '集中收费，出具收据',
    summaryEn: 'Record the fees as paid and give a receipt',
    roles: clerks,
    body: EmptyInput,
    command: () => ({ type: 'pay' }),
  }),
  action({
    name: 'request-guidance',
    summary: '过渡期内征求原部门指导意见（意见不是作出决定的前提）',
    summaryEn:
      "Ask the origin department's opinion during a guided transition (never a condition of the decision, R6)",
    roles: approvers,
    body: RequestGuidanceInput,
    command: (body) => ({ type: 'request-guidance', ...(body.question ? { question: body.question } : {}) }),
  }),
  action({
    name: 'give-guidance',
    summary: '原部门提出指导意见（记入办件）',
    summaryEn: "The origin department's opinion, recorded on the case (R6)",
    roles: approvers,
    body: GiveGuidanceInput,
    command: (body) => ({ type: 'give-guidance', ...body }),
  }),
  action({
    name: 'issue',
    summary: '统一出件（加盖印章并签名）',
    summaryEn: 'Issue the result under the seal R3 resolves, signed',
    roles: clerks,
    body: IssueInput,
    command: async (body, state, svc, { now }) => {
      // Only a decided case gets a seal looked up; any other state is refused by the decider.
      if (!state.decision) return { type: 'issue', delivery: body.delivery };
      return { type: 'issue', delivery: body.delivery, ...(await svc.sealedResult(state, now)) };
    },
  }),
];
