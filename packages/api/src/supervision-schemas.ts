import * as z from 'zod/mini';
import { holderQuery } from './licence-schemas';
import { bodyRef, id } from './schemas';

/**
 * 联络人 (issue 15): the supervising body (`<tenant>/<code>` of the path's tenant), the department
 * whose decisions it receives (a body of that tenant or one below it) and the staff member of the
 * supervising body, a supervisor, who signs for them.
 */
export const LiaisonInput = z.strictObject({ supervisingBody: bodyRef, department: bodyRef, staff: id });

/** `?body=` the supervising body whose liaisons to list; a supervisor's own body when absent. */
export const LiaisonQuery = z.strictObject({ body: z.optional(bodyRef) });

/** `?holder=` the applicant's ID or USCC whose earlier findings to list, paged. */
export const HolderFindingsQuery = holderQuery('申请人');
