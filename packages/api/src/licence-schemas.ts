import * as z from 'zod/mini';

const reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));

/**
 * `?holder=` a holder's resident identity number or unified social credit code (18 characters),
 * paged: the e-licence library's and the earlier findings' look-ups. `who` names the holder in the
 * message (持证主体, 申请人).
 */
export const holderQuery = (who: string) =>
  z.strictObject({
    holder: z
      .string()
      .check(
        z.trim(),
        z.regex(
          /^[0-9A-Za-z]{18}$/,
          `${who}应为18位身份证号码或统一社会信用代码 holder is an 18-character ID or USCC`,
        ),
      ),
    cursor: z.optional(z.string()),
    limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  });

export const LicenceListQuery = holderQuery('持证主体');

/** 撤销 or 注销: the reason is required and shown to whoever verifies the licence afterwards. */
export const LicenceChangeInput = z.strictObject({ reason });

/** `?code=` the verification code printed on the result (核验码), dash or spaces allowed. */
export const PublicOfdQuery = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(4), z.maxLength(16)),
});
