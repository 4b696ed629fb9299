import type * as z from 'zod/mini';
import * as archive from './archive';
import * as assessment from './assessment';
import * as cases from './cases';
import * as catalogue from './catalogue';
import * as empowerment from './empowerment';
import * as licences from './licences';
import * as materials from './materials';
import * as pub from './public';
import * as rollouts from './rollouts';
import * as seals from './seals';
import * as supervision from './supervision';
import * as tenancy from './tenancy';

/**
 * The response contract of every API route: what each answers, as zod schemas the OpenAPI
 * document is generated from, the tests check real answers against, and the console takes
 * its types from (`import type` only, so no schema reaches its bundle).
 *
 * Keyed by operation, `<METHOD> <OpenAPI path>`, not held on the route specs: a Lambda
 * bundles its routes, and only the document and the tests need these. The OpenAPI path
 * rather than hono's (`/v1/cities/{city}/catalogue:import`, not `…/:op{catalogue:import}`)
 * because it is the name a client knows the operation by.
 */

/** A JSON answer; `also` lists other success statuses and media types the same operation answers. */
export interface JsonResponse<S extends z.ZodMiniType = z.ZodMiniType> {
  readonly schema: S;
  readonly statuses?: readonly number[];
  /** Media type → what it is, for an operation that also answers other media (`?format=html`). */
  readonly media?: Readonly<Record<string, string>>;
}

/** A non-JSON answer (an SVG imprint, a printable page, a spreadsheet): media type → what it is. */
export interface MediaResponse {
  readonly media: Readonly<Record<string, string>>;
}

export type ResponseContract = JsonResponse | MediaResponse;

const json = <S extends z.ZodMiniType>(
  schema: S,
  also: Omit<JsonResponse<S>, 'schema'> = {},
): JsonResponse<S> => ({ schema, ...also });
const media = (types: Readonly<Record<string, string>>): MediaResponse => ({ media: types });

const printable = { 'text/html': '可打印页面 A printable page' };
const svg = { 'image/svg+xml': '印模 The seal imprint' };
const ofd = {
  'application/ofd': '办理结果 OFD 版式文件（GB/T 33190，电子签章）The result as a sealed OFD package',
};
const CASE = '/v1/tenants/{tenant}/cases/{caseNo}';

