import type { Store } from '@onewindow/store';
import { AbsenceService } from './absences';
import { ArchiveService, platformManifestSigner } from './archive';
import { AuthorityService } from './authority';
import { CalendarService } from './calendar';
import {
  ApplicantService,
  CaseDocuments,
  CaseNames,
  CaseService,
  HolderFindings,
  holderKeyFrom,
  MaterialIntegrity,
  WorkbenchService,
} from './cases';
import { CatalogueService } from './catalogue';
import { Clock, platformJobs } from './clock';
import { Commands } from './commands';
import { EmpowermentService } from './empowerment';
import { type KeyVault, type SealKeyCustody, SealKeys, SealPki } from './esign';
import { AssessmentService } from './evaluation/assessment';
import { CardService } from './evaluation/cards';
import { RatingExport } from './evaluation/export';
import { NotificationService } from './evaluation/notifications';
import { RectificationService } from './evaluation/rectifications';
import { LicenceService } from './licences';
import { MaterialService } from './materials';
import type { ObjectStore } from './materials/objects';
import { OfdResults } from './ofd';
import { GuideService, PublicCaseService, PublicLimits, ResultVerification } from './public';
import { DefaultRatings } from './public/default-ratings';
import { ReadinessService } from './readiness';
import { RolloutService } from './rollouts';
import { SealService } from './seals';
import { type ResultKeys, type ResultSigner, resultKeysOf } from './signing';
import { SupervisionService } from './supervision';
import { TenancyService } from './tenancy';
import { WindowGrantService } from './window-grants';
import { WindowOfficeService } from './window-office';

export interface ServicesOptions {
  readonly store: Store;
  /** Signs issued results; the cases Lambda and the local stack have one. */
  readonly signer?: ResultSigner;
  /**
   * Holds the seals' SM2 private keys (wrapped): KMS in AWS, the local key store locally.
   * The cases Lambda signs results with them; the files Lambda and the stream worker build
   * certificates and GB/T 38540 signatures.
   */
  readonly vault?: KeyVault;
  /** Where new seal keys are made (esign/custody.ts); by default generated here and wrapped by `vault`. */
  readonly custody?: SealKeyCustody;
  /** Where printed verification links point when no request names it (the stream worker's OFD builds). */
  readonly publicBaseUrl?: string;
  /**
   * The key the holder index of supervision findings is HMAC'd under (issue 15): the files function
   * derives it from its own secret (`holderKeyFrom`); `createServices` falls back to one derived
   * from the signer's look-up key, for the processes that do everything (local stack, tests).
   */
  readonly holderKey?: Uint8Array;
  /** The object store for material files (issue 16): S3 in AWS, the embedded S3 locally. */
  readonly objects?: ObjectStore;
  /**
   * No malware scanner runs in this deployment (the local stack, tests): files stay `not-scanned`
   * and are usable as such; in AWS GuardDuty tags them and only `clean` ones are (issue 16).
   */
  readonly scannerless?: boolean;
}

/** The materials service over the options' bucket; `scannerless` decides whether `not-scanned` files count. */
const materialsOf = (options: ServicesOptions, cases: CaseService, commands: Commands, ofd: OfdResults) =>
  new MaterialService(options.store, cases, commands, options.objects, {
    scanner: options.scannerless ? 'none' : 'guardduty',
    ...(options.holderKey ? { holderKey: options.holderKey } : {}),
    ofd,
  });

/** Archive packages over the options' bucket; they are signed with the platform's key where the process has it. */
const archiveOf = (options: ServicesOptions, commands: Commands, files: MaterialService, ofd: OfdResults) =>
  new ArchiveService(options.store, commands, options.objects, {
    ...(options.signer ? { signer: platformManifestSigner(options.signer) } : {}),
    files,
    ofd,
  });

/** The holder index over `holderKey`, when the process has one. */
const holdersOf = ({ store, holderKey }: ServicesOptions) =>
  holderKey ? new HolderFindings(store, holderKey) : undefined;

/** A process without a vault cannot sign with a seal, and says so when asked to. */
const noVault: KeyVault = {
  name: 'none',
  wrap: () => Promise.reject(new Error('this process has no seal key vault')),
  unwrap: () => Promise.reject(new Error('this process has no seal key vault')),
};

/** Tenancy, catalogue, seals, calendar, authority and the window office: the api and files Lambdas. */
export interface CoreServices {
  readonly commands: Commands;
  readonly tenancy: TenancyService;
  readonly catalogue: CatalogueService;
  readonly seals: SealService;
  readonly calendar: CalendarService;
  readonly authority: AuthorityService;
  readonly windowOffice: WindowOfficeService;
}

