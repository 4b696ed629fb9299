import { randomBytes } from 'node:crypto';
import {
  buildSeSeal,
  buildSesSignature,
  type CertName,
  certificateSignedBy,
  cityOfTenant,
  DomainError,
  issueCertificate,
  parseBodyRef,
  parseCertificate,
  type Seal,
  sealImprintSvg,
  sm2KeyPair,
  sm2Sign,
} from '@onewindow/domain';
import {
  CatalogueRepository,
  SealKeyRepository,
  type Store,
  type StoredSealCa,
  type StoredSealKey,
  TenancyRepository,
} from '@onewindow/store';
import type { SealSigner } from './seal-keys';
import type { KeyVault } from './vault';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const YEARS = (iso: string, n: number) => {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString();
};

/** The seal on a result: the reference a case result carries. */
export type SealRef = { readonly id: string; readonly body: string; readonly tenant: string };

export type CertificateStatus = 'good' | 'revoked';

export interface SealCertificate {
  readonly seal: string;
  readonly keyId: string;
  readonly publicKey: string;
  /** DER base64. */
  readonly certificate: string;
  readonly chain: readonly string[];
  readonly source: 'platform-ca' | 'imported';
  readonly serial: string;
  readonly status: CertificateStatus;
  readonly revokedAt?: string;
}

const noSeal = (id: string) => new DomainError('not-found', '资源不存在', `no seal '${id}'`);
const badCertificate = (zh: string, en: string) => new DomainError('validation', zh, en, 'certificate');

/**
 * The seals' public key infrastructure: a seal CA (制章人) per city that the platform runs,
 * issuing each electronic seal's certificate on first need; certificates a city imports from
 * a licensed CA instead; the revocation list (a seal's void revokes its certificate); the
 * GB/T 38540 seal (SESeal) and signatures (SES_Signature). Built by the files Lambda, the
 * stream worker and the local stack; the cases Lambda only signs (SealKeys).
 */
export class SealPki {
  private readonly repo: SealKeyRepository;
  private readonly catalogue: CatalogueRepository;
  private readonly tenancy: TenancyRepository;
  private readonly seals = new Map<string, Promise<Uint8Array>>();

  constructor(
    store: Store,
    private readonly vault: KeyVault,
    private readonly keys: SealSigner,
  ) {
    this.repo = new SealKeyRepository(store);
    this.catalogue = new CatalogueRepository(store);
    this.tenancy = new TenancyRepository(store);
  }

  /** The city's seal CA, made on first need: a self-signed SM2 certificate, valid 20 years. */
  async ca(city: string, now: string): Promise<StoredSealCa> {
    const stored = await this.repo.ca(city);
    if (stored) return stored;
    const pair = sm2KeyPair();
    const name: CertName = { C: 'CN', O: 'OneWindow', OU: city, CN: `${city} 电子印章制章系统 Seal CA` };
    const certificate = await issueCertificate(
      {
        serial: BigInt(`0x01${hex(randomBytes(8))}`),
        issuer: name,
        subject: name,
        notBefore: now,
        notAfter: YEARS(now, 20),
        publicKey: pair.publicKey,
        ca: true,
      },
      (tbs) => sm2Sign(pair.privateKey, tbs, { publicKey: pair.publicKey }),
    );
    const ca: StoredSealCa = {
      city,
      publicKey: hex(pair.publicKey),
      wrappedKey: b64(await this.vault.wrap(pair.privateKey, { city, role: 'seal-ca' })),
      vault: this.vault.name,
      certificate: b64(certificate),
      createdAt: now,
    };
    return (await this.repo.createCa(ca)) ? ca : this.ca(city, now);
  }

  private async caSign(ca: StoredSealCa, message: Uint8Array): Promise<Uint8Array> {
    const privateKey = await this.vault.unwrap(unb64(ca.wrappedKey), { city: ca.city, role: 'seal-ca' });
    return sm2Sign(privateKey, message, { publicKey: Buffer.from(ca.publicKey, 'hex') });
  }

  private async sealOf(tenant: string, id: string): Promise<Seal> {
    const seal = await this.catalogue.seal(tenant, id);
    if (!seal?.electronic) throw noSeal(id);
    return seal;
  }

