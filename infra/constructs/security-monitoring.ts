import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  Unit,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The kinds the functions log as `securityEvent` (packages/api/src/pipeline/security-event.ts). */
export const SECURITY_EVENT_KINDS = [
  'auth-failed',
  'forbidden',
  'personal-data-reveal',
  'isolation-refused',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_NAMESPACE = 'OneWindow/Security';
export const SECURITY_METRIC = 'SecurityEvents';
/** 401 and 403 answers as the gateway's access log records them, by `status`. */
export const REFUSED_METRIC = 'RefusedAnswers';

export interface SecurityMonitoringProps {
  /** The log group of every function that writes security events: api, cases, files, console. */
  readonly logGroups: readonly ILogGroup[];
  /**
   * The API Gateway stage's access log (JSON with `status`). The gateway's JWT authorizer answers
   * most bad tokens itself, before any function runs, so only its log sees those 401s.
   */
  readonly gatewayAccessLogs?: ILogGroup;
  /** Refused tokens plus refused roles in 5 minutes that raise the alarm; default 50. */
  readonly refusalBurst?: number;
  /** Reveals of personal data in 5 minutes that raise the alarm (a harvest, not a day's work); default 100. */
  readonly revealBurst?: number;
  /** Where alarms go; default a new topic encrypted with a key of its own. Subscribe the operator's on-call. */
  readonly alarmTopic?: ITopic;
}

/**
 * Security events as CloudWatch metrics and alarms. Each function writes a JSON log line with
 * `securityEvent: <kind>` for a refused token (401), a refused role (403), a reveal of
 * personal data, and a key the in-code isolation guard refused; one metric filter per log group
 * counts them into `OneWindow/Security SecurityEvents` with the kind as its dimension, so every
 * function adds to the same four series. The gateway's access log adds its 401 and 403 answers
 * (`RefusedAnswers` by `status`): its JWT authorizer refuses most bad tokens before any function
 * runs. Alarms: a burst of 401/403 (guessing or a stolen token
 * being tried), any isolation refusal (a bug or an attack reaching past the access checks: never
 * normal), and a burst of reveals.
 */
export class SecurityMonitoringConstruct extends Construct {
  readonly topic: ITopic;
  readonly refusalBurst: Alarm;
  readonly isolationRefused: Alarm;
  readonly revealBurst: Alarm;

  constructor(scope: Construct, id: string, props: SecurityMonitoringProps) {
    super(scope, id);
    props.logGroups.forEach((logGroup, i) => {
      new MetricFilter(this, `Events${i}`, {
        logGroup,
        filterPattern: FilterPattern.exists('$.securityEvent'),
        metricNamespace: SECURITY_NAMESPACE,
        metricName: SECURITY_METRIC,
        metricValue: '1',
        dimensions: { kind: '$.securityEvent' },
        unit: Unit.COUNT,
      });
    });

    if (props.gatewayAccessLogs) {
      new MetricFilter(this, 'GatewayRefusals', {
        logGroup: props.gatewayAccessLogs,
        filterPattern: FilterPattern.any(
          FilterPattern.stringValue('$.status', '=', '401'),
          FilterPattern.stringValue('$.status', '=', '403'),
        ),
        metricNamespace: SECURITY_NAMESPACE,
        metricName: REFUSED_METRIC,
        metricValue: '1',
        dimensions: { status: '$.status' },
        unit: Unit.COUNT,
      });
    }

    this.topic = props.alarmTopic ?? this.encryptedTopic();
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: Metric | MathExpression, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No event logged means nothing happened, not that the data is missing.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      return a;
    };

    const fiveMinutes = Duration.minutes(5);
    // The functions' own refusals (and the console's failed sign-ins, which are no 401)…
    const inFunctions = new MathExpression({
      expression: 'FILL(authFailed, 0) + FILL(forbidden, 0)',
      usingMetrics: {
        authFailed: this.metric('auth-failed', fiveMinutes),
        forbidden: this.metric('forbidden', fiveMinutes),
      },
      period: fiveMinutes,
      label: 'refusals logged by the functions',
    });
    // …and every 401 and 403 the gateway gave, its authorizer's and the functions' alike: the larger
    // of the two counts, as the functions' refusals are in both.
    const atGateway = new MathExpression({
      expression: 'FILL(unauthorized, 0) + FILL(refused, 0)',
      usingMetrics: {
        unauthorized: this.refusedAtGateway('401', fiveMinutes),
        refused: this.refusedAtGateway('403', fiveMinutes),
      },
      period: fiveMinutes,
      label: '401 and 403 answers of the gateway',
    });
    this.refusalBurst = alarm(
      'RefusalBurst',
      props.gatewayAccessLogs
        ? new MathExpression({
            expression: 'MAX([inFunctions, atGateway])',
            usingMetrics: { inFunctions, atGateway },
            period: fiveMinutes,
            label: '401 and 403 answers',
          })
        : inFunctions,
      props.refusalBurst ?? 50,
      'Many refused tokens or roles (401/403) in 5 minutes: token guessing, a stolen or expired token being replayed, or a caller probing other tenants.',
    );
    this.isolationRefused = alarm(
      'IsolationRefused',
      this.metric('isolation-refused', Duration.minutes(1)),
      1,
      'The in-code isolation guard refused a DynamoDB key outside the caller’s tenant, city or bodies. The access checks should have stopped it first: investigate at once.',
    );
    this.revealBurst = alarm(
      'RevealBurst',
      this.metric('personal-data-reveal', Duration.minutes(5)),
      props.revealBurst ?? 100,
      'Many reveals of applicants’ ID or phone numbers in 5 minutes: more than case handling needs.',
    );
  }

  /** The count of one kind of security event, summed over every function. */
  metric(kind: SecurityEventKind, period: Duration = Duration.minutes(5)): Metric {
    return new Metric({
      namespace: SECURITY_NAMESPACE,
      metricName: SECURITY_METRIC,
      dimensionsMap: { kind },
      statistic: 'Sum',
      period,
    });
  }

  /** The gateway's answers of one refusing status, from its access log. */
  refusedAtGateway(status: '401' | '403', period: Duration = Duration.minutes(5)): Metric {
    return new Metric({
      namespace: SECURITY_NAMESPACE,
      metricName: REFUSED_METRIC,
      dimensionsMap: { status },
      statistic: 'Sum',
      period,
    });
  }

  /** CloudWatch may publish to it (the key says so); only TLS may reach it. */
  private encryptedTopic(): Topic {
    const key = new Key(this, 'AlarmKey', {
      enableKeyRotation: true,
      description: 'Encrypts the OneWindow security alarm topic',
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    return new Topic(this, 'Alarms', {
      displayName: 'OneWindow security alarms',
      masterKey: key,
      enforceSSL: true,
    });
  }
}
