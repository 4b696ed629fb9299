import type { CaseView, GuideMatter, ResultView, Tenant } from '@onewindow/api/contract';
import {
  intakeWindowName,
  type OfficialParts,
  progressUrlOf,
  ReceiptDocument,
  ResultDocument,
  receiptKind,
  receiptTitle,
  resultTitle,
} from '@onewindow/documents';
import { verificationCodeOf } from '@onewindow/domain';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
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
  const [v, tenant, names] = await Promise.all([
    c.get('api').get<CaseView>(caseUrl(c)),
    c
      .get('api')
      .send<Tenant>('GET', `/v1/tenants/${seg(tenantId)}`)
      .then((r) => (r.ok ? r.data : undefined)),
    bodyNames(c, [tenantId]),
    namesOf(c).caseNames(caseUrl(c)),
  ]);
  const guide = await c
    .get('api')
    .send<GuideMatter>('GET', `/v1/public/${seg(tenantId)}/guide/${seg(v.matter)}`)
    .then((r) => (r.ok ? r.data : undefined));
  const code = readFlash(c, v.caseNo);
  const kind = receiptKind(v.status);
  const tenantName = tenant?.name ?? tenantId;
  return page(
    c,
    receiptTitle(lang, kind),
    <ReceiptDocument
      case={v}
      lang={lang}
      issuer={intakeWindowName(lang, tenantName)}
      {...(code ? { queryCode: code } : {})}
      progressUrl={progressUrlOf(new URL(c.req.url).origin, v.caseNo)}
      actions={<PrintButton c={c} />}
      official={intakeOfficial(v, kind, tenant, guide, v.body ? names(v.body) : tenantName, namesOf(c))}
    />,
  );
}

const PAPER_DOCUMENT = { notice: 'notice', receipt: 'acceptance', rejection: 'rejection' } as const;
const PAPER_EVENT = { notice: 'correction-notified', receipt: 'accepted', rejection: 'rejected' } as const;

/**
 * The official parts of an intake paper (文号, legal basis, hall, handler, the remedies of a
 * rejection naming the body that would answer them, R4), as the API's printable page has them.
 */
function intakeOfficial(
  v: CaseView,
  kind: ReturnType<typeof receiptKind>,
  tenant: Tenant | undefined,
  guide: GuideMatter | undefined,
  respondent: string,
  /** The request's names (ui/names.ts): the handler's name for the actor's id. */
  staffName: (id: string) => string,
): OfficialParts | undefined {
  if (kind === 'received') return undefined;
  const docNo = v.documents?.[PAPER_DOCUMENT[kind]];
  const actor = [...(v.events ?? [])].reverse().find((e) => e.type === PAPER_EVENT[kind])?.actor;
  const named = actor ? staffName(actor) : undefined;
  const handler = named !== actor ? named : undefined;
  return {
    ...(docNo ? { docNo } : {}),
    ...(guide ? { legalBasis: guide.legalBasis } : {}),
    ...(kind === 'rejection' ? { respondent } : {}),
    ...(handler ? { handler } : {}),
    hall: {
      ...(tenant?.address ? { address: tenant.address } : {}),
      ...(tenant?.phone ? { phone: tenant.phone } : {}),
    },
  };
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