  /** The seal's key with its certificate: issued by the city's seal CA if it has none yet. */
  async certified(tenant: string, id: string, now: string): Promise<StoredSealKey & { certificate: string }> {
    const seal = await this.sealOf(tenant, id);
    const key = await this.keys.key(tenant, id, now);
    if (key.certificate) return key as StoredSealKey & { certificate: string };
    const city = cityOfTenant(tenant);
    const ca = await this.ca(city, now);
    const ref = parseBodyRef(seal.body);
    const body = await this.tenancy.body(ref.tenant, ref.code);
    // biome-ignore lint/complexity/useMathMinMax: ISO instants are strings; Math.min would make NaN.
    const notBefore = seal.validFrom < key.createdAt ? seal.validFrom : key.createdAt;
    const certificate = await issueCertificate(
      {
        serial: BigInt(`0x02${hex(randomBytes(8))}`),
        issuer: parseIssuer(ca),
        subject: { C: 'CN', O: body?.name ?? seal.body, OU: tenant, CN: `${seal.name} (${seal.id})` },
        notBefore,
        notAfter: YEARS(notBefore, 10),
        publicKey: Buffer.from(key.publicKey, 'hex'),
        ca: false,
      },
      (tbs) => this.caSign(ca, tbs),
    );
    const certified = {
      ...key,
      certificate: b64(certificate),
      chain: [ca.certificate],
      certificateSource: 'platform-ca' as const,
      serial: parseCertificate(certificate).serial,
    };
    if (await this.repo.setCertificate(certified)) return certified;
    const again = await this.repo.key(tenant, id);
    return again as StoredSealKey & { certificate: string };
  }

  /**
   * A certificate from a licensed CA (电子认证服务机构) for the seal's own key: refused unless it
   * is an SM2 certificate of exactly that key, and each chain certificate signs the one before.
   */
  async importCertificate(
    tenant: string,
    id: string,
    input: { readonly certificate: string; readonly chain?: readonly string[] },
    now: string,
  ): Promise<SealCertificate> {
    await this.sealOf(tenant, id);
    const key = await this.keys.key(tenant, id, now);
    const read = (value: string, field: string) => {
      try {
        return parseCertificate(unb64(value));
      } catch {
        throw new DomainError(
          'validation',
          '不是 SM2 证书（DER，base64）',
          'not an SM2 certificate (DER, base64)',
          field,
        );
      }
    };
    const cert = read(input.certificate, 'certificate');
    if (hex(cert.publicKey) !== key.publicKey) {
      throw badCertificate(
        '证书的公钥不是该印章的密钥',
        "the certificate's public key is not this seal's key",
      );
    }
    const chain = (input.chain ?? []).map((c, i) => read(c, `chain.${i}`));
    [cert, ...chain].forEach((c, i) => {
      const issuer = chain[i];
      if (issuer && !certificateSignedBy(c, issuer.publicKey)) {
        throw new DomainError(
          'validation',
          '证书链不连续：上一证书不是由该证书签发',
          'the chain is broken: this certificate did not sign the one before it',
          `chain.${i}`,
        );
      }
    });
    const imported: StoredSealKey = {
      ...key,
      certificate: input.certificate,
      chain: [...(input.chain ?? [])],
      certificateSource: 'imported',
      serial: cert.serial,
    };
    await this.repo.setCertificate(imported, true);
    return this.view(imported as StoredSealKey & { certificate: string }, await this.sealOf(tenant, id), now);
  }

  /** The seal's certificate as published: with its chain and whether the seal's void revoked it. */
  async certificate(tenant: string, id: string, now: string): Promise<SealCertificate> {
    const seal = await this.sealOf(tenant, id);
    return this.view(await this.certified(tenant, id, now), seal, now);
  }

  private view(key: StoredSealKey & { certificate: string }, seal: Seal, now: string): SealCertificate {
    const revoked = seal.voidedAt !== undefined && seal.voidedAt <= now;
    return {
      seal: seal.id,
      keyId: key.keyId,
      publicKey: key.publicKey,
      certificate: key.certificate,
      chain: key.chain ?? [],
      source: key.certificateSource ?? 'platform-ca',
      serial: key.serial ?? '',
      status: revoked ? 'revoked' : 'good',
      ...(revoked && seal.voidedAt ? { revokedAt: seal.voidedAt } : {}),
    };
  }

