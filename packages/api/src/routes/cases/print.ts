import {
  type Lang,
  printablePage,
  type ReceiptCase,
  ReceiptDocument,
  ResultDocument,
  receiptTitle,
  resultTitle,
} from '@onewindow/documents';
import { DomainError, type SealedResult, verificationCodeOf } from '@onewindow/domain';
import { tenantStaff } from '../../access-groups';
import { defineRoute, type RouteSpec } from '../../route';

/**
 * 一次性告知书 (art. 32 (1) 4, R8): every missing item in one notice, printable. Printed whatever
 * the case's state now: it is the notice that was given.
 */
export function noticePage(s: ReceiptCase, bodyName: string, lang: Lang = 'zh') {
  return printablePage({
    lang,
    title: receiptTitle(lang, 'notice'),
    document: ReceiptDocument({ case: s, lang, issuer: bodyName, kind: 'notice' }),
  });
}

/** The issued result: decision, seal imprint (drawn into the page), signature, and a QR code to its verification. */
export function resultPage(
  s: { readonly result?: SealedResult },
  input: { bodyName: string; sealName: string; verifyUrl: string },
  lang: Lang = 'zh',
) {
  const r = s.result;
  if (!r) throw new Error('no result');
  return printablePage({
    lang,
    title: resultTitle(lang, r),
    document: ResultDocument({
      result: r,
      lang,
      bodyName: input.bodyName,
      sealName: input.sealName,
      verifyUrl: input.verifyUrl,
      imprint: { draw: { bodyName: input.bodyName, sealName: input.sealName } },
    }),
  });
}

const CASE = '/v1/tenants/:tenant/cases/:caseNo';

/**
 * The printable documents of a case. The files Lambda serves them: the page layout, the imprint
 * drawing and the QR code are more than the cases bundle has room for, and printing only reads.
 */
export const printRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: `${CASE}/notice.html`,
    tag: 'cases',
    summary: '一次性告知书（打印）',
    summaryEn: 'The one-time notice as a printable page',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    produces: 'text/html',
    handler: async ({ c, services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      if (!stored.state.notices.some((n) => n.kind === 'one-time-notice')) {
        throw new DomainError('not-found', '该办件没有一次性告知', 'the case has no one-time notice');
      }
      const { tenantName } = await services.cases.printedNames(stored.state);
      return c.html(noticePage(stored.state, `${tenantName}综合受理窗口`));
    },
  }),
  defineRoute({
    method: 'get',
    path: `${CASE}/result.html`,
    tag: 'cases',
    summary: '办理结果文书（打印，含印章与验证二维码）',
    summaryEn: 'The result as a printable page with the seal imprint and a QR code to its verification',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    produces: 'text/html',
    handler: async ({ c, services, params, principal }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      const r = stored.state.result;
      if (!r) throw new DomainError('not-found', '该办件尚未出件', 'no result has been issued for this case');
      const names = await services.cases.printedNames(stored.state);
      const origin = new URL(c.req.url).origin;
      return c.html(
        resultPage(stored.state, {
          bodyName: names.bodyName ?? r.seal.body,
          sealName: names.sealName ?? r.seal.id,
          verifyUrl: `${origin}/v1/public/results/${r.caseNo}/verify?code=${verificationCodeOf(r.signature)}`,
        }),
      );
    },
  }),
];
