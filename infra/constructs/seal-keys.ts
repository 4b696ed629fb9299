import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { ServiceFunction } from './function';

/** The tag each seal's own KMS SM2 key carries (functions/shared/kms-sm2.ts SEAL_KEY_TAG). */
const SEAL_KEY_TAG = 'onewindow-seal';

export interface SealKeyVaultProps {
  /**
   * Make each seal's key inside KMS as a key of spec SM2 that never leaves it, as the China
   * regions (cn-north-1, cn-northwest-1) offer; elsewhere KMS has no SM2 keys, and the seal keys
   * are generated in the function and kept wrapped under the vault key. Keys made before a switch
   * keep the custody that made them.
   */
  readonly nativeSm2?: boolean;
}

/**
 * The seal key vault (README, Electronic seals): a symmetric KMS key that wraps every
 * electronic seal's SM2 private key and each city seal CA's (functions/shared/kms-vault.ts).
 * The wrapped keys live in the table; a function opens one with kms:Decrypt under the seal's
 * encryption context, so every use is in CloudTrail. Rotated yearly by KMS (old versions still
 * decrypt); kept on stack deletion, as every seal key and certificate depends on it. With
 * `nativeSm2`, new seal keys are KMS SM2 keys instead (functions/shared/kms-sm2.ts).
 */
export class SealKeyVault extends Construct {
  readonly key: Key;
  private readonly nativeSm2: boolean;

  constructor(scope: Construct, id: string, props: SealKeyVaultProps = {}) {
    super(scope, id);
    this.nativeSm2 = props.nativeSm2 ?? false;
    this.key = new Key(this, 'Key', {
      description: 'OneWindow electronic seal keys (SM2 private keys, wrapped)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alias(this, 'Alias', { aliasName: 'alias/onewindow/seal-keys', targetKey: this.key });
  }

  /**
   * Lets `functions` make and open seal keys: kms:Encrypt and kms:Decrypt on this key only; with
   * `nativeSm2`, also make tagged SM2 signing keys and sign with (or give up) those keys only.
   */
  grantUse(functions: readonly ServiceFunction[]): void {
    for (const f of functions) {
      this.key.grant(f.fn, 'kms:Encrypt', 'kms:Decrypt');
      f.fn.addEnvironment('SEAL_KEY_ARN', this.key.keyArn);
      if (this.nativeSm2) this.grantNativeSm2(f);
    }
  }

  private grantNativeSm2(f: ServiceFunction): void {
    f.fn.addEnvironment('SEAL_KEY_SPEC', 'SM2');
    const tagged = { Null: { [`aws:RequestTag/${SEAL_KEY_TAG}`]: 'false' } };
    // CreateKey names no key yet: KMS authorises it on `*` only, so the conditions carry the limit.
    f.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:CreateKey', 'kms:TagResource'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:KeySpec': 'SM2', 'kms:KeyUsage': 'SIGN_VERIFY' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [SEAL_KEY_TAG] },
          ...tagged,
        },
      }),
    );
    f.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:GetPublicKey', 'kms:Sign', 'kms:ScheduleKeyDeletion'],
        resources: [`arn:${Aws.PARTITION}:kms:${Aws.REGION}:${Aws.ACCOUNT_ID}:key/*`],
        conditions: { Null: { [`aws:ResourceTag/${SEAL_KEY_TAG}`]: 'false' } },
      }),
    );
    const reason =
      "Each seal's SM2 key is made at run time: kms:CreateKey is authorised on * only (limited by " +
      'key spec, usage and tag conditions), and the keys it makes are known by their seal tag, not by ARN.';
    for (const resource of ['*', 'arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*'])
      Validations.of(f.fn.role ?? f.fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
  }
}
