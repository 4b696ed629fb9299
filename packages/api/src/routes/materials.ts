import type { ReuseInput, UploadInput } from '@onewindow/app';
import { REVEAL_ROLES, type Role } from '@onewindow/domain';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { MaterialCodeQuery, ReuseRequest, UploadRequest } from '../material-schemas';
import { defineRoute, type RouteSpec } from '../route';

const MATERIAL = '/v1/tenants/:tenant/cases/:caseNo/materials/:code';
const FILE = `${MATERIAL}/files/:id` as const;
const PUBLIC_MATERIAL = '/v1/public/cases/:caseNo/materials/:code';

/** Files taken at the window: the clerks, the tenant's administrators, and approvers (site photos, signed forms). */
const uploaders = [...tenantAdmins, 'window-clerk', 'approver'] as const satisfies readonly Role[];
/** Verified copies and reuse are the window's acts (核验, 免提交). */
const windowStaff = [...tenantAdmins, 'window-clerk'] as const satisfies readonly Role[];

/**
 * Electronic materials (issue 16), served by the files function, the only one that bundles the
 * S3 client. Uploads go straight to the bucket through a presigned POST; listing records what
 * arrived (type by bytes, SHA-256 and SM3); a download is a 302 to a short-lived link, each one
 * recorded in the applicant's access log. Staff reach a case as its detail view does (a district
 * body's approvers and supervisors only the cases naming their body).
 */
export const materialRoutes: readonly RouteSpec[] = [
  defineRoute<UploadInput, `${typeof MATERIAL}/uploads`>({
    method: 'post',
    path: `${MATERIAL}/uploads`,
    tag: 'cases',
    summary:
      '窗口上传材料：返回预签名上传（POST 表单直传存储，类型与大小上限写入签名，15 分钟有效；仅接受 PDF、JPEG、PNG、OFD，每个文件默认不超过 20 MB，事项可另设）',
    summaryEn:
      "Upload a material's file at the window: answers a presigned POST straight to the bucket (type and size limit bound into the signature, 15 minutes); PDF, JPEG, PNG or OFD, 20 MB per file unless the matter sets its own",
    access: { scope: 'tenant', roles: uploaders, bodyReach: true },
    body: UploadRequest,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.materials.requestUpload(
        invocation,
        { tenant: params.tenant, caseNo: params.caseNo, code: params.code },
        body,
        (ticket) => ({ status: 201, body: ticket }),
      ),
  }),
  defineRoute<unknown, typeof MATERIAL>({
    method: 'get',
    path: MATERIAL,
    tag: 'cases',
    summary:
      '某项材料的文件（每个版本）：大小、按内容识别的类型、SHA-256 与 SM3 摘要、安全扫描状态、上传人与时间；先登记新到的上传，拒收的列于 rejected',
    summaryEn:
      "A material's files, every version: size, type by bytes, SHA-256 and SM3, scan status, who uploaded when; uploads that arrived are recorded first, refused ones listed under `rejected`",
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, principal, params, now }) => ({
      status: 200,
      body: await services.materials.list(principal, params.tenant, params.caseNo, params.code, now),
    }),
  }),
  defineRoute<unknown, typeof FILE>({
    method: 'get',
    path: FILE,
    tag: 'cases',
    summary: '下载材料文件：302 跳转到 60 秒有效的下载链接；每次下载记入申请人可见的查看记录',
    summaryEn:
      "Download a file: 302 to a link valid for 60 seconds; each download is recorded in the applicant's access log",
    access: { scope: 'tenant', roles: [...REVEAL_ROLES, ...tenantAdmins], bodyReach: true },
    success: 302,
    produces: 'application/octet-stream',
    handler: async ({ c, services, invocation, params }) => {
      const { url } = await services.materials.download(invocation, {
        tenant: params.tenant,
        caseNo: params.caseNo,
        code: params.code,
        id: params.id,
      });
      return c.redirect(url, 302);
    },
  }),
  defineRoute<unknown, `${typeof FILE}/verify`>({
    method: 'post',
    path: `${FILE}/verify`,
    tag: 'cases',
    summary: '标记核验件（与原件核对一致）：水印写明核验人、时间与中心；同一申请人下次办件时可复用',
    summaryEn:
      "Mark a file as checked against the original (verified copy): the watermark names who, when and the centre; offered for reuse at the holder's next intake",
    access: { scope: 'tenant', roles: windowStaff },
    success: 200,
    handler: ({ services, invocation, params }) =>
      services.materials.verify(
        invocation,
        { tenant: params.tenant, caseNo: params.caseNo, code: params.code, id: params.id },
        (file) => ({ status: 200, body: file }),
      ),
  }),
  defineRoute<unknown, `${typeof MATERIAL}/reusable`>({
    method: 'get',
    path: `${MATERIAL}/reusable`,
    tag: 'cases',
    summary: '可复用材料（免提交）：同一申请人在本租户其他办件中的核验件与有效电子证照',
    summaryEn:
      "What the same holder can reuse: verified copies on the tenant's other cases, and valid e-licences",
    access: { scope: 'tenant', roles: windowStaff },
    success: 200,
    handler: async ({ services, principal, params }) => ({
      status: 200,
      body: await services.materials.reusable(principal, params.tenant, params.caseNo, params.code),
    }),
  }),
  defineRoute<ReuseInput, `${typeof MATERIAL}/reuse`>({
    method: 'post',
    path: `${MATERIAL}/reuse`,
    tag: 'cases',
    summary:
      '复用核验件或电子证照（免提交，须申请人同意）：复制为本办件该材料的新版本，来源为 reuse，记录同意方式',
    summaryEn:
      "Reuse a verified copy or an e-licence with the applicant's consent: copied in as a new version of this material, channel `reuse`, the consent recorded",
    access: { scope: 'tenant', roles: windowStaff },
    body: ReuseRequest,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.materials.reuse(
        invocation,
        { tenant: params.tenant, caseNo: params.caseNo, code: params.code },
        {
          ...(body.file ? { file: body.file } : {}),
          ...(body.licence ? { licence: body.licence } : {}),
          consent: { method: body.consent.method, ...(body.consent.note ? { note: body.consent.note } : {}) },
        },
        (file) => ({ status: 201, body: file }),
      ),
  }),
  // 网上申报: the applicant, with the case's query code; a wrong code answers as a missing case.
  defineRoute<UploadInput, `${typeof PUBLIC_MATERIAL}/uploads`, { code: string }>({
    method: 'post',
    path: `${PUBLIC_MATERIAL}/uploads`,
    tag: 'public',
    summary: '网上申报：申请人凭查询码上传材料（?code=查询码），返回预签名上传',
    summaryEn:
      "Online submission: the applicant uploads a material's file with the case's query code (?code=)",
    access: 'public',
    query: MaterialCodeQuery,
    body: UploadRequest,
    success: 201,
    handler: ({ services, params, query, body, now }) =>
      services.materials.requestOnlineUpload(
        { caseNo: params.caseNo, queryCode: query.code, code: params.code, now },
        body,
        (ticket) => ({ status: 201, body: ticket }),
      ),
  }),
  defineRoute<unknown, typeof PUBLIC_MATERIAL, { code: string }>({
    method: 'get',
    path: PUBLIC_MATERIAL,
    tag: 'public',
    summary: '网上申报：申请人凭查询码查看某项材料已上传的文件（?code=查询码）',
    summaryEn: "Online submission: the applicant's view of a material's files, with the query code (?code=)",
    access: 'public',
    query: MaterialCodeQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => ({
      status: 200,
      body: await services.materials.listOnline(params.caseNo, query.code, params.code, now),
    }),
  }),
];
