import path from 'node:path';
import { type Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { aliasesFor, esmRequireBanner, projectRoot } from '../bundling';

export interface ServiceFunctionProps {
  /** Entry file relative to the project root, e.g. `functions/api/handler.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

// The CLI form of bundling.ts's aliases for an entry, so CDK bundles exactly what bench/ measures.
const aliasArgs = (entry: string) =>
  Object.fromEntries(Object.entries(aliasesFor(entry)).map(([name, target]) => [`--alias:${name}`, target]));

/**
 * A Lambda with the product's fixed runtime, bundling and observability, and its own role.
 * The role is explicit so logging is granted on this function's log group only, instead of
 * the account-wide AWSLambdaBasicExecutionRole managed policy.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        charset: Charset.UTF8,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: esmRequireBanner,
        bundleAwsSDK: true,
        esbuildArgs: aliasArgs(props.entry),
      },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'The product pins Node.js 22 (bundles target node22, and the local stack and tests run the same code); a runtime upgrade is a deliberate, tested change.',
      },
    );
  }
}
