import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OneWindowStack } from './stack';

const app = new App();

// Deploy-time settings come from context (`cdk deploy -c onewindow:domainPrefix=...`).
const context = (key: string, fallback: string): string => {
  const value: unknown = app.node.tryGetContext(`onewindow:${key}`);
  return typeof value === 'string' && value !== '' ? value : fallback;
};
const consoleUrl = context('consoleUrl', 'http://localhost:3000/console');

new OneWindowStack(app, 'OneWindow', {
  description:
    'OneWindow: concentrated administrative approval for district and sub-district service centres',
  // Environment-agnostic unless the CLI resolved an account/region from the caller's profile.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  domainPrefix: context('domainPrefix', 'onewindow'),
  callbackUrls: [`${consoleUrl}/auth/callback`],
  logoutUrls: [`${consoleUrl}/`],
  consoleUrl,
  // `-c onewindow:nativeSm2SealKeys=true` in the China regions: each seal's key is a KMS SM2 key.
  nativeSm2SealKeys: context('nativeSm2SealKeys', 'false') === 'true',
});

// cdk-nag 3 is a policy-validation plugin: unacknowledged findings fail `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
