import * as z from 'zod/mini';
import { instant, name } from './schemas';

/** An absence of an A/B post (AB角): from–to as instants, `to` after `from`, and its reason. */
export const AbsenceInput = z.strictObject({ from: instant, to: instant, reason: name });
