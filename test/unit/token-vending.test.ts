import { Readable } from 'node:stream';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpResponse } from '@smithy/protocol-http';
import { describe, expect, it, vi } from 'vitest';
import {
  type AssumeRole,
  scopedCredentials,
  stsAssumeRole,
  TokenVending,
  tagsOf,
  type VendedCredentials,
} from '../../functions/shared/token-vending';
import { createDynamoClient, type IsolationScope, runIsolated } from '../../packages/store/src';

const ROLE = 'arn:aws-cn:iam::123456789012:role/tenant-access';
const SUB = 'nanjing.jiangning.dongshan';
const DISTRICT = 'nanjing.jiangning';
const clerkOf = (tenant: string): IsolationScope => ({
  who: 'tenant-staff',
  tenants: [tenant],
  readCities: ['nanjing'],
  below: [],
});

describe('the session tags of a request', () => {
  it("names a sub-district clerk's tenant, city and ancestors; nothing below", () => {
    expect(tagsOf(clerkOf(SUB))).toEqual({
      tenant: SUB,
      city: 'nanjing',
      below: '-',
      parent: DISTRICT,
      grandparent: '-',
    });
  });

  it('lets a district body reach below its own tenant', () => {
    expect(tagsOf({ ...clerkOf(DISTRICT), below: [DISTRICT] })).toMatchObject({
      tenant: DISTRICT,
      below: DISTRICT,
    });
  });

  it("leaves the platform, a city admin and the system on the function's own role", () => {
    expect(tagsOf(undefined)).toBeUndefined();
    expect(tagsOf({ who: 'platform', all: true })).toBeUndefined();
    expect(
      tagsOf({ who: 'city-admin', cities: ['nanjing'], below: ['nanjing'], tenants: [] }),
    ).toBeUndefined();
    expect(tagsOf({ who: 'public', readCities: ['nanjing'] })).toBeUndefined();
  });
});

const vended = (id: string, expiresAt: number): VendedCredentials => ({
  accessKeyId: id,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(expiresAt),
});

describe('token vending', () => {
  it('assumes the role once per tenant, shares it between concurrent requests and renews it near expiry', async () => {
    let clock = 0;
    let n = 0;
    const assume = vi.fn<AssumeRole>(async () => vended(`k${++n}`, clock + 15 * 60_000));
    const vending = new TokenVending(ROLE, assume, () => clock);
    const tags = tagsOf(clerkOf(SUB));
    if (!tags) throw new Error('no tags');
    const [a, b] = await Promise.all([vending.credentialsFor(tags), vending.credentialsFor(tags)]);
    expect(a.accessKeyId).toBe('k1');
    expect(b.accessKeyId).toBe('k1');
    expect(assume).toHaveBeenCalledTimes(1);
    expect(assume.mock.calls[0]?.[0]).toMatchObject({
      roleArn: ROLE,
      sessionName: `t-${SUB}`,
      durationSeconds: 900,
      tags: { tenant: SUB },
    });
    clock = 10 * 60_000;
    expect((await vending.credentialsFor(tags)).accessKeyId).toBe('k1');
    clock = 14 * 60_000;
    expect((await vending.credentialsFor(tags)).accessKeyId).toBe('k2');
    const other = tagsOf(clerkOf('xian.yanliang'));
    if (!other) throw new Error('no tags');
    expect((await vending.credentialsFor(other)).accessKeyId).toBe('k3');
    expect(assume).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed AssumeRole: the next request tries again', async () => {
    const assume = vi
      .fn<AssumeRole>()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValueOnce(vended('k2', Date.now() + 900_000));
    const vending = new TokenVending(ROLE, assume);
    const tags = tagsOf(clerkOf(SUB));
    if (!tags) throw new Error('no tags');
    await expect(vending.credentialsFor(tags)).rejects.toThrow('throttled');
    expect((await vending.credentialsFor(tags)).accessKeyId).toBe('k2');
  });

  it("signs a DynamoDB request of a tenant's request with its vended credentials, and the rest with the function's", async () => {
    const own = async () => ({ accessKeyId: 'own', secretAccessKey: 's' });
    const vending = new TokenVending(ROLE, async ({ tags }) =>
      vended(`for-${tags.tenant}`, Date.now() + 900_000),
    );
    const provider = scopedCredentials(own, vending);
    expect(provider.memoized).toBe(true);
    expect((await provider()).accessKeyId).toBe('own');
    expect((await runIsolated(clerkOf(SUB), () => provider())).accessKeyId).toBe(`for-${SUB}`);
    expect((await runIsolated({ who: 'platform', all: true }, () => provider())).accessKeyId).toBe('own');
  });
});

