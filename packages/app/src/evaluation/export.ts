import type { AccessRecord, Applicant, Principal, Rating, RatingChannel } from '@onewindow/domain';
import {
  accessRecordItem,
  caseKeys,
  getMany,
  type Item,
  putMany,
  type Store,
  TenancyRepository,
  tenantPk,
} from '@onewindow/store';
import { CodeBook } from '../code-lineage';
import { mapLimit } from '../rollouts/load';

/**
 * One rating as the provincial 好差评 system takes it, under its field names. Codes: userType
 * 1 person, 2 legal person; certificateType 111 resident identity card, 001 unified social credit
 * code; projectType 1 即办件 (on the spot), 2 承诺件; evalProcess 2 after handling (every rating
 * here is of a handled service); pf (channel) 1 web, 2 mobile, 3 hall device, 4 hotline;
 * evalLevel 5 非常满意 … 1 非常不满意. Times are Beijing time, `yyyy-MM-dd HH:mm:ss`.
 */
export interface ProvincialRating {
  readonly departmentCode: string;
  readonly departmentName: string;
  readonly hallCode: string;
  readonly hallName: string;
  readonly windowNo: string;
  readonly workNo: string;
  readonly affairSerialNo: string;
  readonly affairCode: string;
  readonly affairHandleItem: string;
  readonly affairApplyTime: string;
  readonly affairDoneTime: string;
  readonly userType: '1' | '2';
  readonly userName: string;
  readonly certificateType: '111' | '001';
  readonly certificateNo: string;
  readonly projectType: '1' | '2';
  readonly evalProcess: '2';
  readonly evalLevel: number;
  readonly evalTime: string;
  readonly pf: string;
  readonly evalReason: string;
  readonly evalObject: string;
  readonly evalContent: string;
  /** 1 when the clock gave the city's default (the applicant said nothing). */
  readonly isDefault: '0' | '1';
  /** 1 when an upheld appeal left the rating out of the statistics; the reason beside it. */
  readonly excluded: '0' | '1';
  readonly excludedReason: string;
}

/** The provincial field names in the order the file carries them. */
export const PROVINCIAL_FIELDS: readonly (keyof ProvincialRating)[] = [
  'departmentCode',
  'departmentName',
  'hallCode',
  'hallName',
  'windowNo',
  'workNo',
  'affairSerialNo',
  'affairCode',
  'affairHandleItem',
  'affairApplyTime',
  'affairDoneTime',
  'userType',
  'userName',
  'certificateType',
  'certificateNo',
  'projectType',
  'evalProcess',
  'evalLevel',
  'evalTime',
  'pf',
  'evalReason',
  'evalObject',
  'evalContent',
  'isDefault',
  'excluded',
  'excludedReason',
];

const PF: Record<RatingChannel, string> = { web: '1', mobile: '2', 'window-device': '3', hotline: '4' };

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, as the provincial system reads times. */
export function beijingTime(instant: string | undefined): string {
  if (!instant) return '';
  const t = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** The rating record the case command wrote (store/cases/evaluation.ts). */
type RatingRecord = Rating & {
  caseNo: string;
  tenant: string;
  matter: string;
  matterName: string;
  body?: string;
  receivedBy: string;
  receivedAt: string;
  doneAt?: string;
  onTheSpot: boolean;
  applicantKind: Applicant['kind'];
};

/**
 * The provincial export of a city's ratings in one month (R18): every tenant's rating records
 * of the month (one Query a tenant), the applicants' identity numbers from the cases (100 to a
 * read), the bodies' USCCs and implementation codes from the code book. The export discloses
 * each applicant's identity number, so each case records the access in its applicant's log.
 */
export class RatingExport {
  constructor(private readonly store: Store) {}

  async rows(principal: Principal, city: string, month: string, now: string): Promise<ProvincialRating[]> {
    const tenancy = new TenancyRepository(this.store);
    const tenants = await tenancy.tenants(city);
    const names = new Map(tenants.map((t) => [t.id, t.name]));
    const records = (
      await mapLimit(tenants, 10, (t) => this.store.queryPrefix<Item>(tenantPk(t.id), `RATING#${month}#`))
    ).flat() as unknown as RatingRecord[];
    if (records.length === 0) return [];
    const cases = await getMany<{ state: { applicant: Applicant } }>(
      this.store,
      records.map((r) => caseKeys.case(r.tenant, r.caseNo)),
    );
    const codes = new CodeBook(this.store, city);
    const rows = await mapLimit(records, 10, async (r): Promise<ProvincialRating> => {
      const applicant = cases.get(keyOf(caseKeys.case(r.tenant, r.caseNo)))?.state.applicant;
      const body = r.body ? await codes.body(r.body) : undefined;
      const person = r.applicantKind === 'person';
      return {
        departmentCode: body?.uscc ?? '',
        departmentName: body?.name ?? '',
        hallCode: r.tenant,
        hallName: names.get(r.tenant) ?? r.tenant,
        windowNo: '',
        workNo: r.receivedBy,
        affairSerialNo: r.caseNo,
        affairCode: (await codes.code(r.body, r.matter)) ?? '',
        affairHandleItem: r.matterName,
        affairApplyTime: beijingTime(r.receivedAt),
        affairDoneTime: beijingTime(r.doneAt),
        userType: person ? '1' : '2',
        userName: applicant?.name ?? '',
        certificateType: person ? '111' : '001',
        certificateNo: applicant?.idNumber ?? '',
        projectType: r.onTheSpot ? '1' : '2',
        evalProcess: '2',
        evalLevel: r.level,
        evalTime: beijingTime(r.at),
        pf: r.channel ? PF[r.channel] : '',
        evalReason: (r.reasons ?? []).join(','),
        evalObject: (r.objects ?? []).join(','),
        evalContent: r.comment ?? '',
        isDefault: r.default ? '1' : '0',
        excluded: r.excluded ? '1' : '0',
        excludedReason: r.excluded?.reason ?? '',
      };
    });
    const access: AccessRecord[] = records.map((r) => ({
      at: now,
      tenant: r.tenant,
      caseNo: r.caseNo,
      sub: principal.sub,
      body: city,
      role: principal.roles.includes('platform-admin') ? 'platform-admin' : 'city-admin',
      purpose: `好差评省级报送 provincial evaluation export ${month}`,
      what: 'applicant',
    }));
    await putMany(this.store, access.map(accessRecordItem));
    return rows.sort(
      (a, b) => a.evalTime.localeCompare(b.evalTime) || a.affairSerialNo.localeCompare(b.affairSerialNo),
    );
  }
}

const keyOf = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;