/** Cases, supervision and the public pages: the cases Lambda. */
export interface CaseServices {
  readonly commands: Commands;
  readonly cases: CaseService;
  /** The keys results are signed with (`/v1/public/keys`). */
  readonly resultKeys: ResultKeys;
  /** The public case routes' rate limits and wrong-code locks, counted in the table. */
  readonly publicLimits: PublicLimits;
}

/**
 * The files Lambda: the core services, and the applicant reveal, a disclosure of personal data
 * served there because the cases bundle has no room for it (its read reuses CaseService's check).
 */
export interface FileServices extends CoreServices {
  /** A city's rollouts and the handover agreements: served here, off the api bundle. */
  readonly rollouts: RolloutService;
  /** The applicant in full for those handling a case, each access recorded. */
  readonly applicants: ApplicantService;
  /** Reads for the printable notice and result; the public rating's command. */
  readonly cases: CaseService;
  /** The applicant's public case pages: progress, rating, access log, seal imprint (no signing key here). */
  readonly publicCases: PublicCaseService;
  /** What the official documents print beside the case (文书: hall, legal basis, handler, respondent). */
  readonly documents: CaseDocuments;
  /** Initial holders (R13) and the empowered list published to society. */
  readonly empowerment: EmpowermentService;
  /** Seal certificates, the revocation list, SESeal and SES_Signature (`signSes`), GB/T 38540. */
  readonly esign: SealPki;
  /** The public verification of a result (its SM2 signature and seal), served by the files Lambda. */
  readonly verification: ResultVerification;
  /** The published list is a public route, rate-limited per client like the others. */
  readonly publicLimits: PublicLimits;
  /** The e-licence library: a holder's licences, revocation and cancellation. */
  readonly licences: LicenceService;
  /** The result as an OFD package under its seal, sealed once. */
  readonly ofd: OfdResults;
  /** The workbench's counts (工作台), from the counters. */
  readonly workbench: WorkbenchService;
  /** The names of the tenant, bodies, seal and staff a case names by id. */
  readonly caseNames: CaseNames;
  /** R10 and e-supervision: the supervising bodies' inbox, receipts and findings, the board. */
  readonly supervision: SupervisionService;
  /** R18 after a 差评: the rectification ledger, call-backs, escalations and appeals. */
  readonly rectifications: RectificationService;
  /** The month's ratings for the provincial 好差评 system. */
  readonly ratingExport: RatingExport;
  /** The public service guides (art. 30) and the centres that publish them. */
  readonly guides: GuideService;
  /** R19: e-supervision cards with their clock proofs; contest, review, urge. */
  readonly cards: CardService;
  /** Supervision findings by holder, for the window at the holder's next intake (issue 15). */
  readonly holders?: HolderFindings;
  /** The monthly assessment (月度考核) from the counters, and the city's ranking. */
  readonly assessment: AssessmentService;
  /** What a staff member has been told: the urges on their cards. */
  readonly notifications: NotificationService;
  /** R16: chief representatives' written authorisations (首席代表授权书), granted by departments' heads. */
  readonly windowGrants: WindowGrantService;
  /** Absences of A/B posts (AB角): who is away and who covers. */
  readonly absences: AbsenceService;
  /** Training records per staff member and matter, and the handover checklists (R11, people). */
  readonly readiness: ReadinessService;
  /** The integrity read's re-hash of the case's files against the chain (issue 16), where there is an object store. */
  readonly materialIntegrity?: MaterialIntegrity;
  /**
   * A case's files (issue 16): presigned uploads, recording by bytes, scans, downloads with
   * access records, verified copies and reuse. Without `objects` its uploads and downloads answer 503.
   */
  readonly materials: MaterialService;
  /**
   * Archive packages (R5, issue 16): the custodian's list, manifest, downloads and disposal; the
   * packaging itself where the process has a signer (the stream worker, the local stack).
   */
  readonly archive: ArchiveService;
}

/** Every application service over one table: what the local stack, the tests and the workers call. */
export interface AppServices extends FileServices, CaseServices {
  readonly clock: Clock;
}

export function coreServices({ store }: ServicesOptions, commands = new Commands(store)): CoreServices {
  return {
    commands,
    tenancy: new TenancyService(store),
    catalogue: new CatalogueService(store),
    seals: new SealService(store),
    calendar: new CalendarService(store),
    authority: new AuthorityService(store),
    windowOffice: new WindowOfficeService(store),
  };
}

export function caseServices(
  { store, signer, vault, custody, scannerless }: ServicesOptions,
  commands = new Commands(store),
  /** The holder index, where this process records findings (not the cases Lambda, whose bundle is left without it). */
  holders?: HolderFindings,
): CaseServices {
  const sealKeys = vault ? new SealKeys(store, vault, custody) : undefined;
  const cases = new CaseService(store, signer, sealKeys, holders, scannerless);
  return {
    commands,
    cases,
    resultKeys: resultKeysOf(signer),
    publicLimits: new PublicLimits(store),
  };
}