describe("the DynamoDB client's credentials", () => {
  it('are asked for on every request, so each is signed for its own tenant', async () => {
    const signedBy: string[] = [];
    const own = async () => ({ accessKeyId: 'OWNKEY', secretAccessKey: 's' });
    const vending = new TokenVending(ROLE, async ({ tags }) =>
      vended(`KEY-${tags.tenant.split('.').pop()}`, Date.now() + 900_000),
    );
    const client = createDynamoClient({ credentials: scopedCredentials(own, vending) });
    // The wire: records whose key signed each request (the whole SDK stack ran, signing included).
    client.config.requestHandler = {
      handle: async (request: { headers: Record<string, string> }) => {
        signedBy.push(/Credential=([^/]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '?');
        return {
          response: new HttpResponse({
            statusCode: 200,
            headers: {},
            body: Readable.from([Buffer.from('{}')]),
          }),
        };
      },
    } as never;
    const get = (tenant: string) =>
      client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: `T#${tenant}` }, sk: { S: 'x' } } }));
    await runIsolated(clerkOf(SUB), () => get(SUB));
    await get(SUB);
    await runIsolated(clerkOf('xian.yanliang'), () => get('xian.yanliang'));
    await runIsolated(clerkOf(SUB), () => get(SUB));
    expect(signedBy).toEqual(['KEY-dongshan', 'OWNKEY', 'KEY-yanliang', 'KEY-dongshan']);
  });
});

describe('AssumeRole over STS, signed in process', () => {
  const answer = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult><Credentials>
    <AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret/+=</SecretAccessKey>
    <SessionToken>token==</SessionToken><Expiration>2026-12-02T02:15:00Z</Expiration>
  </Credentials></AssumeRoleResult></AssumeRoleResponse>`;

  it('posts a SigV4-signed AssumeRole with the tags and reads the credentials', async () => {
    const send = vi.fn<typeof fetch>(async () => new Response(answer, { status: 200 }));
    const assume = stsAssumeRole({
      region: 'cn-north-1',
      own: async () => ({ accessKeyId: 'AKIAOWN', secretAccessKey: 'x', sessionToken: 'own-token' }),
      send,
      now: () => new Date('2026-12-02T02:00:00Z'),
    });
    const tags = tagsOf(clerkOf(SUB));
    if (!tags) throw new Error('no tags');
    const creds = await assume({ roleArn: ROLE, sessionName: `t-${SUB}`, tags, durationSeconds: 900 });
    expect(creds).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret/+=',
      sessionToken: 'token==',
      expiration: new Date('2026-12-02T02:15:00Z'),
    });
    const [url, init] = send.mock.calls[0] ?? [];
    expect(url).toBe('https://sts.cn-north-1.amazonaws.com.cn/');
    const params = new URLSearchParams(String(init?.body));
    expect(Object.fromEntries(params)).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: ROLE,
      DurationSeconds: '900',
      'Tags.member.1.Key': 'tenant',
      'Tags.member.1.Value': SUB,
      'Tags.member.5.Key': 'grandparent',
    });
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAOWN\/20261202\/cn-north-1\/sts\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe('own-token');
  });

  it('fails with what STS said when it refuses', async () => {
    const assume = stsAssumeRole({
      region: 'cn-north-1',
      own: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      send: async () => new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }),
    });
    const tags = tagsOf(clerkOf(SUB));
    if (!tags) throw new Error('no tags');
    await expect(assume({ roleArn: ROLE, sessionName: 's', tags, durationSeconds: 900 })).rejects.toThrow(
      /403.*AccessDenied/,
    );
  });
});
