import type { RouteSpec } from './route';
import { absenceRoutes } from './routes/absences';
import { archiveRoutes } from './routes/archive';
import { assessmentRoutes } from './routes/assessment';
import { cardRoutes } from './routes/cards';
import { caseRouteList } from './routes/cases';
import { applicantRoutes } from './routes/cases/applicant';
import { ofdRoutes } from './routes/cases/ofd';
import { printRoutes } from './routes/cases/print';
import { caseReadRoutes } from './routes/cases/reads';
import { supervisionRoutes } from './routes/cases/supervision';
import { verifyRoutes } from './routes/cases/verify';
import { workbenchRoutes } from './routes/cases/workbench';
import { catalogueFileRoutes } from './routes/catalogue-files';
import { codeLineageRoutes } from './routes/code-lineage';
import { coreRoutes } from './routes/core';
import { empowermentRoutes } from './routes/empowerment';
import { holderRoutes } from './routes/holders';
import { licenceRoutes } from './routes/licences';
import { materialRoutes } from './routes/materials';
import { notificationRoutes } from './routes/notifications';
import { publicCaseRoutes } from './routes/public-cases';
import { publicGuideRoutes } from './routes/public-guide';
import { ratingExportRoutes } from './routes/rating-export';
import { readinessRoutes } from './routes/readiness';
import { rectificationRoutes } from './routes/rectifications';
import { rolloutRoutes } from './routes/rollouts';
import { sealCertificateRoutes } from './routes/seal-certificates';
import { windowGrantRoutes } from './routes/window-grants';

export {
  absenceRoutes,
  applicantRoutes,
  archiveRoutes,
  assessmentRoutes,
  cardRoutes,
  caseReadRoutes,
  catalogueFileRoutes,
  codeLineageRoutes,
  coreRoutes,
  empowermentRoutes,
  holderRoutes,
  licenceRoutes,
  materialRoutes,
  notificationRoutes,
  ofdRoutes,
  printRoutes,
  publicCaseRoutes,
  publicGuideRoutes,
  ratingExportRoutes,
  readinessRoutes,
  rectificationRoutes,
  rolloutRoutes,
  sealCertificateRoutes,
  supervisionRoutes,
  verifyRoutes,
  windowGrantRoutes,
  workbenchRoutes,
};

/**
 * Cases and the public pages: what the cases Lambda mounts.
 * Each group is its own Lambda so each bundle stays within its budget (bench/bundle.ts).
 */
export const caseRoutes: readonly RouteSpec[] = caseRouteList;

/**
 * What the files Lambda mounts: the catalogue files and every route whose code the api and cases
 * bundles have no room for (printing, OFD, seal certificates and verification, licences, lists,
 * supervision and rectifications, the provincial rating export).
 */
export const fileRoutes: readonly RouteSpec[] = [
  ...catalogueFileRoutes,
  ...codeLineageRoutes,
  // A city's rollouts and the handover agreements (R1–R7): rare planning work, off the api bundle.
  ...rolloutRoutes,
  ...applicantRoutes,
  // The case list, result, responsibility and integrity reads: no command, so off the cases bundle.
  ...caseReadRoutes,
  ...printRoutes,
  ...empowermentRoutes,
  ...licenceRoutes,
  ...ofdRoutes,
  ...workbenchRoutes,
  ...sealCertificateRoutes,
  ...verifyRoutes,
  // E-supervision and 好差评's rectifications (R10, R18): the cases bundle has no room for them.
  ...supervisionRoutes,
  // The supervision findings on a holder's earlier cases, for the window at intake (issue 15).
  ...holderRoutes,
  ...rectificationRoutes,
  ...ratingExportRoutes,
  ...publicGuideRoutes,
  ...publicCaseRoutes,
  ...cardRoutes,
  ...assessmentRoutes,
  ...notificationRoutes,
  // Chief representatives' written authorisations (R16): grants, lists and printable letters.
  ...windowGrantRoutes,
  // Training records and the handover checklist (R11, people); the api Lambda's preview only reads them.
  ...readinessRoutes,
  // Absences of A/B posts (AB角): not case commands, and the api and cases bundles are nearly full.
  ...absenceRoutes,
  // A case's files (issue 16): only this function bundles the S3 client and has the bucket.
  ...materialRoutes,
  // Archive packages of closed cases (R5, issue 16): the custodian's list, manifest, downloads, disposal.
  ...archiveRoutes,
];

/** Every API route, in one list: OpenAPI describes it, the local stack mounts it, the access matrix test walks it. */
export const apiRoutes: readonly RouteSpec[] = [...coreRoutes, ...caseRoutes, ...fileRoutes];
