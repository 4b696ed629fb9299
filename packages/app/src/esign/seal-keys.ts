import { sm2Z, sm3 } from '@onewindow/domain';
import { SealKeyRepository, type Store, type StoredSealKey } from '@onewindow/store';
import { type SealKeyCustody, type Sm2Sign, wrappedCustody } from './custody';
import type { KeyVault } from './vault';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** `sm2:` and 16 hex digits of the key's SM3: the name a signed result carries. */
export const sealKeyIdOf = (publicKey: Uint8Array) => `sm2:${hex(sm3(publicKey)).slice(0, 16)}`;

interface OpenedKey {
  readonly record: StoredSealKey;
  readonly sign: Sm2Sign;
  readonly publicKey: Uint8Array;
  /** Z_A of the key with the default signer id: the same for every signature it makes. */
  readonly z: Uint8Array;
}

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
 * Each electronic seal's own SM2 key pair, made the first time the seal signs (so seals
 * registered before electronic seals existed get one too) in the deployment's custody: wrapped
 * by the vault by default, or inside KMS (`custody`). A key is opened by the custody its record
 * names. An instance keeps the keys it opened: one vault call per seal per instance.
 */
export class SealKeys implements SealSigner {
  private readonly repo: SealKeyRepository;
  private readonly opened = new Map<string, Promise<OpenedKey>>();
  private readonly custody: SealKeyCustody;
  private readonly custodies: ReadonlyMap<string, SealKeyCustody>;

  constructor(store: Store, vault: KeyVault, custody?: SealKeyCustody) {
    this.repo = new SealKeyRepository(store);
    const wrapped = wrappedCustody(vault);
    this.custody = custody ?? wrapped;
    this.custodies = new Map([wrapped, this.custody].map((c) => [c.name, c]));
  }

  async key(tenant: string, seal: string, now: string): Promise<StoredSealKey> {
    return (await this.open(tenant, seal, now)).record;
  }

  async sign(tenant: string, seal: string, message: Uint8Array, now: string): Promise<SealSignature> {
    const { record, sign, publicKey, z } = await this.open(tenant, seal, now);
    return { keyId: record.keyId, publicKey, signature: await sign(message, z) };
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
      const custody = this.custodies.get(stored.vault);
      if (!custody) throw new Error(`seal key ${tenant}/${seal} is held by ${stored.vault}, not served here`);
      const publicKey = new Uint8Array(Buffer.from(stored.publicKey, 'hex'));
      const sign = await custody.open(stored.wrappedKey, publicKey, context);
      return { record: stored, sign, publicKey, z: sm2Z(publicKey) };
    }
    const made = await this.custody.create(context);
    const record: StoredSealKey = {
      tenant,
      seal,
      keyId: sealKeyIdOf(made.publicKey),
      publicKey: hex(made.publicKey),
      wrappedKey: made.held,
      vault: this.custody.name,
      createdAt: now,
    };
    if (await this.repo.createKey(record)) {
      const sign = await this.custody.open(made.held, made.publicKey, context);
      return { record, sign, publicKey: made.publicKey, z: sm2Z(made.publicKey) };
    }
    // Another instance made the seal's key first: that one is the seal's, and this one goes.
    await this.custody.discard(made.held);
    return this.load(tenant, seal, now);
  }
}
