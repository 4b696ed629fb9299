import * as z from 'zod/mini';
import { bodyRef, id } from './schemas';

/**
 * 联络人 (issue 15): the supervising body (`<tenant>/<code>` of the path's tenant), the department
 * whose decisions it receives (a body of that tenant or one below it) and the staff member of the
 * supervising body, a supervisor, who signs for them.
 */
export const LiaisonInput = z.strictObject({ supervisingBody: bodyRef, department: bodyRef, staff: id });

/** `?body=` the supervising body whose liaisons to list; a supervisor's own body when absent. */
export const LiaisonQuery = z.strictObject({ body: z.optional(bodyRef) });

/** `?holder=` the holder's resident identity number or unified social credit code (18 characters). */
export const HolderFindingsQuery = z.strictObject({
  holder: z
    .string()
    .check(
      z.trim(),
      z.regex(
        /^[0-9A-Za-z]{18}$/,
        '申请人应为18位身份证号码或统一社会信用代码 holder is an 18-character ID or USCC',
      ),
    ),
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
