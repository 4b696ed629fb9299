import { Aws, type CfnElement, Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IGrantable, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  TargetObjectKeyFormat,
} from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/**
 * The key layout of packages/domain/src/materials/types.ts, as IAM resource patterns: a tenant's
 * data under `tenants/<tenant>/`, its case materials under `…/cases/`, the archive custodian's
 * packages under `…/archive/`, infected files under `quarantine/` outside every tenant.
 */
export const TENANTS_PREFIX = 'tenants/';
export const QUARANTINE_PREFIX = 'quarantine/';
const ALL_TENANTS = `${TENANTS_PREFIX}*`;
const ALL_ARCHIVES = `${TENANTS_PREFIX}*/archive/*`;
const ALL_CASE_MATERIALS = `${TENANTS_PREFIX}*/cases/*`;

/** What S3 needs of the bucket key on a caller's behalf: decrypt on read, a data key on write. */
const KMS_USE = ['kms:Decrypt', 'kms:GenerateDataKey'];
/** Reading an object, any version of it, and its tags (GuardDuty's `GuardDutyMalwareScanStatus`). */
const OBJECT_READ = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
];
/** Reading an archive version's Object Lock retention (the manifest shows until when). */
const RETENTION_READ = ['s3:GetObjectRetention'];
const LIST = ['s3:ListBucket', 's3:ListBucketVersions'];
/** A CopyObject carries the source's tags (GuardDuty's verdict) to the copy: tagging the copy. */
const COPY_TAGS = ['s3:PutObjectTagging'];
/** Removing an object: a delete marker (no version named) or one version. */
const DELETE = ['s3:DeleteObject', 's3:DeleteObjectVersion'];

export interface MaterialsBucketProps {
  /**
   * Origins that may POST a presigned upload from a browser (the console's, e.g.
   * `https://console.example.cn`): the window's upload form and the applicant's online upload.
   */
  readonly uploadOrigins: readonly string[];
  /**
   * Days a replaced (noncurrent) version of a case material is kept. Default 365: every version of
   * a case's files is copied into its archive package when the case closes, and a year covers the
   * longest a case stays open (statutory limit, suspensions, corrections) with room to spare.
   */
  readonly noncurrentVersionDays?: number;
  /** Days an infected file is kept in `quarantine/` for the security officer; default 90. */
  readonly quarantineDays?: number;
  /** Retention of the server access logs; default six months (Cybersecurity Law art. 21). */
  readonly accessLogRetention?: RetentionDays;
}

/**
 * The bucket of electronic materials and archive packages (issue 16): one per deployment, keys
 * prefixed by tenant and case. Public access blocked, SSE-KMS under a rotated customer key of its
 * own (S3 Bucket Keys keep the KMS calls few), versioned, TLS 1.2+ only, Object Lock enabled with
 * no default retention (the archive sets COMPLIANCE retention per object, by matter type), server
 * access logs to a bucket of their own. Kept on stack deletion: it holds the archive.
 *
 * Lifecycle: unfinished multipart uploads go after a day; noncurrent versions under `tenants/` after
 * `noncurrentVersionDays`; quarantined files after `quarantineDays`. S3 lifecycle filters are literal
 * prefixes, so no rule can leave out `tenants/*∕archive/` by itself; archive objects are kept by three
 * things instead: an archive object is written once under a fresh key (never noncurrent by an
 * overwrite), the bucket policy denies `s3:DeleteObject` on them (no delete marker can make a version
 * noncurrent), and Object Lock refuses lifecycle and people alike while a version is retained.
 */
