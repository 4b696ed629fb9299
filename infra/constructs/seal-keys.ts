import { RemovalPolicy } from 'aws-cdk-lib';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { ServiceFunction } from './function';

/**
 * The seal key vault (README, Electronic seals): a symmetric KMS key that wraps every
 * electronic seal's SM2 private key and each city seal CA's (functions/shared/kms-vault.ts).
 * The wrapped keys live in the table; a function opens one with kms:Decrypt under the seal's
 * encryption context, so every use is in CloudTrail. Rotated yearly by KMS (old versions still
 * decrypt); kept on stack deletion, as every seal key and certificate depends on it.
 */
export class SealKeyVault extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'OneWindow electronic seal keys (SM2 private keys, wrapped)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alias(this, 'Alias', { aliasName: 'alias/onewindow/seal-keys', targetKey: this.key });
  }

  /** Lets `functions` make and open seal keys: kms:Encrypt and kms:Decrypt on this key only. */
  grantUse(functions: readonly ServiceFunction[]): void {
    for (const f of functions) {
      this.key.grant(f.fn, 'kms:Encrypt', 'kms:Decrypt');
      f.fn.addEnvironment('SEAL_KEY_ARN', this.key.keyArn);
    }
  }
}
