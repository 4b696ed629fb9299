/**
 * The case views as the API answers them: the types come from the API's response contract,
 * so a page reads exactly what the API sends (types only: no schema reaches the console's bundle).
 */
export type {
  CaseEvent,
  CasePage,
  CaseSummary,
  CaseView,
  Notice,
  Result,
  ResultView,
  Step,
} from '@onewindow/api/contract';

/** The receipt's one-time view of the query code, kept in a short-lived cookie after intake. */
export interface IntakeFlash {
  readonly caseNo: string;
  readonly queryCode: string;
}
