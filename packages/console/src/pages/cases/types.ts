/** The case as the API reads it to staff (API.md "A case reads as …"), the parts the pages show. */
export interface CaseView {
  readonly caseNo: string;
  readonly tenant: string;
  readonly matter: string;
  readonly matterName: string;
  readonly item?: string;
  readonly applicant: { readonly kind: string; readonly name: string; readonly idNumber: string };
  readonly status: string;
  readonly statusName?: { readonly zh: string; readonly en: string };
  readonly body?: string;
  readonly seal?: string;
  readonly supervisingBody?: string;
  readonly receivedAt: string;
  readonly acceptedAt?: string;
  readonly dueDate?: string;
  readonly statutoryDueDate?: string;
  readonly acceptBy?: string;
  readonly issueBy?: string;
  readonly clock: string;
  readonly paused?: boolean;
  readonly version: number;
  readonly deficiency?: {
    readonly materials: readonly string[];
    readonly supplementBy: string;
    readonly lapsed?: boolean;
  };
  readonly materials?: readonly { code: string; name: string; core: boolean; provided: boolean }[];
  readonly limits?: {
    readonly promisedDays: number;
    readonly statutoryDays: number;
    readonly onTheSpot: boolean;
  };
  readonly notices?: readonly Notice[];
  readonly steps?: readonly Step[];
  readonly extension?: { readonly days: number; readonly reason: string; readonly at: string };
  readonly decision?: {
    readonly outcome: string;
    readonly reasons?: string;
    readonly at: string;
    readonly by: string;
  };
  readonly fees?: readonly { code: string; name: string; amount: number }[];
  readonly payment?: { readonly receiptNo: string; readonly amount: number; readonly at: string };
  readonly result?: Result;
  readonly findings?: readonly { at: string; by: string; body: string; text: string; severity: string }[];
  readonly rating?: { readonly level: number; readonly comment?: string; readonly at: string };
  readonly closing?: { readonly reason: string; readonly competentAuthority?: string };
  readonly closedAt?: string;
  readonly events?: readonly CaseEvent[];
}

export interface Notice {
  readonly kind: string;
  readonly at: string;
  readonly zh: string;
  readonly en: string;
  readonly missing?: readonly { code: string; name: string; core: boolean }[];
}

export interface Step {
  readonly id: string;
  readonly kind: string;
  readonly bodies: readonly string[];
  readonly excluded: boolean;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly outcome?: string;
  readonly note?: string;
}

export interface CaseEvent {
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly seq?: number;
  readonly reason?: string;
  readonly outcome?: string;
  readonly kind?: string;
  readonly days?: number;
  readonly notice?: Notice;
  readonly level?: number;
  readonly stepId?: string;
}

export interface Result {
  readonly caseNo: string;
  readonly tenant: string;
  readonly matterName: string;
  readonly item?: string;
  readonly applicantName: string;
  readonly outcome: string;
  readonly reasons?: string;
  readonly appealRights?: string;
  readonly decidedAt: string;
  readonly issuedAt: string;
  readonly approvingBody: string;
  readonly seal: { readonly id: string; readonly body: string; readonly tenant: string };
  readonly keyId: string;
  readonly signature: string;
  readonly delivery: string;
}

/** The receipt's one-time view of the query code, kept in a short-lived cookie after intake. */
export interface IntakeFlash {
  readonly caseNo: string;
  readonly queryCode: string;
}

export const OPEN_STATUSES = [
  'received',
  'needs-correction',
  'accepted',
  'accepted-with-deficiency',
  'approved',
  'denied',
];
export const BACK_OFFICE = ['accepted', 'accepted-with-deficiency'];
