import { Aws, Duration, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataConstruct } from './data';
import { ServiceFunction } from './function';
import { MATERIALS_BUCKET_ENV, type MaterialsBucket, TENANTS_PREFIX } from './materials-bucket';

/** The tag GuardDuty writes on every scanned object, and its verdict for an infected one. */
export const SCAN_STATUS_TAG = 'GuardDutyMalwareScanStatus';
export const THREATS_FOUND = 'THREATS_FOUND';
export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';
/** The service that assumes the plan's role. */
export const MALWARE_PROTECTION_PRINCIPAL = 'malware-protection-plan.guardduty.amazonaws.com';
/** The EventBridge rule GuardDuty makes (and manages) to hear the bucket's object events. */
const MANAGED_RULE = 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*';

export interface MaterialsScanProps {
  readonly materials: MaterialsBucket;
  readonly data: DataConstruct;
  readonly logRetention: RetentionDays;
}

/**
 * GuardDuty Malware Protection for S3 on the materials bucket (issue 16): a protection plan over
 * `tenants/` that tags each scanned object `GuardDutyMalwareScanStatus`, the role GuardDuty assumes
 * for it (the permissions the GuardDuty guide lists, on this bucket and key only), and an
 * EventBridge rule sending each scan result of this bucket to the scan worker
 * (functions/scan/handler.ts), which marks the file clean or infected and moves an infected one to
 * `quarantine/`. Until then the bucket policy refuses every read of an object tagged infected, but
 * the scan worker's and GuardDuty's own. Results the worker could not handle, after Lambda's
 * retries, wait 14 days in a queue for replay. Locally nothing scans (README: AWS only).
 *
 * `quarantine/` lies outside the plan's prefix: a quarantined copy is not scanned (and reported) again.
 */
export class MaterialsScanConstruct extends Construct {
  /** The role GuardDuty assumes to scan and tag. */
  readonly role: Role;
  readonly plan: CfnMalwareProtectionPlan;
  readonly worker: ServiceFunction;
  readonly rule: Rule;
  readonly failedScans: Queue;

  constructor(scope: Construct, id: string, props: MaterialsScanProps) {
    super(scope, id);
    const { bucket, key } = props.materials;

    this.role = new Role(this, 'GuardDutyRole', {
      description: 'Assumed by GuardDuty Malware Protection for S3 to scan and tag OneWindow materials',
      assumedBy: new ServicePrincipal(MALWARE_PROTECTION_PRINCIPAL),
    });
    const managedRule = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${MANAGED_RULE}`;
    const statements = [
      new PolicyStatement({
        sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [managedRule],
        conditions: { StringLike: { 'events:ManagedBy': MALWARE_PROTECTION_PRINCIPAL } },
      }),
      new PolicyStatement({
        sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [managedRule],
      }),
      new PolicyStatement({
        sid: 'AllowPostScanTag',
        actions: [
          's3:PutObjectTagging',
          's3:GetObjectTagging',
          's3:PutObjectVersionTagging',
          's3:GetObjectVersionTagging',
        ],
        resources: [bucket.arnForObjects('*')],
      }),
      new PolicyStatement({
        sid: 'AllowEnableS3EventBridgeEvents',
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
        resources: [bucket.bucketArn],
      }),
      new PolicyStatement({
        sid: 'AllowPutValidationObject',
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
      new PolicyStatement({
        sid: 'AllowCheckBucketOwnership',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
      new PolicyStatement({
        sid: 'AllowMalwareScan',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('*')],
      }),
      new PolicyStatement({
        sid: 'AllowDecryptForMalwareScan',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    ];
    for (const s of statements) this.role.addToPolicy(s);
    Validations.of(this.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/${MANAGED_RULE}]`,
        reason:
          'GuardDuty names the EventBridge rule it manages for the bucket with this fixed prefix and a suffix of its own; the GuardDuty guide grants it so, limited by the events:ManagedBy condition.',
      },
      {
        id: props.materials.nagObjects('*'),
        reason:
          'GuardDuty scans and tags whatever object is written to the protected bucket, so it reads and tags every key of this one bucket (as the GuardDuty guide grants it), nothing else.',
      },
    );

    this.plan = new CfnMalwareProtectionPlan(this, 'Plan', {
      role: this.role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName, objectPrefixes: [TENANTS_PREFIX] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    // GuardDuty checks the role's permissions when the plan is made: the policy must exist first.
    this.plan.node.addDependency(this.role);

    this.worker = new ServiceFunction(this, 'Worker', {
      entry: 'functions/scan/handler.ts',
      description: 'Records GuardDuty malware scan results on case materials and quarantines infected files',
      // A verdict on an upload nobody listed yet records it first: the object is streamed through
      // SHA-256 and SM3 (memory does not grow with its size; CPU does with memory). The copy to
      // quarantine/ is done by S3.
      memorySize: 512,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment: {
        TABLE_NAME: props.data.table.tableName,
        [MATERIALS_BUCKET_ENV]: bucket.bucketName,
        POWERTOOLS_SERVICE_NAME: 'onewindow-scan',
      },
    });
    props.data.grantData(this.worker.fn);
    props.materials.grantScanWorker(this.worker.fn);

    this.failedScans = new Queue(this, 'FailedScans', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedScans).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination for scan results the worker could not record (after retries); it keeps them 14 days for inspection and replay, so a further DLQ adds nothing.',
    });
    // A result Lambda failed twice more on: parked, so the file is not left pending unseen.
    this.worker.fn.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.failedScans),
    });

    this.rule = new Rule(this, 'ScanResults', {
      description: 'GuardDuty malware scan results of the OneWindow materials bucket, to the scan worker',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(this.worker.fn, {
          // Delivery failures (the function throttled or gone) are parked too.
          deadLetterQueue: this.failedScans,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    // Until the worker has moved it, an infected object is readable by nobody but the worker
    // (which copies it to quarantine/) and GuardDuty: no presigned link can hand it out.
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NoReadsOfInfected',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { [`s3:ExistingObjectTag/${SCAN_STATUS_TAG}`]: THREATS_FOUND },
          ArnNotEquals: { 'aws:PrincipalArn': [this.worker.role.roleArn, this.role.roleArn] },
        },
      }),
    );
  }
}
