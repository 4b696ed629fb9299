import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCAN_RESULT_DETAIL_TYPE } from '../../functions/scan/scan';
import type { ServiceFunction } from '../../infra/constructs/function';
import { OneWindowStack } from '../../infra/stack';
import { caseRoutes, catalogueFileRoutes, coreRoutes } from '../../packages/api/src';
import {
  absenceRoutes,
  applicantRoutes,
  cardRoutes,
  caseReadRoutes,
  codeLineageRoutes,
  empowermentRoutes,
  holderRoutes,
  printRoutes,
  publicCaseRoutes,
  ratingExportRoutes,
  readinessRoutes,
  rectificationRoutes,
  rolloutRoutes,
  supervisionRoutes,
  windowGrantRoutes,
  workbenchRoutes,
} from '../../packages/api/src/route-groups';
import { tableDefinition } from '../../packages/store/src/table';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Violation = { ruleName: string; severity?: string; description: string; paths: string[] };

let stack: OneWindowStack;
let template: Template;
let violations: Violation[];

// One synthesis for the whole file: aws-cdk-lib is slow to load and synthesise.
beforeAll(() => {
  // Skipping bundling keeps this test independent of the function code compiling.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new OneWindowStack(app, 'OneWindow', {
    domainPrefix: 'onewindow-test',
    callbackUrls: ['https://console.example.cn/console/auth/callback'],
    logoutUrls: ['https://console.example.cn/console/'],
    consoleUrl: 'https://console.example.cn/console',
  });
  template = Template.fromStack(stack);
  // infra/app.ts registers the pack as a synth-time plugin (a finding fails `cdk synth`); here the
  // same rules run directly over the synthesised tree so each finding is listed in the test failure.
  violations = new AwsSolutionsChecks().validateScope(app).violations.map((v) => ({
    ruleName: v.ruleName,
    severity: v.severity,
    description: v.description,
    paths: v.violatingResources.map((r) => r.constructPath ?? '(unknown path)'),
  }));
});

const logicalId = (element: unknown) => stack.getLogicalId(element as CfnElement);
const routeKey = (key: string) => {
  const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } });
  const found = Object.values(routes);
  expect(found, `route ${key}`).toHaveLength(1);
  return found[0]?.Properties as Record<string, unknown>;
};
/** The logical id of the gateway integration that invokes `fn`. */
const integrationOf = (fn: ServiceFunction) => {
  const found = Object.keys(
    template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationUri: { 'Fn::GetAtt': [logicalId(fn.fn.node.defaultChild), 'Arn'] } },
    }),
  );
  expect(found).toHaveLength(1);
  return found[0] as string;
};
const targetOf = (route: Record<string, unknown>) => JSON.stringify(route.Target);
function statements(): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
/** An HTTP function: the api's memory, timeout and token settings, its service name and `extra` variables. */
const hasHttpFunction = (service: string, extra: Record<string, unknown> = {}) =>
  template.hasResourceProperties('AWS::Lambda::Function', {
    MemorySize: 1024,
    Timeout: 29,
    Environment: {
      Variables: Match.objectLike({
        TABLE_NAME: Match.anyValue(),
        JWKS_URL: Match.anyValue(),
        JWT_ISSUER: Match.anyValue(),
        JWT_AUDIENCE: Match.anyValue(),
        ...extra,
        POWERTOOLS_SERVICE_NAME: service,
      }),
    },
  });

describe('data', () => {
  it('is one on-demand table with PITR, a NEW_AND_OLD_IMAGES stream and TTL, kept on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
      },
    });
  });

  it('has both GSIs from the shared table definition, projecting the list row and never the whole case', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...gsi.include] },
      })),
    });
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      const names: readonly string[] = gsi.include;
      expect(names).toContain('summary');
      expect(names).not.toContain('state');
    }
  });
});

describe('identity', () => {
  it('is an admin-provisioned Essentials user pool with optional TOTP and the scope attributes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      Schema: Match.arrayWith(
        ['roles', 'city', 'tenant', 'body'].map((name) =>
          Match.objectLike({ Name: name, AttributeDataType: 'String', Mutable: true }),
        ),
      ),
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: Match.anyValue() },
      },
    });
  });

  it('has a public code-flow client that cannot write the scope attributes, and a hosted domain', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://console.example.cn/console/auth/callback'],
      WriteAttributes: ['name'],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'onewindow-test' });
  });
});

