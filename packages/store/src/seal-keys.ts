import { runAsSystem } from './isolation';
import { cityPk, tenantPk } from './keys';
import type { Store } from './store';

/**
 * An electronic seal's SM2 key: the public key, the private key as the key vault wrapped it
 * (never stored in the clear), and, once issued or imported, its certificate and chain.
 * `T#<tenant>` / `SEALKEY#<seal>`: one key per seal, made on its first use. Read and written
 * as the system's (runAsSystem): the platform's keys, which a request reaches only through a
 * seal its own scope let it read.
 */
export interface StoredSealKey {
  readonly tenant: string;
  readonly seal: string;
  /** `sm2:` and 16 hex digits of the public key's SM3: what a signed result names. */
  readonly keyId: string;
  /** 04 ‖ x ‖ y, hex. */
  readonly publicKey: string;
  /** What opens the private key in its custody `vault`: the wrapped key (base64), or a KMS key's ARN (`kms-sm2`). */
  readonly wrappedKey: string;
  readonly vault: string;
  readonly createdAt: string;
  /** DER, base64: issued by the city's seal CA, or imported from a licensed CA. */
  readonly certificate?: string;
  /** The issuers' certificates up to the root, DER base64 each. */
  readonly chain?: readonly string[];
  readonly certificateSource?: 'platform-ca' | 'imported';
  /** The certificate's serial (hex): what the revocation list names. */
  readonly serial?: string;
}

/** A city's seal CA (制章人): its SM2 key, wrapped, and its self-signed certificate. `C#<city>` / `SEALCA`. */
export interface StoredSealCa {
  readonly city: string;
  readonly publicKey: string;
  readonly wrappedKey: string;
  readonly vault: string;
  readonly certificate: string;
  readonly createdAt: string;
}

const sealKeyKey = (tenant: string, seal: string) => ({ pk: tenantPk(tenant), sk: `SEALKEY#${seal}` });
const sealCaKey = (city: string) => ({ pk: cityPk(city), sk: 'SEALCA' });

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest as T;
};

export class SealKeyRepository {
  constructor(private readonly store: Store) {}

  async key(tenant: string, seal: string): Promise<StoredSealKey | undefined> {
    const item = await runAsSystem(() => this.store.get(sealKeyKey(tenant, seal)));
    return item && strip<StoredSealKey>(item);
  }

  async keys(tenant: string): Promise<StoredSealKey[]> {
    const items = await runAsSystem(() => this.store.queryPrefix(tenantPk(tenant), 'SEALKEY#'));
    return items.map((i) => strip<StoredSealKey>(i));
  }

  /** Writes a new key unless the seal has one; false when another writer was first. */
  createKey(key: StoredSealKey): Promise<boolean> {
    const item = { ...sealKeyKey(key.tenant, key.seal), entity: 'seal-key', ...key };
    return runAsSystem(() => this.store.putIfAbsent(item, 'pk'));
  }

  /**
   * The key with its certificate, unless it has one already (two issuers at once: one
   * certificate wins); `replace` for an import, which supersedes the platform's.
   */
  setCertificate(key: StoredSealKey, replace = false): Promise<boolean> {
    const item = { ...sealKeyKey(key.tenant, key.seal), entity: 'seal-key', ...key };
    if (replace) return runAsSystem(() => this.store.put(item)).then(() => true);
    return runAsSystem(() => this.store.putIfAbsent(item, 'certificate'));
  }

  async ca(city: string): Promise<StoredSealCa | undefined> {
    const item = await runAsSystem(() => this.store.get(sealCaKey(city)));
    return item && strip<StoredSealCa>(item);
  }

  createCa(ca: StoredSealCa): Promise<boolean> {
    const item = { ...sealCaKey(ca.city), entity: 'seal-ca', ...ca };
    return runAsSystem(() => this.store.putIfAbsent(item, 'pk'));
  }
}
