import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { kmsSm2Custody, SEAL_KEY_TAG } from '../../functions/shared/kms-sm2';
import {
  localKeyVault,
  nativeSm2KeyPair,
  nativeSm2SignDigest,
  nativeSm2Verify,
  SealKeys,
} from '../../packages/app/src/esign';
import { sm2Z, sm3 } from '../../packages/domain/src';
import type { Store } from '../../packages/store/src';
import { freshStore } from '../support/app';

const ENV = {
  AWS_REGION: 'cn-northwest-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
};
/** SubjectPublicKeyInfo of an SM2 point: ecPublicKey, curve SM2 (1.2.156.10197.1.301), BIT STRING. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/**
 * KMS as the custody uses it, with real SM2 keys: CreateKey (spec SM2), GetPublicKey (SPKI DER),
 * Sign (SM2DSA over a DIGEST only, as the custody asks), ScheduleKeyDeletion.
 */
function fakeKms() {
  const keys = new Map<
    string,
    { privateKey: Uint8Array; publicKey: Uint8Array; tags: unknown; deleted?: boolean }
  >();
  const calls: { target: string; body: Record<string, unknown> }[] = [];
  const send = (async (_url: string, init: RequestInit) => {
    const target = ((init.headers as Record<string, string>)['x-amz-target'] ?? '').replace(
      'TrentService.',
      '',
    );
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ target, body });
    const json = (x: unknown) => new Response(JSON.stringify(x), { status: 200 });
    const key = keys.get(String(body.KeyId));
    if (target === 'CreateKey') {
      expect(body).toMatchObject({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' });
      const arn = `arn:aws-cn:kms:cn-northwest-1:123456789012:key/${randomBytes(8).toString('hex')}`;
      keys.set(arn, { ...nativeSm2KeyPair(), tags: body.Tags });
      return json({ KeyMetadata: { Arn: arn, KeySpec: 'SM2' } });
    }
    if (!key || key.deleted) return new Response('{"__type":"NotFoundException"}', { status: 400 });
    if (target === 'GetPublicKey')
      return json({
        PublicKey: Buffer.concat([SPKI_PREFIX, key.publicKey]).toString('base64'),
        KeySpec: 'SM2',
      });
    if (target === 'Sign') {
      expect(body).toMatchObject({ MessageType: 'DIGEST', SigningAlgorithm: 'SM2DSA' });
      const e = Buffer.from(String(body.Message), 'base64');
      return json({ Signature: Buffer.from(nativeSm2SignDigest(key.privateKey, e)).toString('base64') });
    }
    if (target === 'ScheduleKeyDeletion') {
      key.deleted = true;
      return json({});
    }
    return new Response('{}', { status: 400 });
  }) as typeof fetch;
  return { keys, calls, send };
}

let store: Store;
beforeAll(async () => {
  store = await freshStore();
});

const message = new TextEncoder().encode('{"caseNo":"nanjing.jiangning.dongshan-20260302-0001"}');

describe('seal keys kept inside KMS as SM2 keys (China regions)', () => {
  it('makes the seal its own tagged SM2 key in KMS, and signs a GB/T 32918 signature any verifier checks', async () => {
    const kms = fakeKms();
    const keys = new SealKeys(store, localKeyVault('v'), kmsSm2Custody(ENV, kms.send));
    const signed = await keys.sign(
      'nanjing.jiangning.dongshan',
      'centre-seal',
      message,
      '2026-03-02T00:00:00Z',
    );
    expect(nativeSm2Verify(signed.publicKey, message, signed.signature)).toBe(true);
    expect(kms.calls.map((c) => c.target)).toEqual(['CreateKey', 'GetPublicKey', 'Sign']);
    expect(kms.calls[0]?.body.Tags).toEqual([
      { TagKey: SEAL_KEY_TAG, TagValue: 'nanjing.jiangning.dongshan/centre-seal' },
    ]);
    // KMS signs the digest e = SM3(Z ‖ M) with the default signer id, made here.
    const e = sm3(Buffer.concat([sm2Z(signed.publicKey), message]));
    expect(kms.calls[2]?.body.Message).toBe(Buffer.from(e).toString('base64'));
    const record = await keys.key('nanjing.jiangning.dongshan', 'centre-seal', '2026-03-02T00:00:00Z');
    expect(record).toMatchObject({ vault: 'kms-sm2', keyId: signed.keyId });
    expect(record.wrappedKey).toMatch(/^arn:aws-cn:kms:/);

    // Another instance signs with the same key: no new key, only Sign.
    const later = new SealKeys(store, localKeyVault('v'), kmsSm2Custody(ENV, kms.send));
    const again = await later.sign(
      'nanjing.jiangning.dongshan',
      'centre-seal',
      message,
      '2026-03-03T00:00:00Z',
    );
    expect(again.keyId).toBe(signed.keyId);
    expect(kms.calls.slice(3).map((c) => c.target)).toEqual(['Sign']);
  });

  it("keeps one key when two instances make the seal's key at once, and schedules the other for deletion", async () => {
    const kms = fakeKms();
    const make = () => new SealKeys(store, localKeyVault('v'), kmsSm2Custody(ENV, kms.send));
    const [a, b] = await Promise.all(
      [make(), make()].map((k) =>
        k.sign('nanjing.jiangning.dongshan', 'race-seal', message, '2026-03-02T00:00:00Z'),
      ),
    );
    expect(a?.keyId).toBe(b?.keyId);
    expect(kms.keys.size).toBe(2);
    expect([...kms.keys.values()].filter((k) => k.deleted)).toHaveLength(1);
    const deletion = kms.calls.find((c) => c.target === 'ScheduleKeyDeletion');
    expect(deletion?.body.PendingWindowInDays).toBe(7);
  });

  it('still signs with a key made wrapped before the deployment moved to KMS SM2 keys', async () => {
    const vault = localKeyVault(randomBytes(32));
    const before = await new SealKeys(store, vault).sign(
      'nanjing.jiangning.dongshan',
      'old-seal',
      message,
      '2025-01-01T00:00:00Z',
    );
    const kms = fakeKms();
    const after = await new SealKeys(store, vault, kmsSm2Custody(ENV, kms.send)).sign(
      'nanjing.jiangning.dongshan',
      'old-seal',
      message,
      '2026-03-02T00:00:00Z',
    );
    expect(after.keyId).toBe(before.keyId);
    expect(nativeSm2Verify(after.publicKey, message, after.signature)).toBe(true);
    expect(kms.calls).toEqual([]);
  });
});