describe('api', () => {
  it('guards ANY /v1/{proxy+} with a Cognito JWT authorizer for the console client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('ConsoleClient') }],
        Issuer: Match.anyValue(),
      },
    });
    expect(routeKey('ANY /v1/{proxy+}')).toMatchObject({ AuthorizationType: 'JWT' });
  });

  it.each([
    'ANY /v1/public/{proxy+}',
    'GET /healthz',
    'GET /openapi.json',
    'GET /docs',
    'GET /problems/{proxy+}',
    'GET /',
    'GET /console',
    'ANY /console/{proxy+}',
  ])('leaves %s to the app', (key) => {
    const route = routeKey(key);
    expect(route.AuthorizerId).toBeUndefined();
    expect(route.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('serves the console from its own function, which reaches the API over HTTPS and signs in with the hosted UI', () => {
    for (const key of ['GET /', 'GET /console', 'ANY /console/{proxy+}']) {
      expect(targetOf(routeKey(key))).toContain(integrationOf(stack.console.fn));
    }
    const fn = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'onewindow-console' } } },
    });
    const env = Object.values(fn)[0]?.Properties.Environment.Variables;
    expect(env).toMatchObject({
      CONSOLE_URL: 'https://console.example.cn/console',
      API_URL: expect.anything(),
      CONSOLE_COGNITO_DOMAIN: expect.anything(),
      CONSOLE_COGNITO_CLIENT_ID: expect.anything(),
    });
    expect(env.TABLE_NAME).toBeUndefined();
    // No table access: its role has no DynamoDB statement.
    const role = logicalId(stack.console.fn.role.node.defaultChild);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(role),
    );
    expect(JSON.stringify(policies)).not.toContain('dynamodb:');
  });

  it('sends the catalogue file paths to the files function, behind the JWT authorizer', () => {
    // A route key cannot hold the ':' of catalogue:import, so a path variable one below the city takes them.
    for (const route of catalogueFileRoutes) {
      expect(route.openapiPath).toMatch(/^\/v1\/cities\/\{city\}\/[^/]+:[^/]+$/);
      const key = routeKey(`${route.method.toUpperCase()} /v1/cities/{city}/{action}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it('sends the code-lineage ledger to the files function through the city path variable, behind the JWT authorizer', () => {
    expect(codeLineageRoutes.length).toBeGreaterThan(0);
    for (const route of codeLineageRoutes) {
      expect(route.path).toMatch(/^\/v1\/cities\/:city\/[^/:]+$/);
      const key = routeKey(`${route.method.toUpperCase()} /v1/cities/{city}/{action}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it('sends the applicant reveal and the printable documents to the files function, behind the JWT authorizer, ahead of the cases proxy', () => {
    expect(applicantRoutes.length).toBeGreaterThan(0);
    expect(printRoutes.length).toBeGreaterThan(0);
    for (const route of [...applicantRoutes, ...printRoutes, ...workbenchRoutes]) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const key = routeKey(`${route.method.toUpperCase()} ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it("sends the look-up of a holder's earlier supervision findings to the files function, behind the JWT authorizer", () => {
    expect(holderRoutes.length).toBeGreaterThan(0);
    for (const route of holderRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const key = routeKey(`${route.method.toUpperCase()} ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it('sends the training records and the handover checklist to the files function, behind the JWT authorizer', () => {
    expect(readinessRoutes.length).toBe(4);
    for (const route of readinessRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const method = path === '/v1/tenants/{tenant}/trainings' ? 'ANY' : route.method.toUpperCase();
      const key = routeKey(`${method} ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it('sends the absences of A/B posts to the files function, behind the JWT authorizer', () => {
    expect(absenceRoutes.length).toBe(4);
    for (const route of absenceRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const key = routeKey(`${route.method.toUpperCase()} ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it("sends the applicant's public case pages to the files function, open and throttled; only the signing keys stay with the cases function", () => {
    expect(publicCaseRoutes.length).toBe(4);
    for (const route of publicCaseRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const key = routeKey(`${route.method.toUpperCase()} ${path}`);
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
      expect(key.AuthorizationType ?? 'NONE').toBe('NONE');
    }
    expect(caseRoutes.filter((r) => r.access === 'public').map((r) => r.path)).toEqual(['/v1/public/keys']);
  });

  it('sends the initial holders and the published empowered lists to the files function: the lists open and throttled, the holders behind the JWT authorizer', () => {
    expect(empowermentRoutes.length).toBe(3);
    for (const route of empowermentRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const key = routeKey(`${route.method.toUpperCase()} ${path}`);
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
      if (route.access === 'public') expect(key.AuthorizationType ?? 'NONE').toBe('NONE');
      else expect(key).toMatchObject({ AuthorizationType: 'JWT' });
    }
  });

  it('serves every official document of a case (文书) from the files function: notice, acceptance, rejection, decision, result', () => {
    const documents = ['notice', 'acceptance', 'rejection', 'decision', 'result'];
    expect(printRoutes.map((r) => r.path.split('/').at(-1)).sort()).toEqual(
      documents.map((d) => `${d}.html`).sort(),
    );
    for (const d of documents) {
      const key = routeKey(`GET /v1/tenants/{tenant}/cases/{caseNo}/${d}.html`);
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
  });

  it('sends the case reads no command needs to the files function, ahead of the cases proxy', () => {
    expect(caseReadRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual([
      'GET /v1/tenants/:tenant/cases',
      'GET /v1/tenants/:tenant/cases/:caseNo/integrity',
      'GET /v1/tenants/:tenant/cases/:caseNo/responsibility',
      'GET /v1/tenants/:tenant/cases/:caseNo/result',
    ]);
    for (const route of caseReadRoutes) {
      const key = routeKey(`${route.method.toUpperCase()} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
    // The other methods on the case list (intake) stay with the cases function.
    expect(targetOf(routeKey('ANY /v1/tenants/{tenant}/cases'))).toContain(integrationOf(stack.api.cases));
  });

  it('sends the rollouts and handover agreements to the files function, behind the JWT authorizer', () => {
    const files = integrationOf(stack.api.files);
    for (const key of [
      'ANY /v1/cities/{city}/rollouts/{proxy+}',
      'ANY /v1/tenants/{tenant}/handovers',
      'ANY /v1/tenants/{tenant}/handovers/{proxy+}',
    ]) {
      expect(routeKey(key)).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(routeKey(key))).toContain(files);
    }
    // Each rollout route lies under those paths, or is one segment below a city ({action}).
    for (const route of rolloutRoutes) {
      expect(route.path).toMatch(
        /^\/v1\/cities\/:city\/rollouts(\/.+)?$|^\/v1\/tenants\/:tenant\/handovers(\/|$)/,
      );
      if (route.path === '/v1/cities/:city/rollouts')
        expect(targetOf(routeKey(`${route.method.toUpperCase()} /v1/cities/{city}/{action}`))).toContain(
          files,
        );
    }
  });

  it('pins every core route one segment below a city to the api function, so {action} cannot take it', () => {
    const cityLevel = coreRoutes.filter((r) => /^\/v1\/cities\/:city\/[^/:]+$/.test(r.path));
    expect(cityLevel.length).toBeGreaterThan(0);
    for (const route of cityLevel) {
      const key = routeKey(`${route.method.toUpperCase()} ${route.path.replace(':city', '{city}')}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.fn));
    }
  });

  it("sends the chief representatives' written authorisations (R16) to the files function, behind the JWT authorizer", () => {
    for (const path of [
      '/v1/tenants/{tenant}/window-authorisations',
      '/v1/tenants/{tenant}/window-authorisations/{proxy+}',
    ]) {
      const key = routeKey(`ANY ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
    expect(windowGrantRoutes).toHaveLength(4);
    for (const route of windowGrantRoutes)
      expect(route.path).toMatch(/^\/v1\/tenants\/:tenant\/window-authorisations(\/|$)/);
  });

  it('sends cases and the public pages to the cases function; supervision and rectifications to the files function', () => {
    const cases = integrationOf(stack.api.cases);
    for (const path of ['/v1/tenants/{tenant}/cases', '/v1/tenants/{tenant}/cases/{proxy+}']) {
      const key = routeKey(`ANY ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(cases);
    }
    for (const path of [
      '/v1/tenants/{tenant}/supervision/{proxy+}',
      '/v1/tenants/{tenant}/rectifications',
      '/v1/tenants/{tenant}/rectifications/{proxy+}',
      '/v1/tenants/{tenant}/cards',
      '/v1/tenants/{tenant}/cards/{proxy+}',
    ]) {
      const key = routeKey(`ANY ${path}`);
      expect(key).toMatchObject({ AuthorizationType: 'JWT' });
      expect(targetOf(key)).toContain(integrationOf(stack.api.files));
    }
    // Every supervision and rectification route lies under those paths, or one segment below a city ({action}).
    for (const route of [
      ...supervisionRoutes,
      ...rectificationRoutes,
      ...ratingExportRoutes,
      ...cardRoutes,
    ]) {
      expect(route.path).toMatch(
        /^\/v1\/tenants\/:tenant\/(supervision|rectifications|cards)(\/|$)|^\/v1\/cities\/:city\/[^/]+$/,
      );
    }
    for (const method of ['GET', 'POST'])
      expect(targetOf(routeKey(`${method} /v1/cities/{city}/{action}`))).toContain(
        integrationOf(stack.api.files),
      );
    expect(targetOf(routeKey('ANY /v1/public/{proxy+}'))).toContain(cases);
    expect(targetOf(routeKey('ANY /v1/{proxy+}'))).toContain(integrationOf(stack.api.fn));
  });

  it('splits the app routes between the api and cases functions as the gateway does', () => {
    // The hono form of the gateway paths above: a case route outside them would reach the api function.
    const casePrefixes = [/^\/v1\/tenants\/:tenant\/cases(\/|$)/, /^\/v1\/public\//];
    const servedByCases = (path: string) => casePrefixes.some((prefix) => prefix.test(path));
    for (const route of caseRoutes) expect(servedByCases(route.path), route.path).toBe(true);
    for (const route of coreRoutes) expect(servedByCases(route.path), route.path).toBe(false);
  });

  it('gives the cases function the api settings and the signing secret, which only it and the stream worker (archive manifests) may read, and the cursor key it shares with the files function (the supervision inbox); the relay key goes to the console and the public routes', () => {
    const secret = logicalId(stack.api.signingSecret.node.defaultChild);
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });
    const cursorSecret = logicalId(stack.api.cursorSecret.node.defaultChild);
    hasHttpFunction('onewindow-cases', {
      SIGNING_SECRET_ARN: { Ref: secret },
      CURSOR_SECRET_ARN: { Ref: cursorSecret },
    });
    const relaySecret = logicalId(stack.api.relaySecret.node.defaultChild);
    /** The roles whose policies may read the secret `id`. */
    const readersOf = (id: string) =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) =>
          (p.Properties.PolicyDocument.Statement as Statement[]).some(
            (s) =>
              actionsOf(s).includes('secretsmanager:GetSecretValue') &&
              JSON.stringify(s.Resource) === JSON.stringify({ Ref: id }),
          ),
        )
        .flatMap((p) => p.Properties.Roles as unknown[]);
    const roleOf = (f: { role: { node: { defaultChild?: unknown } } }) => ({
      Ref: logicalId(f.role.node.defaultChild as never),
    });
    expect(new Set(readersOf(secret).map((r) => JSON.stringify(r)))).toEqual(
      new Set([stack.api.cases, stack.workers.stream].map((f) => JSON.stringify(roleOf(f)))),
    );
    expect(new Set(readersOf(cursorSecret).map((r) => JSON.stringify(r)))).toEqual(
      new Set([stack.api.cases, stack.api.files].map((f) => JSON.stringify(roleOf(f)))),
    );
    expect(new Set(readersOf(relaySecret).map((r) => JSON.stringify(r)))).toEqual(
      new Set([stack.api.cases, stack.api.files, stack.console.fn].map((f) => JSON.stringify(roleOf(f)))),
    );
    // The holder index's key (supervision findings at intake): the files function's alone, kept.
    const holderSecret = logicalId(stack.api.holderSecret.node.defaultChild);
    expect(readersOf(holderSecret)).toEqual([roleOf(stack.api.files)]);
    expect(template.toJSON().Resources[holderSecret]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });
    hasHttpFunction('onewindow-files', {
      CLIENT_RELAY_SECRET_ARN: { Ref: relaySecret },
      CURSOR_SECRET_ARN: { Ref: cursorSecret },
      HOLDER_SECRET_ARN: { Ref: holderSecret },
    });
    // No other secret is read by anyone.
    const secretStatements = statements().filter((s) =>
      actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
    );
    for (const s of secretStatements) {
      expect(
        [secret, cursorSecret, relaySecret, holderSecret].map((id) => JSON.stringify({ Ref: id })),
      ).toContain(JSON.stringify(s.Resource));
    }
  });

  it('throttles the public routes on their own, below the stage', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    // The proxy and every literal public route beside it (the published lists, …): each throttled alike, nothing else.
    const throttle = { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 };
    expect(stage.RouteSettings).toMatchObject({
      'ANY /v1/public/{proxy+}': throttle,
      'GET /v1/public/{tenant}/empowered-matters': throttle,
      'GET /v1/public/{tenant}/empowered-matters/changes': throttle,
      'GET /v1/public/cases/{caseNo}': throttle,
      'POST /v1/public/cases/{caseNo}/rating': throttle,
    });
    for (const [key, settings] of Object.entries(stage.RouteSettings)) {
      expect(key).toMatch(/^[A-Z]+ \/v1\/public\//);
      expect(settings).toEqual(throttle);
    }
    routeKey('ANY /v1/public/{proxy+}');
  });

  it('declares a WAF rate-based rule on the public routes that answers 429', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Action: {
            Block: {
              CustomResponse: Match.objectLike({
                ResponseCode: 429,
                ResponseHeaders: [{ Name: 'Retry-After', Value: Match.anyValue() }],
              }),
            },
          },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: '/v1/public/',
                }),
              },
            }),
          },
        }),
      ],
    });
    // AWS WAF cannot be associated with an HTTP API stage; the ACL is output for the API's front.
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(Object.keys(template.findOutputs('*')).some((k) => k.includes('WebAclArn'))).toBe(true);
  });

  it('gives the files function the api settings, memory and timeout', () => {
    hasHttpFunction('onewindow-files');
  });

  it('logs access to a log group and passes the JWT settings to the function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    hasHttpFunction('onewindow-api');
  });
});