export const responses = {
  // Tenancy
  'POST /v1/cities': json(tenancy.City),
  'GET /v1/cities': json(tenancy.CityList),
  'POST /v1/cities/{city}/tenants': json(tenancy.Tenant),
  'GET /v1/cities/{city}/tenants': json(tenancy.TenantList),
  'GET /v1/tenants/{tenant}': json(tenancy.Tenant),
  'POST /v1/tenants/{tenant}/bodies': json(tenancy.Body),
  'GET /v1/tenants/{tenant}/bodies': json(tenancy.BodyList),
  'POST /v1/tenants/{tenant}/staff': json(tenancy.Staff),
  'GET /v1/tenants/{tenant}/staff': json(tenancy.StaffList),
  'POST /v1/tenants/{tenant}/staff/{id}/absences': json(tenancy.Absence),
  'GET /v1/tenants/{tenant}/staff/{id}/absences': json(tenancy.AbsenceList),
  'POST /v1/tenants/{tenant}/staff/{id}/absences/{absenceId}/end': json(tenancy.Absence),
  'GET /v1/tenants/{tenant}/absences': json(tenancy.AbsencesNow),

  // Catalogue and calendar
  'PUT /v1/cities/{city}/catalogue/{code}': json(catalogue.Matter, { statuses: [201] }),
  'GET /v1/cities/{city}/catalogue': json(catalogue.MatterList),
  'GET /v1/cities/{city}/catalogue/{code}': json(catalogue.Matter),
  'POST /v1/cities/{city}/catalogue:import': json(catalogue.ImportCounts),
  'GET /v1/cities/{city}/catalogue:export': media({
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '指导目录 The catalogue as .xlsx',
    'text/csv': '指导目录（UTF-8，带 BOM）The catalogue as .csv',
  }),
  'PUT /v1/cities/{city}/calendar/{year}': json(catalogue.CityCalendar),
  'PUT /v1/cities/{city}/evaluation': json(catalogue.EvaluationSettings),
  'GET /v1/cities/{city}/evaluation': json(catalogue.EvaluationSettings),
  'GET /v1/cities/{city}/calendar/{year}': json(catalogue.CityCalendar),
  'PUT /v1/tenants/{tenant}/calendar/{year}': json(catalogue.TenantCalendarOverride),
  'GET /v1/tenants/{tenant}/calendar/working-days': json(catalogue.WorkingDay),
  'GET /v1/tenants/{tenant}/calendar/{year}': json(catalogue.TenantCalendar),

  // Seals
  'POST /v1/tenants/{tenant}/seals': json(seals.SealView),
  'GET /v1/tenants/{tenant}/seals': json(seals.SealList),
  'GET /v1/tenants/{tenant}/seals/{id}': json(seals.SealView),
  'GET /v1/tenants/{tenant}/seals/{id}/imprint.svg': media(svg),
  'PUT /v1/tenants/{tenant}/seals/{id}/certificate': json(seals.SealCertificate),
  'GET /v1/public/{tenant}/seals/{id}/certificate': json(seals.SealCertificate),
  'GET /v1/public/{tenant}/seals/revoked': json(seals.SealRevocations),
  'POST /v1/tenants/{tenant}/seals/{id}/void': json(seals.SealView),

  // Authority
  'GET /v1/tenants/{tenant}/matters': json(catalogue.EmpoweredMatterList),
  'GET /v1/tenants/{tenant}/matters/{code}/authority': json(catalogue.AuthorityAt),
  'GET /v1/tenants/{tenant}/matters/{code}/authority/history': json(catalogue.AuthorityHistory),
  'GET /v1/cities/{city}/code-lineage': json(catalogue.CodeLineage),
  'PUT /v1/tenants/{tenant}/matters/{code}/settings': json(catalogue.LocalMatter),
  'PUT /v1/tenants/{tenant}/initial-holders': json(empowerment.InitialHoldersRecorded),

  // Rollouts
  'POST /v1/cities/{city}/rollouts': json(rollouts.Rollout),
  'GET /v1/cities/{city}/rollouts': json(rollouts.RolloutList),
  'GET /v1/cities/{city}/rollouts/{id}': json(rollouts.Rollout),
  'POST /v1/cities/{city}/rollouts/{id}/preview': json(rollouts.RolloutPreview),
  'POST /v1/cities/{city}/rollouts/{id}/impact': json(rollouts.RolloutImpact),
  'POST /v1/cities/{city}/rollouts/{id}/schedule': json(rollouts.Rollout),
  'POST /v1/cities/{city}/rollouts/{id}/cancel': json(rollouts.Rollout),
  'GET /v1/cities/{city}/rollouts/{id}/agreements/{tenant}': json(rollouts.Agreement, { media: printable }),
  'GET /v1/tenants/{tenant}/handovers': json(rollouts.HandoverList),
  'GET /v1/tenants/{tenant}/handovers/{id}': json(rollouts.Agreement, { media: printable }),
  'POST /v1/tenants/{tenant}/handovers/{id}/checklist/{item}': json(rollouts.ChecklistConfirmation),
  'POST /v1/tenants/{tenant}/staff/{id}/trainings': json(rollouts.Training),
  'GET /v1/tenants/{tenant}/staff/{id}/trainings': json(rollouts.TrainingList),
  'GET /v1/tenants/{tenant}/trainings': json(rollouts.TrainingList),

  // Window office
  'POST /v1/tenants/{tenant}/window-authorisations': json(supervision.WindowGrant),
  'GET /v1/tenants/{tenant}/window-authorisations': json(supervision.WindowGrantList, { media: printable }),
  'GET /v1/tenants/{tenant}/window-authorisations/{id}': json(supervision.WindowGrantView, {
    media: printable,
  }),
  'POST /v1/tenants/{tenant}/window-authorisations/{id}/revoke': json(supervision.WindowGrant),
  'GET /v1/tenants/{tenant}/fees/report': json(supervision.FeeReport),

  // Cases
  'POST /v1/tenants/{tenant}/cases': json(cases.IntakeReceipt),
  'GET /v1/tenants/{tenant}/cases': json(cases.CasePage),
  'POST /v1/tenants/{tenant}/cases/search': json(cases.CasePage),
  'GET /v1/tenants/{tenant}/workbench': json(supervision.Workbench),
  [`GET ${CASE}/names`]: json(cases.CaseNames),
  [`GET ${CASE}`]: json(cases.CaseView),
  [`POST ${CASE}/supplement`]: json(cases.CaseView),
  [`POST ${CASE}/accept`]: json(cases.CaseView),
  [`POST ${CASE}/reject`]: json(cases.CaseView),
  [`POST ${CASE}/withdraw`]: json(cases.CaseView),
  [`POST ${CASE}/start-step`]: json(cases.CaseView),
  [`POST ${CASE}/notify-correction`]: json(cases.CaseView),
  [`POST ${CASE}/finish-step`]: json(cases.CaseView),
  [`POST ${CASE}/request-guidance`]: json(cases.CaseView),
  [`POST ${CASE}/give-guidance`]: json(cases.CaseView),
  [`POST ${CASE}/opinion`]: json(cases.CaseView),
  [`POST ${CASE}/countersign`]: json(cases.CaseView),
  [`POST ${CASE}/countersign-override`]: json(cases.CaseView),
  [`POST ${CASE}/extend`]: json(cases.CaseView),
  [`POST ${CASE}/decide`]: json(cases.CaseView),
  [`POST ${CASE}/pay`]: json(cases.CaseView),
  [`POST ${CASE}/issue`]: json(cases.CaseView),
  [`GET ${CASE}/result`]: json(cases.ResultView),
  [`GET ${CASE}/notice.html`]: media({ 'text/html': '一次性告知书（可打印）The one-time notice, printable' }),
  [`GET ${CASE}/acceptance.html`]: media({
    'text/html': '受理通知书（可打印，含文号）The notice of acceptance, printable, with its number',
  }),
  [`GET ${CASE}/rejection.html`]: media({
    'text/html':
      '不予受理决定书（可打印，含救济途径）The decision not to accept, printable, with the remedies',
  }),
  [`GET ${CASE}/decision.html`]: media({
    'text/html': '决定书（可打印，按事项类型措辞）The decision, printable, worded by the matter type',
  }),
  [`GET ${CASE}/result.html`]: media({ 'text/html': '办理结果文书（可打印）The result, printable' }),
  [`GET ${CASE}/result.ofd`]: media(ofd),
  [`GET ${CASE}/responsibility`]: json(cases.Responsibility),
  [`GET ${CASE}/integrity`]: json(cases.Integrity),
  [`POST ${CASE}/applicant/reveal`]: json(cases.RevealedApplicant),
  [`GET ${CASE}/applicant`]: json(cases.RevealedApplicant),

  // Electronic materials (issue 16)
  [`POST ${CASE}/materials/{code}/uploads`]: json(materials.UploadTicket),
  [`GET ${CASE}/materials/{code}`]: json(materials.MaterialFileList),
  [`GET ${CASE}/materials/{code}/files/{id}`]: media({
    'application/octet-stream':
      '302 跳转（Location）到 60 秒有效的下载链接 A redirect (Location) to a link to the file, valid for 60 seconds',
  }),
  [`POST ${CASE}/materials/{code}/files/{id}/verify`]: json(materials.MaterialFile),
  [`GET ${CASE}/materials/{code}/reusable`]: json(materials.ReusableMaterials),
  [`POST ${CASE}/materials/{code}/reuse`]: json(materials.MaterialFile),
  'POST /v1/public/cases/{caseNo}/materials/{code}/uploads': json(materials.UploadTicket),
  'GET /v1/public/cases/{caseNo}/materials/{code}': json(materials.MaterialFileList),

  // Archive packages (R5, issue 16)
  'GET /v1/tenants/{tenant}/archive': json(archive.ArchivePackagePage),
  'GET /v1/tenants/{tenant}/archive/{packageId}': json(archive.ArchivePackage),
  'GET /v1/tenants/{tenant}/archive/{packageId}/objects/{name}': media({
    'application/octet-stream':
      '302 跳转（Location）到 60 秒有效的下载链接 A redirect (Location) to a link to the object, valid for 60 seconds',
  }),
  'DELETE /v1/tenants/{tenant}/archive/{packageId}': json(archive.ArchivePackageRow),

  // Supervision
  'GET /v1/tenants/{tenant}/supervision/inbox': json(supervision.Inbox),
  'POST /v1/tenants/{tenant}/supervision/findings': json(cases.CaseView),
  'POST /v1/tenants/{tenant}/supervision/receipts': json(supervision.InboxItem),
  'PUT /v1/tenants/{tenant}/supervision/liaisons': json(supervision.Liaison),
  'GET /v1/tenants/{tenant}/supervision/liaisons': json(supervision.LiaisonList),
  'GET /v1/tenants/{tenant}/holders/findings': json(supervision.HolderFindingPage),
  'GET /v1/tenants/{tenant}/supervision/board': json(supervision.Board),
  'GET /v1/tenants/{tenant}/rectifications': json(supervision.RectificationList),
  'POST /v1/tenants/{tenant}/rectifications/{caseNo}/close': json(supervision.Rectification),
  'POST /v1/tenants/{tenant}/rectifications/{caseNo}/callback': json(supervision.Rectification),
  'POST /v1/tenants/{tenant}/rectifications/{caseNo}/appeal': json(supervision.Rectification),
  'POST /v1/tenants/{tenant}/rectifications/{caseNo}/appeal/decision': json(supervision.Rectification),
  'GET /v1/cities/{city}/rectifications': json(supervision.RectificationList),
  'GET /v1/tenants/{tenant}/cards': json(supervision.CardList),
  'GET /v1/tenants/{tenant}/cards/{cardId}': json(supervision.Card),
  'POST /v1/tenants/{tenant}/cards/{cardId}/contest': json(supervision.Card),
  'POST /v1/tenants/{tenant}/cards/{cardId}/review': json(supervision.Card),
  'POST /v1/tenants/{tenant}/cards/{cardId}/urge': json(supervision.Card),
  'GET /v1/tenants/{tenant}/assessment': {
    schema: assessment.TenantAssessment,
    media: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
        'format=xlsx：每个维度每行一条 With format=xlsx: a row per tenant, body, window, staff member and matter',
    },
  },
  'GET /v1/cities/{city}/assessment': json(assessment.CityAssessment),
  'GET /v1/tenants/{tenant}/notifications': json(assessment.NotificationList),
  'GET /v1/cities/{city}/ratings:export': media({
    'application/x-ndjson':
      '每行一条评价，字段名按省级好差评接口 One rating a line, under the provincial system’s field names',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      '同上，Excel 工作表 The same as an .xlsx sheet',
  }),

  // E-licence library
  'GET /v1/tenants/{tenant}/licences': json(licences.ELicencePage),
  'GET /v1/tenants/{tenant}/licences/{licenceId}': json(licences.ELicence),
  'POST /v1/tenants/{tenant}/licences/{licenceId}/revoke': json(licences.ELicence),
  'POST /v1/tenants/{tenant}/licences/{licenceId}/cancel': json(licences.ELicence),

  // Public
  'GET /v1/public/cities': json(pub.PublicCityList),
  'GET /v1/public/cities/{city}/tenants': json(pub.PublicTenantList),
  'GET /v1/public/{tenant}/guide': json(pub.Guide),
  'GET /v1/public/{tenant}/guide/{code}': json(pub.GuideMatter),
  'GET /v1/public/cases/{caseNo}': json(pub.Progress),
  'GET /v1/public/cases/{caseNo}/access-log': json(cases.AccessLog),
  'POST /v1/public/cases/{caseNo}/rating': json(pub.Progress),
  'GET /v1/public/results/{caseNo}/verify': json(pub.Verification),
  'GET /v1/public/results/{caseNo}/seal.svg': media(svg),
  'GET /v1/public/results/{caseNo}/result.ofd': media(ofd),
  'GET /v1/public/keys': json(pub.PublicKeys),
  'GET /v1/public/{tenant}/empowered-matters': json(empowerment.PublishedEmpoweredList),
  'GET /v1/public/{tenant}/empowered-matters/changes': json(empowerment.PublishedChangeLists),
} as const satisfies Readonly<Record<string, ResponseContract>>;

