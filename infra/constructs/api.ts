import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DataConstruct } from './data';
import { ServiceFunction } from './function';

export interface ApiConstructProps {
  readonly data: DataConstruct;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly logRetention: RetentionDays;
}

/**
 * Routes the gateway leaves open; the app serves each one and does its own checks where needed.
 * `to` names the function that serves it when it is not the api function: the cases function
 * the public proxy (the result-signing keys, which only it holds); the files function the literal
 * public routes (the applicant's case pages, guides, published lists, verification) and the
 * OpenAPI document, which imports every route.
 */
const PUBLIC_ROUTES: ReadonlyArray<{
  path: string;
  methods: HttpMethod[];
  why: string;
  to?: 'cases' | 'files';
}> = [
  { path: '/healthz', methods: [HttpMethod.GET], why: 'is the unauthenticated health probe' },
  { path: '/openapi.json', methods: [HttpMethod.GET], why: 'publishes the public API contract', to: 'files' },
  {
    path: '/docs',
    methods: [HttpMethod.GET],
    why: 'is the public reference page for the API contract',
    to: 'files',
  },
  {
    path: '/v1/public/{proxy+}',
    methods: [HttpMethod.ANY],
    why: 'serves citizens without accounts (the result-signing keys; the other public pages are literal routes below)',
    to: 'cases',
  },
  // Literal paths API Gateway prefers to the proxy: the files function serves the published lists (routes/empowerment.ts).
  {
    path: '/v1/public/{tenant}/empowered-matters',
    methods: [HttpMethod.GET],
    why: 'publishes the empowered matter list to society (seeds 000, 003: 对外公布)',
    to: 'files',
  },
  {
    path: '/v1/public/{tenant}/empowered-matters/changes',
    methods: [HttpMethod.GET],
    why: "publishes each rollout's change list to society",
    to: 'files',
  },
  // The public's way in (publicGuideRoutes): the cities, their centres and each centre's service guide.
  {
    path: '/v1/public/cities',
    methods: [HttpMethod.GET],
    why: 'lists the cities, where the public starts looking for a service centre',
    to: 'files',
  },
  {
    path: '/v1/public/cities/{city}/tenants',
    methods: [HttpMethod.GET],
    why: "lists a city's service centres, each with its service guide",
    to: 'files',
  },
  {
    path: '/v1/public/{tenant}/guide',
    methods: [HttpMethod.GET],
    why: 'publishes the service guide a hall must display (art. 30)',
    to: 'files',
  },
  {
    path: '/v1/public/{tenant}/guide/{code}',
    methods: [HttpMethod.GET],
    why: "publishes one matter's service guide",
    to: 'files',
  },
  // The applicant's case pages (publicCaseRoutes): the cases bundle keeps only the staff's commands.
  {
    path: '/v1/public/cases/{caseNo}',
    methods: [HttpMethod.GET],
    why: 'shows an applicant the progress of their case by its number and query code',
    to: 'files',
  },
  {
    path: '/v1/public/cases/{caseNo}/rating',
    methods: [HttpMethod.POST],
    why: 'takes the applicant’s rating of a handled service (好差评)',
    to: 'files',
  },
  {
    path: '/v1/public/cases/{caseNo}/access-log',
    methods: [HttpMethod.GET],
    why: 'shows the applicant who accessed their personal data',
    to: 'files',
  },
  {
    path: '/v1/public/results/{caseNo}/seal.svg',
    methods: [HttpMethod.GET],
    why: 'draws the imprint of the seal on a result',
    to: 'files',
  },
  {
    path: '/v1/public/results/{caseNo}/result.ofd',
    methods: [HttpMethod.GET],
    why: 'gives the holder of a printed result its sealed OFD by the verification code printed on it',
    to: 'files',
  },
  {
    path: '/v1/public/results/{caseNo}/verify',
    methods: [HttpMethod.GET],
    why: 'lets anyone holding a printed result check its SM2 signature and seal',
    to: 'files',
  },
  {
    path: '/v1/public/{tenant}/seals/{proxy+}',
    methods: [HttpMethod.GET],
    why: "publishes the electronic seals' certificates and their revocation list",
    to: 'files',
  },
  { path: '/problems', methods: [HttpMethod.GET], why: 'lists the RFC 9457 problem types' },
  { path: '/problems/{proxy+}', methods: [HttpMethod.GET], why: 'documents the RFC 9457 problem types' },
];

