import { nativeSm2KeyPair, nativeSm2Sign } from './native-sm2';
import type { KeyVault } from './vault';

/** Signs `message` with a seal's SM2 key: DER r‖s over SM3(Z ‖ message). */
export type Sm2Sign = (message: Uint8Array, z: Uint8Array) => Promise<Uint8Array>;

/**
 * Where a seal's SM2 private key lives and how it signs, behind one interface (SealKeys):
 * generated here and kept wrapped by a vault (`wrappedCustody`: every region, and the local
 * stack), or made and kept inside KMS as a key of spec SM2 that never leaves it
 * (functions/shared/kms-sm2.ts: the China regions). A seal key record names its custody, so a
 * key keeps the custody that made it when the deployment's default changes.
 */
export interface SealKeyCustody {
  /** Stored in the key record (`vault`). */
  readonly name: string;
  /** A new key for the seal: its public key (04 ‖ x ‖ y) and what opens it again (`held`). */
  create(context: Readonly<Record<string, string>>): Promise<{ publicKey: Uint8Array; held: string }>;
  /** The signer of a key this custody made. */
  open(held: string, publicKey: Uint8Array, context: Readonly<Record<string, string>>): Promise<Sm2Sign>;
  /** Gives up a key made for a seal another instance gave one first. */
  discard(held: string): Promise<void>;
}

/** The private key generated here (OpenSSL) and wrapped by `vault`; `held` is the wrapped key, base64. */
export function wrappedCustody(vault: KeyVault): SealKeyCustody {
  return {
    name: vault.name,
    async create(context) {
      const pair = nativeSm2KeyPair();
      const wrapped = await vault.wrap(pair.privateKey, context);
      return { publicKey: pair.publicKey, held: Buffer.from(wrapped).toString('base64') };
    },
    async open(held, publicKey, context) {
      const privateKey = await vault.unwrap(Buffer.from(held, 'base64'), context);
      return async (message, z) => nativeSm2Sign(privateKey, publicKey, message, { z });
    },
    // A wrapped key that was never stored is gone with this instance's memory.
    async discard() {},
  };
}