export type OperationKey = keyof typeof responses;

/** The JSON body an operation answers with on success. */
export type ResponseOf<K extends OperationKey> =
  (typeof responses)[K] extends JsonResponse<infer S> ? z.infer<S> : never;

/** `{city}` for hono's `:city`; a route whose path does not convert names its OpenAPI path itself. */
export const openApiPath = (route: { readonly path: string; readonly openapiPath?: string }): string =>
  route.openapiPath ?? route.path.replace(/:([A-Za-z]+)/g, '{$1}');

export const operationKey = (route: {
  readonly method: string;
  readonly path: string;
  readonly openapiPath?: string;
}): string => `${route.method.toUpperCase()} ${openApiPath(route)}`;

/** The contract of one route, if it has one. */
export function responseOf(route: Parameters<typeof operationKey>[0]): ResponseContract | undefined {
  return (responses as Readonly<Record<string, ResponseContract>>)[operationKey(route)];
}

export type { ArchivePackage, ArchivePackageRow } from './archive';
export type { AssessmentRow, CityAssessment, NotificationList, TenantAssessment } from './assessment';
// The views by name, for clients: `import type { CaseView } from '@onewindow/api/contract'`.
export type {
  AccessEntry,
  Binding,
  CaseAction,
  CaseEvent,
  CaseNames,
  CasePage,
  CaseSummary,
  CaseView,
  IntakeReceipt,
  Integrity,
  Notice,
  Responsibility,
  Result,
  ResultView,
  RevealedApplicant,
  Step,
} from './cases';
export { CASE_ACTIONS } from './cases';
export type {
  AuthorityAt,
  AuthorityPeriod,
  AuthorityView,
  CityCalendar,
  EmpoweredMatter,
  EmpoweredMatterList,
  EvaluationSettings,
  Fee,
  ImportCounts,
  LocalMatter,
  Material,
  Matter,
  TenantCalendar,
} from './catalogue';
export type { ELicence, ELicencePage } from './licences';
export type { Problem, ProblemEntry } from './problem';
export { Problem as problemSchema } from './problem';
export type {
  Guide,
  GuideMatter,
  GuideRow,
  Progress,
  PublicKeys,
  PublicTenantList,
  Verification,
} from './public';
export { contractRegistry } from './registry';
export type {
  Agreement,
  Blocker,
  Handover,
  Rollout,
  RolloutAction,
  RolloutImpact,
  RolloutPreview,
  TenantImpact,
  TenantPreview,
  Training,
} from './rollouts';
export { ROLLOUT_ACTIONS } from './rollouts';
export type { SealView } from './seals';
export type {
  Board,
  Card,
  FeeReport,
  HolderFinding,
  HolderFindingPage,
  Inbox,
  InboxItem,
  Liaison,
  LiaisonList,
  Receipt,
  Rectification,
  WindowGrant,
  WindowGrantView,
  Workbench,
} from './supervision';
export type { Absence, AbsencesNow, Body, City, Staff, Tenant } from './tenancy';
