import { fromEnv } from '@aws-sdk/credential-provider-env';
import { cityOfTenant, parentPathOf } from '@onewindow/domain';
import { currentIsolation, type IsolationScope } from '@onewindow/store';
import { type Credentials, signV4 } from './sigv4';

/**
 * The session tags of one tenant's credentials: what the tenant-access role's policy keys
 * `dynamodb:LeadingKeys` on (infra/constructs/tenant-access.ts). `-` is no id, so a tag that
 * does not apply matches no key.
 */
export interface TenantTags {
  readonly tenant: string;
  readonly city: string;
  /** The tenant itself for a district body reaching the sub-districts below, else `-`. */
  readonly below: string;
  readonly parent: string;
  readonly grandparent: string;
}

const NONE = '-';

/**
 * The tags for a request's isolation scope, when it is one tenant's (its staff, or a public
 * page of one tenant's case); undefined for the platform, a city admin and the system, whose
 * requests run on the function's own role.
 */
export function tagsOf(scope: IsolationScope | undefined): TenantTags | undefined {
  if (!scope || scope.all || scope.cities?.length || scope.tenants?.length !== 1) return undefined;
  const tenant = scope.tenants[0] as string;
  const parent = parentPathOf(tenant);
  const grandparent = parent ? parentPathOf(parent) : undefined;
  const below = scope.below ?? [];
  if (below.some((b) => b !== tenant)) return undefined;
  return {
    tenant,
    city: cityOfTenant(tenant),
    below: below.length > 0 ? tenant : NONE,
    parent: parent ?? NONE,
    grandparent: grandparent ?? NONE,
  };
}

export interface VendedCredentials extends Credentials {
  readonly expiration: Date;
}

export type AssumeRole = (input: {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly tags: TenantTags;
  readonly durationSeconds: number;
}) => Promise<VendedCredentials>;

/** The shortest session STS grants: a leaked tenant credential is good for 15 minutes at most. */
const SESSION_SECONDS = 900;
/** Renewed this long before they expire, so a request never signs with credentials about to lapse. */
const REFRESH_BEFORE_MS = 2 * 60_000;

/**
 * STS AssumeRole with session tags, signed with the SDK's own SigV4 signer (sigv4.ts) instead of
 * @aws-sdk/client-sts, which would not fit the cases bundle's 400 KB. `own` are the function's
 * role credentials (Lambda passes them in the environment).
 */
export function stsAssumeRole(options: {
  readonly region: string;
  readonly own: () => Promise<Credentials>;
  readonly endpoint?: string;
  readonly send?: typeof fetch;
  readonly now?: () => Date;
}): AssumeRole {
  const { region, send = fetch, now = () => new Date() } = options;
  const url =
    options.endpoint ?? `https://sts.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`;
  return async ({ roleArn, sessionName, tags, durationSeconds }) => {
    const params = new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: roleArn,
      RoleSessionName: sessionName,
      DurationSeconds: String(durationSeconds),
    });
    Object.entries(tags).forEach(([key, value], i) => {
      params.set(`Tags.member.${i + 1}.Key`, key);
      params.set(`Tags.member.${i + 1}.Value`, value);
    });
    const body = params.toString();
    const headers = await signV4({
      url,
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      region,
      service: 'sts',
      credentials: await options.own(),
      now: now(),
    });
    const res = await send(url, { method: 'POST', headers, body });
    const text = await res.text();
    if (!res.ok) throw new Error(`AssumeRole ${roleArn} answered ${res.status}: ${text.slice(0, 300)}`);
    const field = (name: string) => {
      const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text);
      if (!m?.[1]) throw new Error(`AssumeRole answer has no ${name}`);
      return m[1];
    };
    return {
      accessKeyId: field('AccessKeyId'),
      secretAccessKey: field('SecretAccessKey'),
      sessionToken: field('SessionToken'),
      expiration: new Date(field('Expiration')),
    };
  };
}

/**
 * Token vending: one tenant's credentials, assumed with its tags and cached per tag set until
 * shortly before they expire; concurrent requests of a tenant share one AssumeRole.
 */
export class TokenVending {
  private readonly cache = new Map<string, Promise<VendedCredentials>>();

  constructor(
    private readonly roleArn: string,
    private readonly assumeRole: AssumeRole,
    private readonly now: () => number = Date.now,
  ) {}

  async credentialsFor(tags: TenantTags): Promise<VendedCredentials> {
    const key = `${tags.tenant}|${tags.below}`;
    const hit = this.cache.get(key);
    if (hit) {
      const creds = await hit.catch(() => undefined);
      if (creds && creds.expiration.getTime() - REFRESH_BEFORE_MS > this.now()) return creds;
      if (this.cache.get(key) !== hit) return this.credentialsFor(tags);
    }
    const next = this.assumeRole({
      roleArn: this.roleArn,
      // Names the tenant in CloudTrail; STS allows [\w+=,.@-], 64 at most.
      sessionName: `t-${tags.tenant}`.slice(0, 64),
      tags,
      durationSeconds: SESSION_SECONDS,
    });
    this.cache.set(key, next);
    next.catch(() => {
      if (this.cache.get(key) === next) this.cache.delete(key);
    });
    // Tenants of one city are bounded, but a long-lived instance should not grow for ever.
    if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value as string);
    return next;
  }
}

/** A credential provider as the SDK takes it; `memoized` tells the SDK to call it on every request. */
export type ScopedProvider = (() => Promise<Credentials>) & { memoized: true };

/**
 * The DynamoDB client's credentials: a tenant's vended ones while a single-tenant request is
 * running (its isolation scope says which), else the function's own. Marked memoized so the
 * SDK asks on every request instead of keeping the first answer.
 */
export function scopedCredentials(
  own: () => Promise<Credentials>,
  vending: TokenVending,
  scope: () => IsolationScope | undefined = currentIsolation,
): ScopedProvider {
  const provider = async () => {
    const tags = tagsOf(scope());
    return tags ? vending.credentialsFor(tags) : own();
  };
  return Object.assign(provider, { memoized: true as const });
}

/**
 * The DynamoDB client's credentials in a Lambda whose stack names a tenant-access role
 * (TENANT_ACCESS_ROLE_ARN): scoped per request; without the role, the SDK's own chain.
 */
export function tenantCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): ScopedProvider | undefined {
  const roleArn = env.TENANT_ACCESS_ROLE_ARN;
  if (!roleArn) return undefined;
  const own = fromEnv();
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  const assume = stsAssumeRole({
    region,
    own,
    ...(env.AWS_ENDPOINT_URL_STS ? { endpoint: env.AWS_ENDPOINT_URL_STS } : {}),
  });
  return scopedCredentials(own, new TokenVending(roleArn, assume));
}
