import { MATERIAL_FILE_TYPES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { bilingual, count, instant, named } from './registry';

const type = z.enum(MATERIAL_FILE_TYPES as unknown as [string, ...string[]]);
const scan = z.enum(['pending', 'clean', 'infected', 'not-scanned']);
const channel = z.enum(['window', 'online', 'reuse']);
const hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const verified = z.strictObject({ watermark: z.string(), by: z.string(), at: instant });
const reusedFrom = z.strictObject({ tenant: z.string(), caseNo: z.string(), fileId: z.string() });

export const UploadTicket = named(
  'UploadTicket',
  '预签名上传（直传存储，不经 Lambda）：POST 表单字段或 PUT 请求头，类型与大小上限写入签名，短时有效 A presigned upload straight to the bucket: the form fields (POST) or headers (PUT); the type and the size limit are bound into the signature; short-lived',
  z.strictObject({
    id: z.string(),
    url: z.string(),
    method: z.enum(['POST', 'PUT']),
    fields: z.optional(z.record(z.string(), z.string())),
    headers: z.optional(z.record(z.string(), z.string())),
    expiresAt: instant,
    maxBytes: count,
  }),
);

export const MaterialFile = named(
  'MaterialFile',
  '材料文件（一个版本）：按内容识别的类型、SHA-256 与 SM3 摘要、安全扫描状态、上传人与时间、核验件标记 One version of a material file: type told by its bytes, SHA-256 and SM3 digests, scan status, who uploaded it when, the verified-copy mark',
  z.strictObject({
    id: z.string(),
    code: z.string(),
    version: z.int().check(z.minimum(1)),
    name: z.string(),
    size: count,
    type,
    sha256: hex64,
    sm3: hex64,
    scan,
    usable: z.boolean(),
    channel,
    uploadedBy: z.string(),
    uploadedAt: instant,
    verified: z.optional(verified),
    reusedFrom: z.optional(reusedFrom),
  }),
);

export const MaterialFileList = named(
  'MaterialFileList',
  '某项材料的全部文件（每个版本）与被拒收的上传 Every version of a material’s files, and the uploads refused by their bytes (not PDF/JPEG/PNG/OFD, or over the limit; deleted)',
  z.strictObject({
    files: z.array(MaterialFile),
    rejected: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        size: count,
        reason: z.enum(['type', 'size']),
        detail: bilingual,
        channel,
        uploadedBy: z.string(),
        at: instant,
      }),
    ),
  }),
);

export const ReusableMaterials = named(
  'ReusableMaterials',
  '可复用材料（免提交）：同一申请人（证件号码/统一社会信用代码）在本租户其他办件中的核验件，以及其有效电子证照 What the same holder can reuse: verified copies on the tenant’s other cases and valid e-licences',
  z.strictObject({
    files: z.array(
      z.strictObject({
        tenant: z.string(),
        caseNo: z.string(),
        code: z.string(),
        fileId: z.string(),
        version: z.int(),
        name: z.string(),
        type,
        size: count,
        sha256: hex64,
        verified,
        materialName: z.string(),
        matterName: z.string(),
      }),
    ),
    licences: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        caseNo: z.string(),
        issuer: z.string(),
        issuedAt: instant,
        status: z.string(),
      }),
    ),
  }),
);
