import type { RouteSpec } from './route';
import { assessmentRoutes } from './routes/assessment';
import { cardRoutes } from './routes/cards';
import { caseRouteList } from './routes/cases';
import { applicantRoutes } from './routes/cases/applicant';
import { ofdRoutes } from './routes/cases/ofd';
import { printRoutes } from './routes/cases/print';
import { supervisionRoutes } from './routes/cases/supervision';
import { verifyRoutes } from './routes/cases/verify';
import { workbenchRoutes } from './routes/cases/workbench';
import { catalogueFileRoutes } from './routes/catalogue-files';
import { codeLineageRoutes } from './routes/code-lineage';
import { coreRoutes } from './routes/core';
import { empowermentRoutes } from './routes/empowerment';
import { holderRoutes } from './routes/holders';
import { licenceRoutes } from './routes/licences';
import { notificationRoutes } from './routes/notifications';
import { publicCaseRoutes } from './routes/public-cases';
import { publicGuideRoutes } from './routes/public-guide';
import { ratingExportRoutes } from './routes/rating-export';
import { rectificationRoutes } from './routes/rectifications';
import { sealCertificateRoutes } from './routes/seal-certificates';

export {
  applicantRoutes,
  assessmentRoutes,
  cardRoutes,
  catalogueFileRoutes,
  codeLineageRoutes,
  coreRoutes,
  empowermentRoutes,
  holderRoutes,
  licenceRoutes,
  notificationRoutes,
  ofdRoutes,
  printRoutes,
  publicCaseRoutes,
  publicGuideRoutes,
  ratingExportRoutes,
  rectificationRoutes,
  sealCertificateRoutes,
  supervisionRoutes,
  verifyRoutes,
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
  ...applicantRoutes,
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
];

/** Every API route, in one list: OpenAPI describes it, the local stack mounts it, the access matrix test walks it. */
export const apiRoutes: readonly RouteSpec[] = [...coreRoutes, ...caseRoutes, ...fileRoutes];
