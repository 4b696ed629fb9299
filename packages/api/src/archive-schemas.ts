import * as z from 'zod/mini';

/** `?cursor=&limit=`: a page of the custodian's packages. */
export const ArchiveListQuery = z.strictObject({
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});

/** `?purpose=`: why the object is used (利用目的), kept in the package's use register; 查阅 unless given. */
export const ArchiveObjectQuery = z.strictObject({
  purpose: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});
