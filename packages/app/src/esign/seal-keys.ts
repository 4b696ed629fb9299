import { sm2Z, sm3 } from '@onewindow/domain';
import { SealKeyRepository, type Store, type StoredSealKey } from '@onewindow/store';
import { nativeSm2KeyPair, nativeSm2Sign } from './native-sm2';
import type { KeyVault } from './vault';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** `sm2:` and 16 hex digits of the key's SM3: the name a signed result carries. */
export const sealKeyIdOf = (publicKey: Uint8Array) => `sm2:${hex(sm3(publicKey)).slice(0, 16)}`;

interface OpenedKey {
  readonly record: StoredSealKey;
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** Z_A of the key with the default signer id: the same for every signature it makes. */
  readonly z: Uint8Array;
}

const openedKey = (record: StoredSealKey, privateKey: Uint8Array): OpenedKey => {
  const publicKey = new Uint8Array(Buffer.from(record.publicKey, 'hex'));
  return { record, privateKey, publicKey, z: sm2Z(publicKey) };
};

/** What signing with a seal's key answers. */
export interface SealSignature {
  readonly keyId: string;
  /** 04 ‖ x ‖ y. */
  readonly publicKey: Uint8Array;
  /** DER SM2 signature, SM3 with the default signer id. */
  readonly signature: Uint8Array;
}

/** One signer interface over every seal key, whatever vault holds it. */
export interface SealSigner {
  /** The seal's key, made on first use (its certificate follows, SealPki). */
  key(tenant: string, seal: string, now: string): Promise<StoredSealKey>;
  sign(tenant: string, seal: string, message: Uint8Array, now: string): Promise<SealSignature>;
}

/**
 * Each electronic seal's own SM2 key pair, its private half wrapped by the vault; made the first
 * time the seal signs (so seals registered before electronic seals existed get one too). An
 * instance keeps the keys it opened: one vault call per seal per instance.
 */
export class SealKeys implements SealSigner {
  private readonly repo: SealKeyRepository;
  private readonly opened = new Map<string, Promise<OpenedKey>>();

  constructor(
    store: Store,
    private readonly vault: KeyVault,
  ) {
    this.repo = new SealKeyRepository(store);
  }

  async key(tenant: string, seal: string, now: string): Promise<StoredSealKey> {
    return (await this.open(tenant, seal, now)).record;
  }

  async sign(tenant: string, seal: string, message: Uint8Array, now: string): Promise<SealSignature> {
    const { record, privateKey, publicKey, z } = await this.open(tenant, seal, now);
    return {
      keyId: record.keyId,
      publicKey,
      signature: nativeSm2Sign(privateKey, publicKey, message, { z }),
    };
  }

  private open(tenant: string, seal: string, now: string): Promise<OpenedKey> {
    const name = `${tenant}/${seal}`;
    let opening = this.opened.get(name);
    if (!opening) {
      opening = this.load(tenant, seal, now);
      this.opened.set(name, opening);
      opening.catch(() => this.opened.delete(name));
    }
    return opening;
  }

  private async load(tenant: string, seal: string, now: string): Promise<OpenedKey> {
    const context = { tenant, seal };
    const stored = await this.repo.key(tenant, seal);
    if (stored) {
      const privateKey = await this.vault.unwrap(Buffer.from(stored.wrappedKey, 'base64'), context);
      return openedKey(stored, privateKey);
    }
    const pair = nativeSm2KeyPair();
    const record: StoredSealKey = {
      tenant,
      seal,
      keyId: sealKeyIdOf(pair.publicKey),
      publicKey: hex(pair.publicKey),
      wrappedKey: b64(await this.vault.wrap(pair.privateKey, context)),
      vault: this.vault.name,
      createdAt: now,
    };
    if (await this.repo.createKey(record)) return openedKey(record, pair.privateKey);
    // Another instance made the seal's key first: that one is the seal's.
    return this.load(tenant, seal, now);
  }
}
