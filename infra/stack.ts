import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ApiConstruct } from './constructs/api';
import { ConsoleConstruct } from './constructs/console';
import { DataConstruct } from './constructs/data';
import { IdentityConstruct } from './constructs/identity';
import { MATERIALS_BUCKET_ENV, MaterialsBucket, originOf } from './constructs/materials-bucket';
import { MaterialsScanConstruct } from './constructs/materials-scan';
import { SealKeyVault } from './constructs/seal-keys';
import { SecurityMonitoringConstruct } from './constructs/security-monitoring';
import { TenantAccessConstruct } from './constructs/tenant-access';
import { PublicFirewall } from './constructs/waf';
import { WorkersConstruct } from './constructs/workers';

export interface OneWindowStackProps extends StackProps {
  /** Cognito hosted-UI domain prefix; must be unique in the region. */
  readonly domainPrefix: string;
  /** The console's OAuth callback URL(s) for the hosted UI code flow. */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** The console's public URL, ending in `/console`. */
  readonly consoleUrl: string;
  /**
   * Retention of every function and access log group. Six months by default: the PRC
   * Cybersecurity Law (art. 21) requires network logs to be kept at least that long.
   */
  readonly logRetention?: RetentionDays;
  /**
   * Keep each electronic seal's key inside KMS as an SM2 key (the China regions offer them);
   * otherwise seal keys are wrapped under the vault key (constructs/seal-keys.ts).
   */
  readonly nativeSm2SealKeys?: boolean;
}

export class OneWindowStack extends Stack {
  readonly data: DataConstruct;
  readonly identity: IdentityConstruct;
  readonly api: ApiConstruct;
  readonly workers: WorkersConstruct;
  readonly console: ConsoleConstruct;
  /** WAF rate-based rule on the public routes, for the front of the API (constructs/waf.ts). */
  readonly publicFirewall: PublicFirewall;
  readonly tenantAccess: TenantAccessConstruct;
  readonly security: SecurityMonitoringConstruct;
  /** The KMS key that wraps the electronic seals' SM2 private keys. */
  readonly sealKeys: SealKeyVault;
  /** The bucket of electronic materials and archive packages (issue 16). */
  readonly materials: MaterialsBucket;
  /** GuardDuty Malware Protection on the materials bucket and the scan worker. */
  readonly materialsScan: MaterialsScanConstruct;

  constructor(scope: Construct, id: string, props: OneWindowStackProps) {
    super(scope, id, props);
    const logRetention = props.logRetention ?? RetentionDays.SIX_MONTHS;

    this.data = new DataConstruct(this, 'Data');
    this.identity = new IdentityConstruct(this, 'Identity', {
      domainPrefix: props.domainPrefix,
      callbackUrls: props.callbackUrls,
      logoutUrls: props.logoutUrls,
      logRetention,
    });
    this.api = new ApiConstruct(this, 'Api', {
      data: this.data,
      userPool: this.identity.userPool,
      userPoolClient: this.identity.client,
      logRetention,
    });
    this.workers = new WorkersConstruct(this, 'Workers', { data: this.data, logRetention });
    this.publicFirewall = new PublicFirewall(this, 'PublicFirewall');
    // Cases signs results with the seals' keys; files and stream build certificates and GB/T 38540 signatures.
    this.sealKeys = new SealKeyVault(this, 'SealKeys', { nativeSm2: props.nativeSm2SealKeys ?? false });
    this.sealKeys.grantUse([this.api.cases, this.api.files, this.workers.stream]);
    // The stream worker seals each result's OFD right after issuance, its verification link on the API's URL.
    this.workers.stream.fn.addEnvironment('PUBLIC_BASE_URL', this.api.stage.url);
    // Electronic materials: the files function presigns uploads and downloads and reads the objects;
    // the stream worker writes a closed case's archive package; the scan worker records GuardDuty's verdicts.
    this.materials = new MaterialsBucket(this, 'Materials', {
      uploadOrigins: [originOf(props.consoleUrl)],
      accessLogRetention: logRetention,
    });
    this.materials.grantFiles(this.api.files.fn);
    this.materials.grantArchiveWriter(this.workers.stream.fn);
    for (const f of [this.api.files, this.workers.stream])
      f.fn.addEnvironment(MATERIALS_BUCKET_ENV, this.materials.bucket.bucketName);
    // The archive manifest is signed with the platform's result key (published at /v1/public/keys), so
    // a custodian verifies a package as it verifies a result: the stream worker, with no HTTP route of
    // its own, is the one reader besides the cases function.
    this.workers.stream.fn.addEnvironment('SIGNING_SECRET_ARN', this.api.signingSecret.secretArn);
    this.api.signingSecret.grantRead(this.workers.stream.fn);
    this.materialsScan = new MaterialsScanConstruct(this, 'MaterialsScan', {
      materials: this.materials,
      data: this.data,
      logRetention,
    });
    // Tenant requests of the HTTP functions run on tenant-scoped credentials (token vending).
    this.tenantAccess = new TenantAccessConstruct(this, 'TenantAccess', {
      data: this.data,
      functions: [this.api.fn, this.api.cases, this.api.files],
      materials: this.materials,
    });
    this.console = new ConsoleConstruct(this, 'Console', {
      httpApi: this.api.httpApi,
      stage: this.api.stage,
      userPoolClient: this.identity.client,
      hostedUi: this.identity.domain,
      consoleUrl: props.consoleUrl,
      logRetention,
      relaySecret: this.api.relaySecret,
    });
    // The console's upload script posts the presigned form straight to the bucket (CSP connect-src and
    // form-action name its origin); the bucket's CORS names the console's origin in return.
    this.console.fn.fn.addEnvironment(
      'UPLOAD_ORIGINS',
      `https://${this.materials.bucket.bucketRegionalDomainName}`,
    );
    // Security events of every function that answers requests, counted and alarmed on.
    this.security = new SecurityMonitoringConstruct(this, 'Security', {
      logGroups: [this.api.fn, this.api.cases, this.api.files, this.console.fn].map((f) => f.logGroup),
      gatewayAccessLogs: this.api.accessLogs,
    });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.identity.domain.baseUrl() });
    new CfnOutput(this, 'EventBusName', { value: this.workers.bus.eventBusName });
    new CfnOutput(this, 'SecurityAlarmTopicArn', { value: this.security.topic.topicArn });
    new CfnOutput(this, 'MaterialsBucketName', { value: this.materials.bucket.bucketName });
  }
}
