import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceFunction } from '../../infra/constructs/function';
import { OneWindowStack } from '../../infra/stack';

let stack: OneWindowStack;
let template: Template;
let findings: string[];

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new OneWindowStack(app, 'OneWindow', {
    domainPrefix: 'onewindow-test',
    callbackUrls: ['https://console.example.cn/console/auth/callback'],
    logoutUrls: ['https://console.example.cn/console/'],
    consoleUrl: 'https://console.example.cn/console',
  });
  template = Template.fromStack(stack);
  findings = new AwsSolutionsChecks()
    .validateScope(app)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath ?? ''}`))
    .filter((f) => f.includes('/SealKeys/'));
});

const keyId = () => stack.getLogicalId(stack.sealKeys.key.node.defaultChild as CfnElement);

/** The actions `fn`'s role is granted on the seal key. */
function keyActions(fn: ServiceFunction): string[] {
  const roleId = stack.getLogicalId(fn.fn.role?.node.defaultChild as CfnElement);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties.Roles).includes(roleId),
  );
  return policies.flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => JSON.stringify(s.Resource).includes(keyId()))
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
  );
}

describe('the seal key vault (KMS)', () => {
  it('is a symmetric key with yearly rotation, kept when the stack goes, under its alias', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: Match.stringLikeRegexp('seal keys') },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/onewindow/seal-keys' });
  });

  it('lets cases, files and stream wrap and open seal keys, and nothing more; the api function not at all', () => {
    for (const fn of [stack.api.cases, stack.api.files, stack.workers.stream]) {
      expect(keyActions(fn).sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
      const variables = (template.toJSON().Resources[
        stack.getLogicalId(fn.fn.node.defaultChild as CfnElement)
      ].Properties.Environment.Variables ?? {}) as Record<string, unknown>;
      expect(variables.SEAL_KEY_ARN).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
    }
    expect(keyActions(stack.api.fn)).toEqual([]);
    expect(keyActions(stack.workers.clock)).toEqual([]);
  });

  it('sends the verification, the certificates and the revocation list to the files function, ahead of the cases proxy', () => {
    const filesFn = stack.getLogicalId(stack.api.files.fn.node.defaultChild as CfnElement);
    for (const key of [
      'GET /v1/public/results/{caseNo}/verify',
      'GET /v1/public/{tenant}/seals/{proxy+}',
      'PUT /v1/tenants/{tenant}/seals/{id}/certificate',
    ]) {
      const routes = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } }),
      );
      expect(routes, key).toHaveLength(1);
      const target = JSON.stringify(routes[0]?.Properties.Target);
      const integration = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).find(
        ([id]) => target.includes(id),
      )?.[1];
      expect(JSON.stringify(integration?.Properties.IntegrationUri), key).toContain(filesFn);
    }
  });

  it('has no cdk-nag finding', () => {
    expect(findings).toEqual([]);
  });
});

describe('seal keys inside KMS as SM2 keys (nativeSm2SealKeys, the China regions)', () => {
  let sm2: OneWindowStack;
  let sm2Template: Template;
  let sm2Findings: string[];
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    sm2 = new OneWindowStack(app, 'OneWindow', {
      env: { region: 'cn-northwest-1', account: '123456789012' },
      domainPrefix: 'onewindow-test',
      callbackUrls: ['https://console.example.cn/console/auth/callback'],
      logoutUrls: ['https://console.example.cn/console/'],
      consoleUrl: 'https://console.example.cn/console',
      nativeSm2SealKeys: true,
    });
    sm2Template = Template.fromStack(sm2);
    sm2Findings = new AwsSolutionsChecks()
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath ?? ''}`));
  });

  /** The statements of `fn`'s role that name KMS actions other than the vault key's. */
  const sm2Statements = (fn: ServiceFunction, of = sm2Template) => {
    const roleId = sm2.getLogicalId(fn.fn.role?.node.defaultChild as CfnElement);
    return Object.values(of.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((s) => JSON.stringify(s.Action).match(/CreateKey|Sign|GetPublicKey/));
  };

  it('lets cases, files and stream make only tagged SM2 signing keys, and sign only with keys so tagged', () => {
    for (const fn of [sm2.api.cases, sm2.api.files, sm2.workers.stream]) {
      const variables = sm2Template.toJSON().Resources[
        sm2.getLogicalId(fn.fn.node.defaultChild as CfnElement)
      ].Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.SEAL_KEY_SPEC).toBe('SM2');
      const [create, use] = sm2Statements(fn);
      expect(create).toMatchObject({
        Action: ['kms:CreateKey', 'kms:TagResource'],
        Condition: {
          StringEquals: { 'kms:KeySpec': 'SM2', 'kms:KeyUsage': 'SIGN_VERIFY' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['onewindow-seal'] },
          Null: { 'aws:RequestTag/onewindow-seal': 'false' },
        },
      });
      expect(use).toMatchObject({
        Action: ['kms:GetPublicKey', 'kms:Sign', 'kms:ScheduleKeyDeletion'],
        Condition: { Null: { 'aws:ResourceTag/onewindow-seal': 'false' } },
      });
    }
    expect(sm2Statements(sm2.api.fn)).toEqual([]);
    expect(sm2Statements(sm2.workers.clock)).toEqual([]);
    // Without the setting no function may make or use KMS signing keys.
    expect(sm2Statements(sm2.api.cases, template)).toEqual([]);
  });

  it('has no cdk-nag finding left unacknowledged', () => {
    expect(sm2Findings).toEqual([]);
  });
});
