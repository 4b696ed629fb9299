import { Duration, Validations } from 'aws-cdk-lib';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataConstruct } from './data';
import { ServiceFunction } from './function';

export interface WorkersConstructProps {
  readonly data: DataConstruct;
  readonly logRetention: RetentionDays;
}

/** What happens after a commit: the stream fan-out and the once-a-minute clock. */
export class WorkersConstruct extends Construct {
  readonly bus: EventBus;
  readonly stream: ServiceFunction;
  readonly clock: ServiceFunction;
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: WorkersConstructProps) {
    super(scope, id);
    const { table } = props.data;
    this.bus = new EventBus(this, 'Bus', { eventBusName: 'onewindow' });
    const environment = { TABLE_NAME: table.tableName, EVENT_BUS_NAME: this.bus.eventBusName };

    this.stream = new ServiceFunction(this, 'Stream', {
      entry: 'functions/stream/handler.ts',
      description: 'Pushes committed case events to supervision, e-licence, stats and EventBridge',
      memorySize: 512,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'onewindow-stream' },
    });
    props.data.grantData(this.stream.fn);
    this.bus.grantPutEventsTo(this.stream.fn);

    this.failedBatches = new Queue(this, 'FailedStreamBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination for stream batches that exhausted their retries; it keeps them 14 days for inspection and replay, so a further DLQ adds nothing.',
    });

    this.stream.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failedBatches),
      }),
    );
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Reading the table stream needs dynamodb:ListStreams, which supports no resource-level permissions; X-Ray writes likewise (see the function defaults).',
    });

    this.clock = new ServiceFunction(this, 'Clock', {
      entry: 'functions/clock/handler.ts',
      description: 'Once a minute: due dates, clock colours, transitions and scheduled rollouts',
      memorySize: 512,
      // Shorter than the schedule so two ticks never overlap.
      timeout: Duration.seconds(55),
      logRetention: props.logRetention,
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'onewindow-clock' },
    });
    props.data.grantData(this.clock.fn);

    new Rule(this, 'EveryMinute', {
      description: 'Drives the OneWindow clock',
      schedule: Schedule.rate(Duration.minutes(1)),
      // A failed tick is not retried: the next one, a minute later, redoes the same work.
      targets: [new LambdaFunction(this.clock.fn, { retryAttempts: 0 })],
    });
  }
}
