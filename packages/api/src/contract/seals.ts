import * as z from 'zod/mini';
import { bodyRef, instant, listOf, named } from './registry';

export const SealView = named(
  'Seal',
  '印章；status 为当前是否可用（valid 有效、pending 未生效、void 已作废）A seal and whether it is usable now',
  z.strictObject({
    tenant: z.string(),
    id: z.string(),
    body: bodyRef,
    name: z.string(),
    electronic: z.boolean(),
    validFrom: instant,
    voidedAt: z.optional(instant),
    successor: z.optional(z.string()),
    status: z.enum(['valid', 'pending', 'void']),
    /** Path of its imprint as SVG. */
    imprint: z.string(),
  }),
);
export type SealView = z.infer<typeof SealView>;

export const SealList = named('SealList', '印章列表 Seals of a tenant', listOf(SealView));