describe('functions', () => {
  it('are eight arm64 Node.js 22 functions with tracing and their own log group', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(8);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs22.x',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it('keeps every log group for six months', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(9);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(180);
  });
});

describe('workers', () => {
  it('has the onewindow bus and a stream mapping that retries, bisects and parks failures', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'onewindow' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('runs the clock every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(stack.workers.clock.fn.node.defaultChild), 'Arn'] },
        }),
      ],
    });
  });
});

describe('IAM', () => {
  it('grants no wildcard actions', () => {
    const wild = statements().filter((s) => actionsOf(s).some((a) => a === '*' || a.endsWith(':*')));
    expect(wild).toEqual([]);
  });

  it('lets only the stream function put events, and only on the bus', () => {
    const busArn = { 'Fn::GetAtt': [logicalId(stack.workers.bus.node.defaultChild), 'Arn'] };
    const puts = statements().filter((s) => actionsOf(s).includes('events:PutEvents'));
    expect(puts).toHaveLength(1);
    expect(puts[0]?.Resource).toEqual(busArn);
    const streamPolicy = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: logicalId(stack.workers.stream.role.node.defaultChild) }] },
      }),
    );
    expect(JSON.stringify(streamPolicy)).toContain('events:PutEvents');
  });

  it('gives item access on the table and its named indexes only, never Scan', () => {
    const tableArn = { 'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild), 'Arn'] };
    // The tenant-access role's statements carry a LeadingKeys condition; they are asserted under 'tenant access'.
    const data = statements().filter((s) => actionsOf(s).includes('dynamodb:PutItem') && !('Condition' in s));
    // api, cases, files, stream, clock and the scan worker.
    expect(data).toHaveLength(6);
    for (const s of data) {
      expect(actionsOf(s)).not.toContain('dynamodb:DeleteTable');
      expect(s.Resource).toEqual([
        tableArn,
        ...tableDefinition.globalSecondaryIndexes.map((gsi) => ({
          'Fn::Join': ['', [tableArn, `/index/${gsi.indexName}`]],
        })),
      ]);
    }
    expect(statements().filter((s) => actionsOf(s).includes('dynamodb:Scan'))).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  const list = (severity: string) =>
    violations
      .filter((v) => v.severity === severity)
      .map((v) => `${v.ruleName} at ${v.paths.join(', ')}: ${v.description}`);

  it('has no unacknowledged errors', () => {
    const errors = list('error');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('has no unacknowledged warnings', () => {
    const warnings = list('warning');
    expect(warnings, warnings.join('\n')).toEqual([]);
  });
});

describe('security monitoring', () => {
  const filters = () => Object.values(template.findResources('AWS::Logs::MetricFilter'));
  const securityFilters = () =>
    filters().filter((f) => String(f.Properties.FilterPattern).includes('$.securityEvent'));

  it('counts security events with one metric filter on each request-serving function’s log group, by kind', () => {
    const groups = [stack.api.fn, stack.api.cases, stack.api.files, stack.console.fn].map((f) =>
      logicalId(f.logGroup.node.defaultChild),
    );
    const found = securityFilters();
    expect(found).toHaveLength(groups.length);
    expect(found.map((f) => f.Properties.LogGroupName.Ref).sort()).toEqual([...groups].sort());
    for (const f of found) {
      expect(f.Properties.FilterPattern).toBe('{ $.securityEvent = "*" }');
      expect(f.Properties.MetricTransformations).toEqual([
        {
          MetricNamespace: 'OneWindow/Security',
          MetricName: 'SecurityEvents',
          MetricValue: '1',
          Unit: 'Count',
          Dimensions: [{ Key: 'kind', Value: '$.securityEvent' }],
        },
      ]);
    }
  });

  const alarmOn = (kind: string) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties).includes(`"Value":"${kind}"`),
    );
  const topic = () => ({ Ref: logicalId(stack.security.topic.node.defaultChild) });

  it('alarms on a burst of 401 and 403 answers: 50 in 5 minutes', () => {
    const [alarm, ...more] = alarmOn('auth-failed');
    expect(more).toEqual([]);
    expect(alarm?.Properties).toMatchObject({
      Threshold: 50,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic()],
    });
    const metrics = alarm?.Properties.Metrics as {
      Expression?: string;
      MetricStat?: { Metric: unknown; Period: number };
    }[];
    const expressions = metrics.flatMap((m) => (m.Expression ? [m.Expression] : []));
    // The larger of what the functions logged and what the gateway answered: the functions' own
    // refusals pass the gateway too, and its JWT authorizer's never reach a function.
    expect(expressions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MAX\(\[\w+, \w+\]\)$/),
        'FILL(authFailed, 0) + FILL(forbidden, 0)',
        'FILL(unauthorized, 0) + FILL(refused, 0)',
      ]),
    );
    const stats = metrics.flatMap((m) => (m.MetricStat ? [JSON.stringify(m.MetricStat.Metric)] : []));
    for (const dimension of ['"auth-failed"', '"forbidden"', '"401"', '"403"']) {
      expect(
        stats.filter((k) => k.includes(dimension)),
        dimension,
      ).toHaveLength(1);
    }
    expect(metrics.filter((m) => m.MetricStat).every((m) => m.MetricStat?.Period === 300)).toBe(true);
  });

  it('counts the gateway’s 401 and 403 answers from its access log, as its JWT authorizer refuses most bad tokens itself', () => {
    const accessLogs = logicalId(stack.api.accessLogs.node.defaultChild);
    const onAccessLogs = filters().filter((f) => f.Properties.LogGroupName.Ref === accessLogs);
    expect(onAccessLogs).toHaveLength(1);
    expect(onAccessLogs[0]?.Properties.FilterPattern).toBe('{ ($.status = "401") || ($.status = "403") }');
    expect(onAccessLogs[0]?.Properties.MetricTransformations).toEqual([
      {
        MetricNamespace: 'OneWindow/Security',
        MetricName: 'RefusedAnswers',
        MetricValue: '1',
        Unit: 'Count',
        Dimensions: [{ Key: 'status', Value: '$.status' }],
      },
    ]);
  });

  it('alarms on any isolation refusal, and on a burst of personal-data reveals', () => {
    const [isolation] = alarmOn('isolation-refused');
    expect(isolation?.Properties).toMatchObject({
      Namespace: 'OneWindow/Security',
      MetricName: 'SecurityEvents',
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic()],
    });
    const [reveal] = alarmOn('personal-data-reveal');
    expect(reveal?.Properties).toMatchObject({ Period: 300, Threshold: 100, AlarmActions: [topic()] });
  });

  it('sends alarms to a topic encrypted with a rotated key CloudWatch may use, over TLS only', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: Match.arrayWith(['kms:Decrypt']),
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    template.hasOutput('SecurityAlarmTopicArn', {});
  });
});

