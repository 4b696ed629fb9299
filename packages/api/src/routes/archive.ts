import { invalid, isArchiveEntryName, MANIFEST_OBJECT } from '@onewindow/domain';
import { tenantAdmins } from '../access-groups';
import { ArchiveListQuery, ArchiveObjectQuery } from '../archive-schemas';
import { defineRoute, type RouteSpec } from '../route';

const ARCHIVE = '/v1/tenants/:tenant/archive';
const PACKAGE = `${ARCHIVE}/:packageId` as const;

/**
 * Who works the archive of a custodian tenant. The roles have no archivist (档案员); the tenant's
 * administrators are the closest (they keep the tenant's records and staff), with the city's and
 * the platform's above them as on every tenant route.
 */
const archivists = tenantAdmins;

/**
 * Archive packages (R5, issue 16), as their custodian holds them: the tenant in the path is the
 * custodian (the approving body's tenant), which may not be the tenant the case was handled in.
 * Served by the files function, the only one with the bucket and the S3 client.
 */
export const archiveRoutes: readonly RouteSpec[] = [
  defineRoute<unknown, typeof ARCHIVE, { cursor?: string; limit?: number }>({
    method: 'get',
    path: ARCHIVE,
    tag: 'archive',
    summary: '本租户保管的档案包（R5：档案随审批机关保管），分页',
    summaryEn:
      'The archive packages this tenant keeps as custodian (R5: custody follows the approving body), paged',
    access: { scope: 'tenant', roles: archivists },
    query: ArchiveListQuery,
    success: 200,
    handler: async ({ services, params, query }) => ({
      status: 200,
      body: await services.archive.list(params.tenant, {
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    }),
  }),
  defineRoute<unknown, typeof PACKAGE>({
    method: 'get',
    path: PACKAGE,
    tag: 'archive',
    summary: '档案包：平台签名的清单（每个文件的大小、SHA-256 与 SM3）、签名与利用登记',
    summaryEn:
      "An archive package: its manifest (every object's size, SHA-256 and SM3) signed by the platform, the signature, and its use register",
    access: { scope: 'tenant', roles: archivists },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.archive.get(params.tenant, params.packageId),
    }),
  }),
  defineRoute<unknown, `${typeof PACKAGE}/objects/:name`, { purpose?: string }>({
    method: 'get',
    path: `${PACKAGE}/objects/:name`,
    tag: 'archive',
    summary: '下载档案包中的文件（或 manifest.json）：302 跳转到 60 秒有效的下载链接；每次下载记入利用登记',
    summaryEn:
      'Download one object of a package (or manifest.json): 302 to a link valid for 60 seconds; each download is entered in the use register',
    access: { scope: 'tenant', roles: archivists },
    query: ArchiveObjectQuery,
    success: 302,
    produces: 'application/octet-stream',
    handler: async ({ c, services, invocation, params, query }) => {
      if (!isArchiveEntryName(params.name) && params.name !== MANIFEST_OBJECT)
        throw invalid('name', '文件名不正确', 'not the name of an object of the package');
      const { url } = await services.archive.download(invocation, {
        tenant: params.tenant,
        id: params.packageId,
        name: params.name,
        ...(query.purpose ? { purpose: query.purpose } : {}),
      });
      return c.redirect(url, 302);
    },
  }),
  defineRoute<unknown, typeof PACKAGE>({
    method: 'delete',
    path: PACKAGE,
    tag: 'archive',
    summary: '销毁档案包：保管期限届满后方可；期限内答 409（对象锁定亦拒绝删除）',
    summaryEn:
      'Dispose of a package: only once its retention has passed; before, 409 (Object Lock refuses the deletion too)',
    access: { scope: 'tenant', roles: archivists },
    success: 200,
    handler: ({ services, invocation, params }) =>
      services.archive.dispose(invocation, { tenant: params.tenant, id: params.packageId }, (row) => ({
        status: 200,
        body: row,
      })),
  }),
];