  /**
   * The tenant's revocation list (JSON): every certificate of a seal voided by `now`, revoked
   * from the seal's void instant (reason cessationOfOperation, RFC 5280 code 5).
   */
  async revocations(tenant: string, now: string) {
    const [seals, keys] = await Promise.all([this.catalogue.seals(tenant), this.repo.keys(tenant)]);
    const byId = new Map(seals.map((s) => [s.id, s]));
    const revoked = keys.flatMap((k) => {
      const at = byId.get(k.seal)?.voidedAt;
      return k.serial && at !== undefined && at <= now
        ? [
            {
              serial: k.serial,
              seal: k.seal,
              keyId: k.keyId,
              revokedAt: at,
              reason: 'cessationOfOperation' as const,
            },
          ]
        : [];
    });
    return { tenant, issuer: `${cityOfTenant(tenant)} seal CA`, thisUpdate: now, revoked };
  }

  /** The seal as GB/T 38540 SESeal (DER), signed by the city's seal CA. */
  async seSeal(tenant: string, id: string, now: string): Promise<Uint8Array> {
    const seal = await this.sealOf(tenant, id);
    return this.seSealOf(seal, await this.certified(tenant, id, now), now);
  }

  /**
   * The SESeal of a seal and its certified key, made once per instance for as long as the seal,
   * its certificate and its void stay as they are (the CA's signature over it is what costs).
   */
  private seSealOf(
    seal: Seal,
    key: StoredSealKey & { certificate: string },
    now: string,
  ): Promise<Uint8Array> {
    const name = `${seal.tenant}/${seal.id}|${key.serial}|${seal.voidedAt ?? ''}|${seal.name}`;
    let made = this.seals.get(name);
    if (!made) {
      made = this.buildSeSeal(seal, key, now);
      this.seals.set(name, made);
      made.catch(() => this.seals.delete(name));
    }
    return made;
  }

  private async buildSeSeal(seal: Seal, key: StoredSealKey & { certificate: string }, now: string) {
    const ca = await this.ca(cityOfTenant(seal.tenant), now);
    const ref = parseBodyRef(seal.body);
    const body = await this.tenancy.body(ref.tenant, ref.code);
    const cert = parseCertificate(unb64(key.certificate));
    const svg = sealImprintSvg({ bodyName: body?.name ?? seal.body, sealName: seal.name, id: seal.id });
    return buildSeSeal(
      {
        esId: `${seal.tenant}/${seal.id}`,
        type: 1,
        name: seal.name,
        certs: [unb64(key.certificate)],
        createDate: key.createdAt,
        validStart: seal.validFrom,
        validEnd: seal.voidedAt ?? cert.notAfter,
        picture: { type: 'svg', data: new TextEncoder().encode(svg), width: 42, height: 42 },
      },
      // The seal maker (制章人) is the city's seal CA, also when the seal's own certificate was
      // imported from a licensed CA: making seals and certifying keys are separate roles.
      unb64(ca.certificate),
      (message) => this.caSign(ca, message),
    );
  }

  /**
   * SES_Signature (DER) of `data` under the seal: TBS_Sign with the SESeal, the time, SM3 of
   * the data and `propertyInfo`, signed with the seal's own key. The files Lambda's OFD puts it
   * in Signs/; `data` is exactly the bytes signed (the OFD's Signature.xml).
   */
  async signSes(input: {
    readonly tenant: string;
    readonly seal: SealRef;
    readonly data: Uint8Array;
    readonly propertyInfo?: string;
    readonly now?: string;
  }): Promise<Uint8Array> {
    const now = input.now ?? new Date().toISOString();
    const { seal } = input;
    const stored = await this.sealOf(seal.tenant, seal.id);
    if (stored.voidedAt !== undefined && stored.voidedAt <= now) {
      throw new DomainError(
        'invalid-state',
        `印章“${seal.id}”已作废，其证书已吊销，不能再签章`,
        `seal '${seal.id}' is void and its certificate revoked; it signs nothing more`,
        'seal',
      );
    }
    const key = await this.certified(seal.tenant, seal.id, now);
    const sealDer = await this.seSealOf(stored, key, now);
    return buildSesSignature(
      {
        seal: sealDer,
        time: now,
        data: input.data,
        cert: unb64(key.certificate),
        ...(input.propertyInfo !== undefined ? { propertyInfo: input.propertyInfo } : {}),
      },
      async (tbs) => (await this.keys.sign(seal.tenant, seal.id, tbs, now)).signature,
    );
  }
}

function parseIssuer(ca: StoredSealCa): CertName {
  return { C: 'CN', O: 'OneWindow', OU: ca.city, CN: `${ca.city} 电子印章制章系统 Seal CA` };
}