export class MaterialsBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: MaterialsBucketProps) {
    super(scope, id);
    const logDays = props.accessLogRetention ?? RetentionDays.SIX_MONTHS;
    // S3 delivers the access logs under a bucket policy for its logging service, not the legacy
    // log-delivery ACL, so the log bucket can keep ACLs disabled (BucketOwnerEnforced).
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.key = new Key(this, 'Key', {
      description: 'OneWindow electronic materials and archive packages (S3 SSE-KMS)',
      enableKeyRotation: true,
      // Archive packages stay readable for their retention only while this key exists.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Server access logs: SSE-KMS is not supported on a log target bucket, so S3-managed keys here.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules:
        logDays === RetentionDays.INFINITE
          ? []
          : [{ id: 'ExpireAccessLogs', expiration: Duration.days(logDays) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "This bucket is the materials bucket's server access log destination; logging its own access would log every log delivery, without end.",
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // No default retention: the archive sets each package object's retention by its matter type.
      objectLockEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'materials/',
      targetObjectKeyFormat: TargetObjectKeyFormat.simplePrefix(),
      cors: [
        {
          // The browser sends the file straight to S3 with the presigned form (no byte passes a Lambda).
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [...props.uploadOrigins],
          // The upload form's progress bar makes the browser ask first (preflight); the policy in the
          // signed form, not CORS, is what limits key, type and size.
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'AbortIncompleteUploads',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'ExpireReplacedMaterialVersions',
          prefix: TENANTS_PREFIX,
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 365),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'ExpireQuarantine',
          prefix: QUARANTINE_PREFIX,
          expiration: Duration.days(props.quarantineDays ?? 90),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });

    // An archive object is never hidden behind a delete marker: a version goes only by
    // s3:DeleteObjectVersion, which Object Lock refuses while it is retained.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ArchiveNoDeleteMarkers',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:DeleteObject'],
        resources: [this.bucket.arnForObjects(ALL_ARCHIVES)],
      }),
    );
  }

  /** cdk-nag's name of `arn:…:bucket/<pattern>` in an IAM5 finding. */
  nagObjects(pattern: string): string {
    const bucket = this.bucket.stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const key = pattern.replace(/\$\{([^}]+)\}/g, '<$1>');
    return `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/${key}]`;
  }

  /** Acknowledges the IAM5 finding on each key pattern of `grantee`'s policy, with the reason. */
  private acknowledgeKeys(grantee: IGrantable, keys: readonly string[]): void {
    const role = grantee.grantPrincipal;
    if (!Construct.isConstruct(role)) return;
    Validations.of(role).acknowledge(
      ...[...new Set(keys)].map((k) => ({
        id: this.nagObjects(k),
        reason: `Object keys are per tenant, case, material and file, made at run time: the grant is the key prefix \`${k}\` of the one materials bucket (issue 16 key layout), never the bucket at large.`,
      })),
    );
  }

  /** `s3.<region>.amazonaws.com(.cn)`: the bucket key is used only through S3. */
  private get viaS3() {
    return { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } };
  }

  private grantKey(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: KMS_USE, resources: [this.key.keyArn], conditions: this.viaS3 }),
    );
  }

  /** Adds `statements` (sid, actions, key patterns) to the grantee's policy, plus the key's use through S3. */
  private grantObjects(
    grantee: IGrantable,
    statements: ReadonlyArray<{ sid: string; actions: string[]; keys: string[] }>,
  ): void {
    const principal = grantee.grantPrincipal;
    for (const { sid, actions, keys } of statements)
      principal.addToPrincipalPolicy(
        new PolicyStatement({ sid, actions, resources: keys.map((k) => this.bucket.arnForObjects(k)) }),
      );
    this.acknowledgeKeys(
      grantee,
      statements.flatMap((st) => st.keys),
    );
    // Unconditioned: HeadObject carries no s3:prefix, and without ListBucket S3 answers a missing
    // key 403 instead of 404 (the object store's head() tells "not there" by the 404). These are
    // the functions' own roles, which serve every tenant; the tenant-scoped role lists by prefix only.
    principal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'MaterialsList', actions: LIST, resources: [this.bucket.bucketArn] }),
    );
    this.grantKey(grantee);
  }

  /**
   * The files function on its own role (platform, city and system requests; tenant requests run on
   * the tenant-scoped role): read and list under `tenants/`; under a case's prefix, upload
   * (presign), copy a verified copy or write an e-licence into another case (the copy with its tags,
   * GuardDuty's verdict) and remove a refused upload; read an archive version's retention and
   * dispose of it (s3:DeleteObjectVersion, which Object Lock refuses while it is retained: the 409).
   */
  grantFiles(grantee: IGrantable): void {
    this.grantObjects(grantee, [
      { sid: 'MaterialsObjects', actions: [...OBJECT_READ, ...RETENTION_READ], keys: [ALL_TENANTS] },
      {
        sid: 'MaterialsCaseFiles',
        actions: ['s3:PutObject', ...COPY_TAGS, ...DELETE],
        keys: [ALL_CASE_MATERIALS],
      },
      { sid: 'MaterialsArchiveDisposal', actions: ['s3:DeleteObjectVersion'], keys: [ALL_ARCHIVES] },
    ]);
  }

  /**
   * The archive writer (the stream worker packaging a closed case): reads every material version
   * under `tenants/`, writes (or copies, with their tags) package objects under a custodian's
   * `…/archive/` with Object Lock retention.
   */
  grantArchiveWriter(grantee: IGrantable): void {
    this.grantObjects(grantee, [
      { sid: 'MaterialsRead', actions: [...OBJECT_READ, ...RETENTION_READ], keys: [ALL_TENANTS] },
      {
        sid: 'MaterialsArchiveWrite',
        actions: ['s3:PutObject', 's3:PutObjectRetention', ...COPY_TAGS],
        keys: [ALL_ARCHIVES],
      },
    ]);
  }

  /**
   * The scan worker (`MaterialFiles.setScan`): records an upload not listed yet (reads it, removes
   * it if refused), and moves an infected one: copies the version to `quarantine/` (with its tags)
   * and deletes it from the case's prefix.
   */
  grantScanWorker(grantee: IGrantable): void {
    this.grantObjects(grantee, [
      { sid: 'MaterialsScanned', actions: OBJECT_READ, keys: [ALL_TENANTS] },
      { sid: 'MaterialsRemove', actions: DELETE, keys: [ALL_CASE_MATERIALS] },
      {
        sid: 'MaterialsQuarantine',
        actions: ['s3:PutObject', ...COPY_TAGS],
        keys: [`${QUARANTINE_PREFIX}*`],
      },
    ]);
  }

  /**
   * The tenant-scoped role of the isolation layer (constructs/tenant-access.ts): reads of objects
   * under `tenants/${aws:PrincipalTag/tenant}/` only, and a district body (`below`) of its
   * sub-districts' (`tenants/<district>.<sub>/…`); uploads, reused copies (with their tags) and
   * removal of refused uploads under its own `…/cases/`; disposal of its own archive versions after
   * retention (before, Object Lock refuses); listing only with a prefix inside those. Archive
   * packages are written by the stream worker's own role, never with tenant credentials.
   */
  grantTenantScoped(role: IRole, tag: (name: 'tenant' | 'below') => string): void {
    const own = `${TENANTS_PREFIX}${tag('tenant')}/*`;
    const below = `${TENANTS_PREFIX}${tag('below')}.*`;
    const ownCases = `${TENANTS_PREFIX}${tag('tenant')}/cases/*`;
    const ownArchive = `${TENANTS_PREFIX}${tag('tenant')}/archive/*`;
    this.acknowledgeKeys(role, [own, ownCases, ownArchive, below]);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnTenantObjects',
        actions: [...OBJECT_READ, ...RETENTION_READ],
        resources: [this.bucket.arnForObjects(own)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnTenantCaseFiles',
        actions: ['s3:PutObject', ...COPY_TAGS, ...DELETE],
        resources: [this.bucket.arnForObjects(ownCases)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnTenantArchiveDisposal',
        actions: ['s3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(ownArchive)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'BelowTenantObjectReads',
        actions: OBJECT_READ,
        resources: [this.bucket.arnForObjects(below)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListOwnTenant',
        actions: LIST,
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [own, below] } },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'MaterialsKey',
        actions: KMS_USE,
        resources: [this.key.keyArn],
        conditions: this.viaS3,
      }),
    );
  }
}

/** The origin of a URL (`https://host[:port]`), for CORS; a token is passed through unchanged. */
export function originOf(url: string): string {
  return Token.isUnresolved(url) ? url : new URL(url).origin;
}

/** The materials bucket's name for a function's environment. */
export const MATERIALS_BUCKET_ENV = 'MATERIALS_BUCKET';
