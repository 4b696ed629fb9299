import * as z from 'zod/mini';
import { name } from './schemas';

/**
 * A presigned upload asked for: the file's name, the type the client says it is (one of PDF,
 * JPEG, PNG, OFD; the bytes decide in the end) and, when known, its size, checked against the
 * matter's limit before anything is signed.
 */
export const UploadRequest = z.strictObject({
  name,
  type: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  size: z.optional(z.int().check(z.minimum(1))),
});

const ref = z.string().check(z.minLength(1), z.maxLength(120));

/**
 * A reuse (免提交): one verified copy of the holder's (`file`) or one e-licence (`licence`), and the
 * applicant's consent: how it was given (signed at the window, online, or said at the window) and a note.
 */
export const ReuseRequest = z.strictObject({
  file: z.optional(z.strictObject({ tenant: ref, caseNo: ref, id: ref })),
  licence: z.optional(ref),
  consent: z.strictObject({
    method: z.enum(['signed', 'online', 'verbal']),
    note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  }),
});

/** The public routes' query code. */
export const MaterialCodeQuery = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(4), z.maxLength(16)),
});