/**
 * Core routes one segment below a city. The files function takes GET and POST
 * /v1/cities/{city}/{action}, so these are pinned to the api function by literal routes, which
 * API Gateway prefers to a path variable in the same place. test/infra/stack.test.ts checks
 * this list against the app's routes.
 */
const CITY_CORE_ROUTES: ReadonlyArray<{ method: HttpMethod; segment: string }> = [
  { method: HttpMethod.GET, segment: 'tenants' },
  { method: HttpMethod.POST, segment: 'tenants' },
  { method: HttpMethod.GET, segment: 'catalogue' },
  { method: HttpMethod.GET, segment: 'evaluation' },
  { method: HttpMethod.PUT, segment: 'evaluation' },
];

/**
 * The paths the cases function serves behind the JWT authorizer (caseRoutes in @onewindow/api):
 * cases, supervision and rectifications, each more specific than /v1/{proxy+}, which API Gateway
 * prefers. test/infra/stack.test.ts checks the app's route lists against these prefixes.
 */
const CASE_ROUTE_PATHS: readonly string[] = [
  '/v1/tenants/{tenant}/cases',
  '/v1/tenants/{tenant}/cases/{proxy+}',
];

/**
 * E-supervision and 好差评's rectifications (supervisionRoutes, rectificationRoutes): served by
 * the files function, whose bundle has room for them. The city's list and the provincial export
 * (GET /v1/cities/{city}/rectifications, …/ratings:export) reach it through /v1/cities/{city}/{action}.
 */
export const FILE_TENANT_PATHS: readonly string[] = [
  // A tenant's handover agreements (rolloutRoutes): served beside the rollouts they are derived from.
  '/v1/tenants/{tenant}/handovers',
  '/v1/tenants/{tenant}/handovers/{proxy+}',
  '/v1/tenants/{tenant}/supervision/{proxy+}',
  '/v1/tenants/{tenant}/rectifications',
  '/v1/tenants/{tenant}/rectifications/{proxy+}',
  '/v1/tenants/{tenant}/cards',
  '/v1/tenants/{tenant}/cards/{proxy+}',
  // The monthly assessment (assessmentRoutes): its .xlsx writer is in the files bundle only.
  '/v1/tenants/{tenant}/assessment',
  '/v1/tenants/{tenant}/notifications',
  // Training records of the tenant (readinessRoutes); the rollout preview reads them in the api function.
  '/v1/tenants/{tenant}/trainings',
  // Chief representatives' written authorisations and their printable pages (windowGrantRoutes, R16).
  '/v1/tenants/{tenant}/window-authorisations',
  '/v1/tenants/{tenant}/window-authorisations/{proxy+}',
];

/**
 * City paths below a segment the files function serves: a rollout (rolloutRoutes), its preview,
 * impact, schedule, cancel and handover agreements. The list and the draft
 * (GET and POST /v1/cities/{city}/rollouts) reach it through /v1/cities/{city}/{action}.
 */
export const FILE_CITY_PATHS: readonly string[] = ['/v1/cities/{city}/rollouts/{proxy+}'];

/**
 * Case routes the files function serves: the applicant reveal (a disclosure of personal data) and
 * the printable notice and result, which the cases bundle has no room for (applicantRoutes in @onewindow/api). API Gateway prefers these
 * literal paths to the cases function's {proxy+}; test/infra/stack.test.ts checks them.
 */
export const FILE_CASE_ROUTES: ReadonlyArray<{ method: HttpMethod; path: string }> = [
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/applicant' },
  // The case reads no command needs (caseReadRoutes): the list, the result, who answers, the chain check.
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/result' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/responsibility' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/integrity' },
  // The workbench's counts and a case's names (workbenchRoutes): read-only, beside the case routes.
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/workbench' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/names' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/cases/{caseNo}/applicant/reveal' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/notice.html' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/acceptance.html' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/rejection.html' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/decision.html' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/result.html' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/cases/{caseNo}/result.ofd' },
  // Not a case route: a city importing a licensed CA's certificate for a seal (sealCertificateRoutes).
  { method: HttpMethod.PUT, path: '/v1/tenants/{tenant}/seals/{id}/certificate' },
  // Not a case route: a tenant's initial holders (R13, empowermentRoutes), written where the published lists are read.
  { method: HttpMethod.PUT, path: '/v1/tenants/{tenant}/initial-holders' },
  // Not case routes either: the e-licence library (licenceRoutes).
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/licences' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/licences/{licenceId}' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/licences/{licenceId}/revoke' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/licences/{licenceId}/cancel' },
  // Not a case route: the supervision findings on a holder's earlier cases, at intake (holderRoutes).
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/holders/findings' },
  // Not case routes: absences of A/B posts and who covers (absenceRoutes).
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/staff/{id}/absences' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/staff/{id}/absences' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/staff/{id}/absences/{absenceId}/end' },
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/absences' },
  // Not case routes: a staff member's training records and the handover checklist (readinessRoutes).
  { method: HttpMethod.GET, path: '/v1/tenants/{tenant}/staff/{id}/trainings' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/staff/{id}/trainings' },
  { method: HttpMethod.POST, path: '/v1/tenants/{tenant}/handovers/{id}/checklist/{item}' },
];

