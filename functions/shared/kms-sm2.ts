import type { SealKeyCustody } from '@onewindow/app';
import { sm3 } from '@onewindow/domain';
import { kmsCaller } from './kms-vault';

/** The tag every seal key KMS makes for us carries: the IAM policy allows signing with those keys only. */
export const SEAL_KEY_TAG = 'onewindow-seal';

/** An SM2 SubjectPublicKeyInfo ends in its BIT STRING's point: 04 ‖ x ‖ y. */
function pointOf(spki: Uint8Array): Uint8Array {
  const point = spki.subarray(spki.length - 65);
  if (spki.length < 65 + 20 || point[0] !== 4) throw new Error('KMS answered no SM2 public key');
  return new Uint8Array(point);
}

/**
 * Seal keys made and kept inside KMS as keys of spec SM2 (the China regions offer it): the
 * private key never leaves KMS. KMS's SM2DSA is asked to sign the digest e = SM3(Z ‖ M) made
 * here with the default signer id (MessageType DIGEST), so the signature is the same GB/T 32918
 * signature the wrapped keys make and every verifier checks it the same way. Each key is tagged
 * with its seal (`onewindow-seal` = tenant/seal); `held` is its ARN. Chosen with
 * SEAL_KEY_SPEC=SM2 (infra/constructs/seal-keys.ts); keys made before keep their custody.
 */
export function kmsSm2Custody(
  env: NodeJS.ProcessEnv = process.env,
  send: typeof fetch = fetch,
): SealKeyCustody {
  const call = kmsCaller(env, send);
  return {
    name: 'kms-sm2',
    async create(context) {
      const seal = `${context.tenant ?? ''}/${context.seal ?? ''}`;
      const made = await call<{ KeyMetadata?: { Arn?: string } }>('CreateKey', {
        KeySpec: 'SM2',
        KeyUsage: 'SIGN_VERIFY',
        Description: `OneWindow electronic seal ${seal}`,
        Tags: [{ TagKey: SEAL_KEY_TAG, TagValue: seal }],
      });
      const arn = made.KeyMetadata?.Arn;
      if (!arn) throw new Error('KMS CreateKey answered no key');
      const key = await call<{ PublicKey?: string }>('GetPublicKey', { KeyId: arn });
      return { publicKey: pointOf(Buffer.from(key.PublicKey ?? '', 'base64')), held: arn };
    },
    async open(held) {
      return async (message, z) => {
        const e = sm3(Buffer.concat([z, message]));
        const out = await call<{ Signature?: string }>('Sign', {
          KeyId: held,
          Message: Buffer.from(e).toString('base64'),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'SM2DSA',
        });
        return new Uint8Array(Buffer.from(out.Signature ?? '', 'base64'));
      };
    },
    async discard(held) {
      await call('ScheduleKeyDeletion', { KeyId: held, PendingWindowInDays: 7 });
    },
  };
}

/** The custody SEAL_KEY_SPEC asks for: KMS's own SM2 keys, or (unset) keys wrapped by the vault. */
export const custodyFromEnv = (env: NodeJS.ProcessEnv = process.env): SealKeyCustody | undefined =>
  env.SEAL_KEY_SPEC === 'SM2' ? kmsSm2Custody(env) : undefined;

/** The services option of that custody: nothing when the vault's wrapped keys are the default. */
export function sealCustody(env: NodeJS.ProcessEnv = process.env): { custody?: SealKeyCustody } {
  const custody = custodyFromEnv(env);
  return custody ? { custody } : {};
}