describe('tenant access (token vending)', () => {
  /** The policy variable of a session tag, as IAM reads it. */
  const tag = (name: string) => `\${aws:PrincipalTag/${name}}`;
  const role = () => stack.tenantAccess.role;
  const policyOfRole = () =>
    Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: logicalId(role().node.defaultChild) }] },
      }),
    ).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as (Statement & { Sid?: string; Condition?: unknown })[],
    );
  const bySid = (sid: string) => policyOfRole().find((s) => s.Sid === sid);
  const tableArn = () => ({ 'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild), 'Arn'] });

  it('is a role only the api, cases and files functions may assume, and only with session tags', () => {
    const trust =
      template.toJSON().Resources[logicalId(role().node.defaultChild)].Properties.AssumeRolePolicyDocument;
    const callers = [stack.api.fn, stack.api.cases, stack.api.files].map((f) => ({
      'Fn::GetAtt': [logicalId(f.role.node.defaultChild), 'Arn'],
    }));
    // One statement per caller, each with sts:TagSession: the tags are what the policy keys on.
    expect(trust.Statement).toEqual(
      callers.map((AWS) => ({
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Principal: { AWS },
      })),
    );
    for (const f of [stack.api.fn, stack.api.cases, stack.api.files]) {
      const roleArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(role().node.defaultChild), 'Arn'] });
      const granted = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(logicalId(f.role.node.defaultChild)))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => JSON.stringify(s.Resource) === roleArn);
      expect(granted.flatMap(actionsOf).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalId(f.role.node.defaultChild), 'Arn'] },
        Environment: {
          Variables: Match.objectLike({
            TENANT_ACCESS_ROLE_ARN: { 'Fn::GetAtt': [logicalId(role().node.defaultChild), 'Arn'] },
          }),
        },
      });
    }
  });

  it("reaches only the tagged tenant's leading keys, on the table and its named indexes", () => {
    const own = bySid('OwnTenant');
    expect(own?.Resource).toEqual([
      tableArn(),
      ...tableDefinition.globalSecondaryIndexes.map((gsi) => ({
        'Fn::Join': ['', [tableArn(), `/index/${gsi.indexName}`]],
      })),
    ]);
    expect(own?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [`T#${tag('tenant')}`, `T#${tag('tenant')}#*`, `T#${tag('below')}.*`],
      },
    });
    expect(actionsOf(own as Statement)).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem']),
    );
    const reads = bySid('ReferenceReads');
    expect(actionsOf(reads as Statement).some((a) => /Put|Update|Delete|Write/.test(a))).toBe(false);
    expect(reads?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [`T#${tag('parent')}`, `T#${tag('grandparent')}`, `C#${tag('city')}`, 'P#'],
      },
    });
    const jobs = bySid('ScheduleJobs');
    expect(actionsOf(jobs as Statement).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(jobs?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOB#*'] } });
    // Every table statement of the role is conditioned on its leading keys, and none allows Scan.
    for (const s of policyOfRole().filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')))) {
      expect(s.Condition, s.Sid).toBeDefined();
      expect(actionsOf(s)).not.toContain('dynamodb:Scan');
    }
  });
});