/** The HTTP API in front of the hono app. */
export class ApiConstruct extends Construct {
  readonly fn: ServiceFunction;
  /** Catalogue import and export: the Excel code does not fit the api function's bundle. */
  readonly files: ServiceFunction;
  /** The staff's case commands and the signing keys; the only holder of the signing key. */
  readonly cases: ServiceFunction;
  /** The seed source of the Ed25519 key that signs issued results (DESIGN.md decision 8). */
  readonly signingSecret: Secret;
  /** The key list cursors are authenticated with (HMAC-SHA256), shared by every cases instance. */
  readonly cursorSecret: Secret;
  /**
   * The key the holder index of supervision findings is HMAC'd under (issue 15): the files
   * function records findings and serves the look-up at intake, and may not read the signing seed.
   */
  readonly holderSecret: Secret;
  /**
   * The key the console authenticates a visitor's address with for the API's public rate limits
   * (domain/client-relay.ts); read by the console and by the functions serving public routes.
   */
  readonly relaySecret: Secret;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The stage's access log: every answer the gateway gives, its own 401s (the JWT authorizer) among them. */
  readonly accessLogs: LogGroup;
  readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: ApiConstructProps) {
    super(scope, id);
    const { region, urlSuffix } = Stack.of(this);
    const issuer = `https://cognito-idp.${region}.${urlSuffix}/${props.userPool.userPoolId}`;
    const audience = props.userPoolClient.userPoolClientId;

    const environment = {
      TABLE_NAME: props.data.table.tableName,
      // The app verifies tokens itself too, so a route added without the authorizer stays closed.
      JWKS_URL: `${issuer}/.well-known/jwks.json`,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
    };
    this.fn = new ServiceFunction(this, 'Handler', {
      entry: 'functions/api/handler.ts',
      description: 'OneWindow HTTP API and console',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'onewindow-api' },
    });
    props.data.grantData(this.fn.fn);
    this.files = new ServiceFunction(this, 'Files', {
      entry: 'functions/files/handler.ts',
      description: 'OneWindow catalogue import and export (.xlsx, .csv)',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'onewindow-files' },
    });
    props.data.grantData(this.files.fn);

    this.signingSecret = new Secret(this, 'SigningSecret', {
      description: 'OneWindow result-signing key seed (Ed25519); read by the cases function only',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Results signed with this key stay verifiable only while it exists.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret seeds the Ed25519 key that signs issued results: automatic rotation would make earlier results unverifiable unless their public keys were kept, so rotation is a planned manual key roll that keeps the old public keys.',
    });
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'OneWindow list-cursor HMAC key; read by the cases and files functions',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key only authenticates list cursors held for minutes; a new value takes effect at the next cold start and merely makes open cursors answer 400, so it is rolled by hand (put a new value, redeploy) instead of by a rotation function.',
    });
    this.holderSecret = new Secret(this, 'HolderIndexSecret', {
      description:
        'OneWindow holder-index HMAC key (supervision findings shown at intake); read by the files function only',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // The findings indexed under it are found only while it exists.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.holderSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The key keys the holder index of supervision findings: a new value would leave every finding indexed before it unfindable at the holder's next intake, so it is not rotated automatically.",
    });
    this.relaySecret = new Secret(this, 'ClientRelaySecret', {
      description:
        "OneWindow key the console names a visitor's address with; read by console, cases and files",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.relaySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key only authenticates a relay header that lives a minute; a new value takes effect at the next cold start of the console and API functions, so it is rolled by hand (put a new value, redeploy) instead of by a rotation function.',
    });
    this.cases = new ServiceFunction(this, 'Cases', {
      entry: 'functions/cases/handler.ts',
      description: 'OneWindow case commands and result-signing keys',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      environment: {
        ...environment,
        SIGNING_SECRET_ARN: this.signingSecret.secretArn,
        CURSOR_SECRET_ARN: this.cursorSecret.secretArn,
        CLIENT_RELAY_SECRET_ARN: this.relaySecret.secretArn,
        POWERTOOLS_SERVICE_NAME: 'onewindow-cases',
      },
    });
    props.data.grantData(this.cases.fn);
    this.signingSecret.grantRead(this.cases.fn);
    this.cursorSecret.grantRead(this.cases.fn);
    this.relaySecret.grantRead(this.cases.fn);
    // The files function serves the public access log, a rate-limited public route too.
    this.files.fn.addEnvironment('CLIENT_RELAY_SECRET_ARN', this.relaySecret.secretArn);
    this.relaySecret.grantRead(this.files.fn);
    // The files function pages the supervision inbox with the same cursor key.
    this.files.fn.addEnvironment('CURSOR_SECRET_ARN', this.cursorSecret.secretArn);
    this.cursorSecret.grantRead(this.files.fn);
    // The files function records supervision findings under their holder, and finds them at intake.
    this.files.fn.addEnvironment('HOLDER_SECRET_ARN', this.holderSecret.secretArn);
    this.holderSecret.grantRead(this.files.fn);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'onewindow',
      description: 'OneWindow API v1 and staff console',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat(),
      },
    });

    const integration = new HttpLambdaIntegration('App', this.fn.fn);
    const filesIntegration = new HttpLambdaIntegration('Files', this.files.fn);
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', issuer, { jwtAudience: [audience] });
    this.httpApi.addRoutes({
      path: '/v1/{proxy+}',
      methods: [HttpMethod.ANY],
      integration,
      authorizer: this.authorizer,
    });
    // HTTP API route keys allow only [a-zA-Z0-9._-] in a literal path part, so the API.md paths
    // `catalogue:import` and `catalogue:export` cannot be keys; a path variable matches them.
    this.httpApi.addRoutes({
      path: '/v1/cities/{city}/{action}',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: filesIntegration,
      authorizer: this.authorizer,
    });
    const casesIntegration = new HttpLambdaIntegration('Cases', this.cases.fn);
    for (const path of CASE_ROUTE_PATHS) {
      this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.ANY],
        integration: casesIntegration,
        authorizer: this.authorizer,
      });
    }
    for (const path of [...FILE_TENANT_PATHS, ...FILE_CITY_PATHS]) {
      this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.ANY],
        integration: filesIntegration,
        authorizer: this.authorizer,
      });
    }
    for (const route of FILE_CASE_ROUTES) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: filesIntegration,
        authorizer: this.authorizer,
      });
    }
    for (const route of CITY_CORE_ROUTES) {
      this.httpApi.addRoutes({
        path: `/v1/cities/{city}/${route.segment}`,
        methods: [route.method],
        integration,
        authorizer: this.authorizer,
      });
    }

    const publicRoutes: HttpRoute[] = [];
    const publicKeys: string[] = [];
    for (const route of PUBLIC_ROUTES) {
      const routes: HttpRoute[] = this.httpApi.addRoutes({
        path: route.path,
        methods: route.methods,
        integration:
          route.to === 'cases' ? casesIntegration : route.to === 'files' ? filesIntegration : integration,
      });
      for (const r of routes) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.methods.join(',')} ${route.path} is deliberately open: it ${route.why}.`,
        });
        if (route.path.startsWith('/v1/public/')) publicRoutes.push(r);
      }
      if (route.path.startsWith('/v1/public/')) {
        publicKeys.push(...route.methods.map((m) => `${m} ${route.path}`));
      }
    }
    // The public routes get a throttle of their own, well below the stage's: a flood of guesses
    // cannot take the capacity staff need. The app limits per client and per case besides.
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      publicKeys.map((k) => [k, { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }]),
    );
    for (const r of publicRoutes) stage.node.addDependency(r);

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the OneWindow API' });
  }
}

// HTTP APIs take only their own $context variables, so the REST helpers' standard JSON is not used.
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLength: '$context.responseLength',
      latency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      sub: '$context.authorizer.claims.sub',
    }),
  );
}
