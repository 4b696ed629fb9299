import { CARD_COLOURS, CARD_STATUSES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { tenantAdmins } from '../access-groups';
import { CardContestInput, CardReviewInput, CardUrgeInput } from '../evaluation-schemas';
import { defineRoute } from '../route';

const inspectors = [...tenantAdmins, 'inspector'] as const;
const CardPath = '/v1/tenants/:tenant/cards/:cardId';

/**
 * R19: the e-supervision cards of a tenant, each with its clock proof, and what is done with them.
 * Served by the files Lambda.
 */
export const cardRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/cards',
    tag: 'supervision',
    summary:
      '电子监察亮灯：黄灯（时限临近）、红灯（已超时限），按受理、承诺、法定、出件时限；可按颜色和状态筛选',
    summaryEn:
      'E-supervision cards: yellow (a limit near) and red (passed) against the acceptance, promised, statutory ' +
      'and issuance limits, newest first; ?colour= and ?status= narrow them. Each carries its clock proof',
    access: { scope: 'tenant', roles: [...inspectors, 'supervisor', 'approver'] },
    query: z.strictObject({
      colour: z.optional(z.enum(CARD_COLOURS)),
      status: z.optional(z.enum(CARD_STATUSES)),
    }),
    success: 200,
    handler: async ({ services, params, query }) => ({
      status: 200,
      body: { items: await services.cards.list(params.tenant, query) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: CardPath,
    tag: 'supervision',
    summary: '亮灯详情及时钟证明（逐日列出是否计入、节假日与调休、暂停计时的特别程序、延期，均注明所据事件）',
    summaryEn:
      "One card with its clock proof: every day from the limit's start, counted or not and why (weekend, " +
      'holiday, make-up working day, paused by an excluded step), the extension, each citing its event',
    access: { scope: 'tenant', roles: [...inspectors, 'supervisor', 'approver'] },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.cards.get(params.tenant, params.cardId),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${CardPath}/contest`,
    tag: 'supervision',
    summary: '责任机构申辩（一次，写明理由），由监察人员核定',
    summaryEn: 'The responsible body contests a card (once, with reasons); an inspector decides',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'approver'] },
    body: CardContestInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.cards.contest(invocation, params.tenant, params.cardId, body.reasons),
  }),
  defineRoute({
    method: 'post',
    path: `${CardPath}/review`,
    tag: 'supervision',
    summary: '监察人员核定亮灯：维持（upheld）或撤销（withdrawn），写明理由',
    summaryEn: 'An inspector upholds or withdraws a card, with the reason; once',
    access: { scope: 'tenant', roles: inspectors },
    body: CardReviewInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.cards.review(invocation, params.tenant, params.cardId, body),
  }),
  defineRoute({
    method: 'post',
    path: `${CardPath}/urge`,
    tag: 'supervision',
    summary: '督办/催办：提醒责任机构办理（记入亮灯记录并发出通知事件）',
    summaryEn:
      'Urge (督办) the responsible body: recorded on the card and sent as an event to notify its people',
    access: { scope: 'tenant', roles: inspectors },
    body: CardUrgeInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.cards.urge(invocation, params.tenant, params.cardId, body.note),
  }),
];
