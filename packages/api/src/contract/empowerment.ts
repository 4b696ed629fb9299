import { MATTER_TYPES, MODES, ROLLOUT_STATUSES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { bodyRef, count, idName, instant, named } from './registry';

export const InitialHoldersRecorded = named(
  'InitialHoldersRecorded',
  '初始实施主体登记结果 What recording initial holders did (R13): periods written and already there',
  z.strictObject({ tenant: z.string(), since: instant, recorded: count, unchanged: count }),
);

export const PublishedEmpoweredList = named(
  'PublishedEmpoweredList',
  '向社会公布的赋权事项清单（指定时刻）The empowered matters a tenant holds at an instant, as published',
  z.strictObject({
    tenant: idName,
    at: instant,
    items: z.array(
      z.strictObject({
        code: z.string(),
        name: z.string(),
        type: z.enum(MATTER_TYPES),
        implementingBody: bodyRef,
        implementingBodyName: z.string(),
        mode: z.enum(MODES),
        /** Since when the body holds it: the rollout's effective instant. */
        from: instant,
        rollout: z.string(),
      }),
    ),
  }),
);

export const PublishedChangeLists = named(
  'PublishedChangeLists',
  '各批次公布的调整清单 Per rollout, the matters that move in the tenant, from which body to which',
  z.strictObject({
    tenant: idName,
    items: z.array(
      z.strictObject({
        rollout: z.string(),
        name: z.string(),
        effectiveAt: instant,
        status: z.enum(ROLLOUT_STATUSES),
        mode: z.enum(MODES),
        matters: z.array(
          z.strictObject({
            code: z.string(),
            name: z.string(),
            fromBody: bodyRef,
            fromBodyName: z.string(),
            toBody: bodyRef,
            toBodyName: z.string(),
          }),
        ),
      }),
    ),
  }),
);