/** The seals' PKI over one vault (the files Lambda, the stream worker, the local stack). */
export const sealPki = ({ store, vault = noVault, custody }: ServicesOptions): SealPki =>
  new SealPki(store, vault, new SealKeys(store, vault, custody));

export function fileServices(
  options: ServicesOptions,
  cases = new CaseService(options.store, undefined, undefined, holdersOf(options), options.scannerless),
): FileServices {
  const { store } = options;
  const core = coreServices({ store });
  const holders = holdersOf(options);
  const ofd = new OfdResults(store, cases, core.commands, sealPki(options), options.publicBaseUrl);
  const materials = materialsOf(options, cases, core.commands, ofd);
  return {
    ...core,
    rollouts: new RolloutService(store),
    licences: new LicenceService(store, core.commands),
    ofd,
    materials,
    archive: archiveOf(options, core.commands, materials, ofd),
    applicants: new ApplicantService(store, cases),
    cases,
    publicCases: new PublicCaseService(store, cases, core.commands),
    documents: new CaseDocuments(store),
    empowerment: new EmpowermentService(store),
    publicLimits: new PublicLimits(store),
    esign: sealPki(options),
    verification: new ResultVerification(store, cases, options.signer),
    workbench: new WorkbenchService(store),
    caseNames: new CaseNames(store),
    supervision: new SupervisionService(store),
    rectifications: new RectificationService(store, cases),
    ratingExport: new RatingExport(store),
    guides: new GuideService(store),
    cards: new CardService(store),
    ...(holders ? { holders } : {}),
    assessment: new AssessmentService(store),
    notifications: new NotificationService(store),
    windowGrants: new WindowGrantService(store),
    absences: new AbsenceService(store),
    readiness: new ReadinessService(store),
    ...(options.objects ? { materialIntegrity: new MaterialIntegrity(store, options.objects) } : {}),
  };
}

export function createServices(given: ServicesOptions): AppServices {
  const lookupKey = given.signer?.lookupKey;
  const holderKey = given.holderKey ?? (lookupKey ? holderKeyFrom(lookupKey) : undefined);
  const options: ServicesOptions = { ...given, ...(holderKey ? { holderKey } : {}) };
  const holders = holdersOf(options);
  const commands = new Commands(options.store);
  const core = coreServices(options, commands);
  const cases = caseServices(options, commands, holders);
  const rectifications = new RectificationService(options.store, cases.cases);
  const cards = new CardService(options.store);
  const rollouts = new RolloutService(options.store);
  const ofd = new OfdResults(options.store, cases.cases, commands, sealPki(options), options.publicBaseUrl);
  const materials = materialsOf(options, cases.cases, commands, ofd);
  const jobs = platformJobs({
    cards,
    cases: cases.cases,
    defaultRatings: new DefaultRatings(options.store, cases.cases),
    rectifications,
    rollouts,
    system: (actor, tenant, now) => commands.system(actor, tenant, now),
  });
  return {
    ...core,
    ...cases,
    rollouts,
    publicCases: new PublicCaseService(options.store, cases.cases, commands, options.signer),
    applicants: new ApplicantService(options.store, cases.cases),
    esign: sealPki(options),
    verification: new ResultVerification(options.store, cases.cases, options.signer),
    documents: new CaseDocuments(options.store),
    workbench: new WorkbenchService(options.store),
    caseNames: new CaseNames(options.store),
    supervision: new SupervisionService(options.store),
    rectifications,
    ratingExport: new RatingExport(options.store),
    guides: new GuideService(options.store),
    cards,
    ...(holders ? { holders } : {}),
    assessment: new AssessmentService(options.store),
    notifications: new NotificationService(options.store),
    windowGrants: new WindowGrantService(options.store),
    absences: new AbsenceService(options.store),
    readiness: new ReadinessService(options.store),
    ...(options.objects ? { materialIntegrity: new MaterialIntegrity(options.store, options.objects) } : {}),
    licences: new LicenceService(options.store, commands),
    ofd,
    materials,
    archive: archiveOf(options, commands, materials, ofd),
    empowerment: new EmpowermentService(options.store),
    clock: new Clock(options.store, jobs),
  };
}

/**
 * The services of one HTTP Lambda (`coreServices` or `caseServices`), as the container routes
 * take: each Lambda mounts only its own route group and bundles only its own services, so a
 * route reaching a service it was not given is a wiring mistake, and says so.
 */
export function onlyServices(given: CoreServices | CaseServices, lambda: string): AppServices {
  return new Proxy(given as AppServices, {
    get(target, name: string) {
      const service = target[name as keyof AppServices];
      if (service === undefined) throw new Error(`the ${name} service is not wired in the ${lambda} Lambda`);
      return service;
    },
  });
}
