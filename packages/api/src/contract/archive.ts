import { ARCHIVE_FORMAT, CASE_STATUSES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { count, instant, named, pageOf } from './registry';

const hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const custodian = z.strictObject({ body: z.optional(z.string()), tenant: z.string() });
const years = z.int().check(z.minimum(1));

const entry = z.strictObject({
  name: z.string(),
  kind: z.enum(['result', 'result-ofd', 'events', 'material']),
  contentType: z.string(),
  size: count,
  sha256: hex64,
  sm3: hex64,
  material: z.optional(
    z.strictObject({
      code: z.string(),
      version: z.int().check(z.minimum(1)),
      fileId: z.string(),
      fileName: z.string(),
      uploadedAt: instant,
      uploadedBy: z.string(),
      channel: z.enum(['window', 'online', 'reuse']),
      scan: z.enum(['pending', 'clean', 'infected', 'not-scanned']),
      verified: z.optional(z.strictObject({ watermark: z.string(), by: z.string(), at: instant })),
    }),
  ),
  recorded: z.optional(z.strictObject({ size: count, sha256: hex64, sm3: hex64 })),
});

const manifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  id: z.string(),
  case: z.strictObject({
    tenant: z.string(),
    caseNo: z.string(),
    matter: z.string(),
    matterName: z.string(),
    matterType: z.optional(z.string()),
    status: z.enum(CASE_STATUSES),
    outcome: z.optional(z.string()),
    applicant: z.strictObject({ kind: z.string(), name: z.string(), idNumber: z.string() }),
    receivedAt: instant,
    closedAt: instant,
  }),
  custodian,
  entries: z.array(entry),
  excluded: z.optional(
    z.array(z.strictObject({ code: z.string(), version: z.int(), fileId: z.string(), reason: z.string() })),
  ),
  chain: z.strictObject({ head: z.string(), events: count }),
  createdAt: instant,
  retentionYears: years,
  retainUntil: instant,
});

const rowShape = {
  id: z.string(),
  caseTenant: z.string(),
  caseNo: z.string(),
  matter: z.string(),
  matterName: z.string(),
  custodian,
  prefix: z.string(),
  closedAt: instant,
  createdAt: instant,
  retentionYears: years,
  retainUntil: instant,
  manifestSha256: hex64,
  manifestSm3: hex64,
  complete: z.boolean(),
  disposed: z.optional(z.strictObject({ at: instant, by: z.string() })),
  entries: count,
  /** How the case closed (the manifest's status and outcome), for the list. */
  status: z.optional(z.enum(CASE_STATUSES)),
  outcome: z.optional(z.string()),
};

export const ArchivePackageRow = named(
  'ArchivePackageRow',
  '档案包（列表行）：办件、保管单位、保管期限、清单摘要 An archive package as a list shows it: the case, the custodian, the retention, the manifest digests',
  z.strictObject(rowShape),
);

export const ArchivePackagePage = named(
  'ArchivePackagePage',
  '本租户保管的档案包 The archive packages a custodian tenant keeps',
  pageOf(ArchivePackageRow),
);

export const ArchivePackage = named(
  'ArchivePackage',
  '档案包：平台签名的清单（每个文件的大小、SHA-256、SM3）、签名与利用登记 An archive package: its manifest (every object with size, SHA-256 and SM3) signed by the platform, the signature, and the use register',
  z.strictObject({
    ...rowShape,
    manifest,
    signature: z.strictObject({ alg: z.string(), keyId: z.string(), value: z.string() }),
    uses: z.array(
      z.strictObject({
        at: instant,
        sub: z.string(),
        caseNo: z.string(),
        name: z.string(),
        purpose: z.string(),
      }),
    ),
  }),
);

export type ArchivePackageRow = z.infer<typeof ArchivePackageRow>;
export type ArchivePackage = z.infer<typeof ArchivePackage>;
