import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Where seal private keys are kept: wrapped by a key the platform never stores beside them.
 * In AWS a KMS key (functions/shared/kms-vault.ts: Encrypt/Decrypt with the seal as encryption
 * context); locally the local stack's key store (`localKeyVault`, AES-256-GCM under a key in
 * the data folder). The context binds a wrapped key to its seal: moved to another seal's
 * record it does not open.
 */
export interface KeyVault {
  /** Stored beside each wrapped key, so a key is opened by the vault that wrapped it. */
  readonly name: string;
  wrap(plain: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array>;
}

const aad = (context: Readonly<Record<string, string>>) =>
  Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))));

/** AES-256-GCM under a key derived from `secret`: the local stack's key store (and the tests'). */
export function localKeyVault(secret: Uint8Array | string, name = 'local'): KeyVault {
  const key = createHash('sha256').update('onewindow seal key vault\0').update(secret).digest();
  return {
    name,
    async wrap(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    async unwrap(wrapped, context) {
      const b = Buffer.from(wrapped);
      const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12)).setAAD(aad(context));
      decipher.setAuthTag(b.subarray(12, 28));
      return new Uint8Array(Buffer.concat([decipher.update(b.subarray(28)), decipher.final()]));
    },
  };
}
