import type { CaseView, ResultView, Tenant } from '@onewindow/api/contract';
import {
  intakeWindowName,
  ReceiptDocument,
  ResultDocument,
  receiptKind,
  receiptTitle,
  resultTitle,
} from '@onewindow/documents';
import { verificationCodeOf } from '@onewindow/domain';
import { Hono } from 'hono';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { page } from '../../ui/layout';
import { resultSealSrc, verifyHref } from '../public/verify';
import { bodyNames } from '../tenant/bodies';
import { readFlash } from './intake';

export const PrintButton = ({ c }: { c: Ctx }) => (
  <p class="no-print">
    <button type="button" data-print hidden>
      {c.get('t').common.print}
    </button>
  </p>
);

const caseUrl = (c: Ctx) =>
  `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/cases/${seg(c.req.param('caseNo') ?? '')}`;

/**
 * The paper the applicant takes away (the one-time notice, or the receipt of acceptance), with
 * the query code right after intake: the API keeps only its hash, so it is shown this once.
 */
async function receiptPage(c: Ctx) {
  const lang = c.get('lang');
  const tenantId = c.req.param('tenant') ?? '';
  const [v, tenant] = await Promise.all([
    c.get('api').get<CaseView>(caseUrl(c)),
    c
      .get('api')
      .send<Tenant>('GET', `/v1/tenants/${seg(tenantId)}`)
      .then((r) => (r.ok ? r.data.name : tenantId)),
  ]);
  const code = readFlash(c, v.caseNo);
  return page(
    c,
    receiptTitle(lang, receiptKind(v.status)),
    <ReceiptDocument
      case={v}
      lang={lang}
      issuer={intakeWindowName(lang, tenant)}
      {...(code ? { queryCode: code } : {})}
      actions={<PrintButton c={c} />}
    />,
  );
}

/** The sealed result to print at the issuance window; its QR code leads to the console's verification page. */
async function resultPage(c: Ctx) {
  const lang = c.get('lang');
  const r = await c.get('api').get<ResultView>(`${caseUrl(c)}/result`);
  const name = await bodyNames(c, [r.tenant, r.seal.tenant]);
  return page(
    c,
    resultTitle(lang, r),
    <ResultDocument
      result={r}
      lang={lang}
      bodyName={name(r.approvingBody)}
      verifyUrl={new URL(verifyHref(r.caseNo, verificationCodeOf(r.signature)), c.req.url).toString()}
      imprint={{ src: resultSealSrc(r.caseNo) }}
      actions={<PrintButton c={c} />}
    />,
  );
}

export function documentRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/cases/:caseNo/receipt', (c) => receiptPage(c));
  app.get('/console/tenants/:tenant/cases/:caseNo/result', (c) => resultPage(c));
  return app;
}
