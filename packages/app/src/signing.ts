import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

/**
 * Signs issued results with Ed25519 (DESIGN.md decision 8). The private key is a 32-byte
 * seed: in AWS derived from a Secrets Manager secret, locally from a file under `.data/`
 * or a random one per process. `keyId` names the key in every signature, so a verifier
 * can tell a result signed by a rotated-out key from a forged one.
 */
export interface ResultSigner {
  readonly keyId: string;
  /** SPKI public key, base64url: what `/v1/public/keys` publishes. */
  readonly publicKey: string;
  sign(message: string): string;
  verify(message: string, signature: string): boolean;
  /**
   * The key applicant look-ups are HMAC'd under (cases/lookup.ts), derived from the same seed
   * so every deployment keeps one without another secret; a new seed leaves earlier cases
   * findable by number, matter and date only.
   */
  readonly lookupKey?: Uint8Array;
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): the fixed 16-byte prefix, then the seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A signer from a 32-byte seed; any longer secret is hashed down to one. */
export function createSigner(secret: Uint8Array | string): ResultSigner {
  const seed =
    typeof secret !== 'string' && secret.length === 32
      ? Buffer.from(secret)
      : createHash('sha256').update(secret).digest();
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const keyId = createHash('sha256').update(publicDer).digest('base64url').slice(0, 16);
  return {
    keyId,
    publicKey: publicDer.toString('base64url'),
    lookupKey: createHmac('sha256', seed).update('onewindow applicant lookup v1').digest(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url'),
    verify: (message, signature) => {
      try {
        return verify(null, Buffer.from(message, 'utf8'), privateKey, Buffer.from(signature, 'base64url'));
      } catch {
        return false;
      }
    },
  };
}

/** The keys results are signed with, as `/v1/public/keys` publishes them. */
export interface ResultKeys {
  keys(): { keyId: string; alg: 'Ed25519'; spki: string }[];
}

/**
 * The published keys of a process's signer (none without one): all the cases Lambda needs for
 * `/v1/public/keys`, without the public case pages' service, which the files Lambda serves.
 */
export const resultKeysOf = (signer?: ResultSigner): ResultKeys => ({
  keys: () => (signer ? [{ keyId: signer.keyId, alg: 'Ed25519', spki: signer.publicKey }] : []),
});