describe('materials (issue 16)', () => {
  const bucketId = () => logicalId(stack.materials.bucket.node.defaultChild);
  const bucketArn = () => ({ 'Fn::GetAtt': [bucketId(), 'Arn'] });
  const objects = (pattern: string) => ({ 'Fn::Join': ['', [bucketArn(), `/${pattern}`]] });
  const bucket = () => template.toJSON().Resources[bucketId()];
  const keyArn = () => ({ 'Fn::GetAtt': [logicalId(stack.materials.key.node.defaultChild), 'Arn'] });
  const roleRef = (role: { node: { defaultChild?: unknown } }) => ({
    Ref: logicalId(role.node.defaultChild),
  });
  type S3Statement = Statement & { Sid?: string; Condition?: Record<string, Record<string, unknown>> };
  const statementsOf = (role: { node: { defaultChild?: unknown } }): S3Statement[] =>
    Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [roleRef(role)] } }),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement as S3Statement[]);
  const bucketPolicy = () =>
    Object.values(
      template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId() } } }),
    )[0]?.Properties.PolicyDocument.Statement as S3Statement[];
  const tag = (name: string) => `\${aws:PrincipalTag/${name}}`;
  const viaS3 = {
    StringEquals: {
      'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] },
    },
  };

  it('is one versioned bucket with public access blocked, SSE-KMS under its own rotated key, and Object Lock without default retention, kept on delete', () => {
    expect(bucket()).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn() },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockEnabled: true,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      },
    });
    // The archive sets retention per object by matter type: no bucket-wide default.
    expect(bucket().Properties.ObjectLockConfiguration).toBeUndefined();
    expect(template.toJSON().Resources[logicalId(stack.materials.key.node.defaultChild)]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { EnableKeyRotation: true },
    });
  });

  it('logs server access to a bucket of its own, which keeps the logs six months', () => {
    const logs = logicalId(stack.materials.accessLogs.node.defaultChild);
    expect(bucket().Properties.LoggingConfiguration).toMatchObject({
      DestinationBucketName: { Ref: logs },
      LogFilePrefix: 'materials/',
    });
    expect(template.toJSON().Resources[logs].Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 180, Status: 'Enabled' }] },
    });
  });

  it('answers only TLS 1.2+ requests, never hides an archive object behind a delete marker, and lets nobody but the scan worker and GuardDuty read an infected object', () => {
    const policy = bucketPolicy();
    const everything = [bucketArn(), objects('*')];
    expect(policy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Resource: everything,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Resource: everything,
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
        expect.objectContaining({
          Sid: 'ArchiveNoDeleteMarkers',
          Effect: 'Deny',
          Action: 's3:DeleteObject',
          Resource: objects('tenants/*/archive/*'),
        }),
      ]),
    );
    const infected = policy.find((s) => s.Sid === 'NoReadsOfInfected');
    expect(infected).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: objects('*'),
      Condition: {
        StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' },
        ArnNotEquals: {
          'aws:PrincipalArn': [
            { 'Fn::GetAtt': [logicalId(stack.materialsScan.worker.role.node.defaultChild), 'Arn'] },
            { 'Fn::GetAtt': [logicalId(stack.materialsScan.role.node.defaultChild), 'Arn'] },
          ],
        },
      },
    });
    // No statement of the bucket policy allows anything: every grant is on a role.
    expect(policy.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it('aborts unfinished uploads, expires replaced case-material versions and quarantined files, and never expires a current object under tenants/', () => {
    const rules = bucket().Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toEqual([
      {
        Id: 'AbortIncompleteUploads',
        Status: 'Enabled',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
      {
        Id: 'ExpireReplacedMaterialVersions',
        Status: 'Enabled',
        Prefix: 'tenants/',
        NoncurrentVersionExpiration: { NoncurrentDays: 365 },
        ExpiredObjectDeleteMarker: true,
      },
      {
        Id: 'ExpireQuarantine',
        Status: 'Enabled',
        Prefix: 'quarantine/',
        ExpirationInDays: 90,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      },
    ]);
    // Current objects (materials in use, archive packages) expire nowhere but in quarantine/, and nothing transitions.
    for (const rule of rules) {
      if ('ExpirationInDays' in rule || 'ExpirationDate' in rule) expect(rule.Prefix).toBe('quarantine/');
      expect(rule.Transitions ?? rule.NoncurrentVersionTransitions).toBeUndefined();
    }
  });

  it('lets only the console origin POST a presigned upload from the browser', () => {
    expect(bucket().Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST'],
          AllowedOrigins: ['https://console.example.cn'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag', 'x-amz-version-id'],
          MaxAge: 3000,
        },
      ],
    });
    template.hasOutput('MaterialsBucketName', { Value: { Ref: bucketId() } });
  });

  it('has GuardDuty Malware Protection on the bucket, tagging every scanned object under tenants/', () => {
    template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 1);
    const gdRole = logicalId(stack.materialsScan.role.node.defaultChild);
    template.hasResource('AWS::GuardDuty::MalwareProtectionPlan', {
      Properties: {
        Role: { 'Fn::GetAtt': [gdRole, 'Arn'] },
        ProtectedResource: { S3Bucket: { BucketName: { Ref: bucketId() }, ObjectPrefixes: ['tenants/'] } },
        Actions: { Tagging: { Status: 'ENABLED' } },
      },
      // GuardDuty checks the role's permissions when the plan is made.
      DependsOn: Match.arrayWith([
        logicalId(stack.materialsScan.role.node.findChild('DefaultPolicy').node.defaultChild),
      ]),
    });
  });

  it('gives GuardDuty a role of its own with the documented permissions, on this bucket and key only', () => {
    const role = template.toJSON().Resources[logicalId(stack.materialsScan.role.node.defaultChild)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' },
      },
    ]);
    const bySid = Object.fromEntries(statementsOf(stack.materialsScan.role).map((s) => [s.Sid, s]));
    const managedRule = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
        ],
      ],
    };
    expect(bySid.AllowManagedRuleToSendS3EventsToGuardDuty).toMatchObject({
      Action: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
      Resource: managedRule,
      Condition: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
    });
    expect(bySid.AllowGuardDutyToMonitorEventBridgeManagedRule).toMatchObject({ Resource: managedRule });
    expect(bySid.AllowPostScanTag).toMatchObject({
      Action: expect.arrayContaining(['s3:PutObjectTagging', 's3:PutObjectVersionTagging']),
      Resource: objects('*'),
    });
    expect(bySid.AllowEnableS3EventBridgeEvents).toMatchObject({
      Action: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
      Resource: bucketArn(),
    });
    expect(bySid.AllowPutValidationObject).toMatchObject({
      Action: 's3:PutObject',
      Resource: objects('malware-protection-resource-validation-object'),
    });
    expect(bySid.AllowCheckBucketOwnership).toMatchObject({ Action: 's3:ListBucket', Resource: bucketArn() });
    expect(bySid.AllowMalwareScan).toMatchObject({
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: objects('*'),
    });
    expect(bySid.AllowDecryptForMalwareScan).toMatchObject({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: keyArn(),
      Condition: { StringLike: viaS3.StringEquals },
    });
    expect(Object.keys(bySid)).toHaveLength(8);
  });

  it('sends each scan result of this bucket to the scan worker, parking what fails', () => {
    const worker = logicalId(stack.materialsScan.worker.fn.node.defaultChild);
    const queue = { 'Fn::GetAtt': [logicalId(stack.materialsScan.failedScans.node.defaultChild), 'Arn'] };
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        // The worker parses exactly what the rule lets through.
        'detail-type': [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId() }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [worker, 'Arn'] },
          DeadLetterConfig: { Arn: queue },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: worker },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: queue } },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [logicalId(stack.materialsScan.worker.role.node.defaultChild), 'Arn'] },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          MATERIALS_BUCKET: { Ref: bucketId() },
          POWERTOOLS_SERVICE_NAME: 'onewindow-scan',
        }),
      },
    });
  });

  it('gives the scan worker the table, reads under tenants/, removal of case files, writes to quarantine/ only, and the key through S3', () => {
    const s3 = statementsOf(stack.materialsScan.worker.role).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );
    const bySid = Object.fromEntries(s3.map((s) => [s.Sid, s]));
    expect(bySid.MaterialsScanned).toMatchObject({ Resource: objects('tenants/*') });
    expect(actionsOf(bySid.MaterialsScanned as Statement).some((a) => /Put|Delete/.test(a))).toBe(false);
    expect(bySid.MaterialsRemove).toMatchObject({
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: objects('tenants/*/cases/*'),
    });
    expect(bySid.MaterialsQuarantine).toMatchObject({
      Action: ['s3:PutObject', 's3:PutObjectTagging'],
      Resource: objects('quarantine/*'),
    });
    expect(statementsOf(stack.materialsScan.worker.role)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: keyArn(),
          Condition: viaS3,
        }),
      ]),
    );
  });

  it('names the bucket to the files function and the stream worker (the archive), which write only under case and archive prefixes', () => {
    for (const f of [stack.api.files, stack.workers.stream]) {
      const env =
        template.toJSON().Resources[logicalId(f.fn.node.defaultChild)].Properties.Environment.Variables;
      expect(env.MATERIALS_BUCKET).toEqual({ Ref: bucketId() });
    }
    const writes = (role: { node: { defaultChild?: unknown } }) =>
      statementsOf(role)
        .filter((s) => actionsOf(s).some((a) => /^s3:(Put|Delete)/.test(a)))
        .map((s) => [s.Sid, s.Resource]);
    expect(writes(stack.api.files.role)).toEqual([
      ['MaterialsCaseFiles', objects('tenants/*/cases/*')],
      ['MaterialsArchiveDisposal', objects('tenants/*/archive/*')],
    ]);
    expect(writes(stack.workers.stream.role)).toEqual([
      ['MaterialsArchiveWrite', objects('tenants/*/archive/*')],
    ]);
    // Only the archive writer sets Object Lock retention.
    const retention = statements().filter((s) => actionsOf(s).includes('s3:PutObjectRetention'));
    expect(retention).toHaveLength(1);
    expect(JSON.stringify(statementsOf(stack.workers.stream.role))).toContain('s3:PutObjectRetention');
    // No function's own role reaches objects outside tenants/ and quarantine/ (GuardDuty's role scans the whole bucket).
    const own = [
      stack.api.fn,
      stack.api.cases,
      stack.api.files,
      stack.workers.stream,
      stack.workers.clock,
      stack.console.fn,
      stack.materialsScan.worker,
    ];
    for (const f of own)
      for (const s of statementsOf(f.role).filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')))) {
        const resources = JSON.stringify(s.Resource);
        if (JSON.stringify(s.Resource) === JSON.stringify(bucketArn())) continue;
        expect(resources, s.Sid).toMatch(/"\/(tenants\/\*|quarantine\/\*)/);
      }
  });

  it("lets the tenant-scoped role reach only the tagged tenant's prefix, list only inside it, and read its sub-districts' (a district body)", () => {
    const role = stack.tenantAccess.role;
    const s3 = statementsOf(role).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const bySid = Object.fromEntries(s3.map((s) => [s.Sid, s]));
    const own = `tenants/${tag('tenant')}/*`;
    const below = `tenants/${tag('below')}.*`;
    expect(bySid.OwnTenantObjects).toMatchObject({ Resource: objects(own) });
    expect(actionsOf(bySid.OwnTenantObjects as Statement).some((a) => /Put|Delete/.test(a))).toBe(false);
    expect(bySid.OwnTenantCaseFiles).toMatchObject({
      Action: ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: objects(`tenants/${tag('tenant')}/cases/*`),
    });
    expect(bySid.OwnTenantArchiveDisposal).toMatchObject({
      Action: 's3:DeleteObjectVersion',
      Resource: objects(`tenants/${tag('tenant')}/archive/*`),
    });
    expect(bySid.BelowTenantObjectReads).toMatchObject({ Resource: objects(below) });
    expect(actionsOf(bySid.BelowTenantObjectReads as Statement).every((a) => a.startsWith('s3:Get'))).toBe(
      true,
    );
    expect(bySid.ListOwnTenant).toEqual({
      Sid: 'ListOwnTenant',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:ListBucketVersions'],
      Resource: bucketArn(),
      Condition: { StringLike: { 's3:prefix': [own, below] } },
    });
    // Every object statement of the role names a key under the tenant's (or its sub-districts') prefix.
    for (const s of s3.filter((st) => st.Sid !== 'ListOwnTenant')) {
      const pattern = (s.Resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as string;
      expect(pattern, s.Sid).toMatch(
        /^\/tenants\/\$\{aws:PrincipalTag\/(tenant)\}\/|^\/tenants\/\$\{aws:PrincipalTag\/below\}\.\*$/,
      );
    }
    expect(statementsOf(role)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Sid: 'MaterialsKey',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: keyArn(),
          Condition: viaS3,
        }),
      ]),
    );
  });
});
