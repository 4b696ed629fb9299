import { CfnOutput } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface PublicFirewallProps {
  /** Requests one address may make to `/v1/public/` in the evaluation window before WAF blocks it. */
  readonly limitPerAddress?: number;
  /** The window WAF counts over, seconds (60, 120, 300 or 600). */
  readonly evaluationWindowSec?: 60 | 120 | 300 | 600;
}

/** The path prefix of the routes served without an account (progress, rating, verification, guides). */
export const PUBLIC_PATH_PREFIX = '/v1/public/';

/**
 * An AWS WAF web ACL (regional) with a rate-based rule on the public routes: an address over
 * the limit gets 429 from WAF before the gateway or a Lambda is reached. It is the edge's
 * coarse layer; the app's own limits (per client, per case, the wrong-code lock) are the fine one.
 *
 * AWS WAF protects REST APIs, ALBs, CloudFront and a few others, not API Gateway HTTP APIs,
 * so this ACL cannot be attached to the HTTP API's stage: it is associated with whatever fronts
 * the API in a deployment (a CloudFront distribution or a REST API proxy) by its ARN, which
 * the stack outputs. Until then the gateway's route throttling (api.ts) and the app's limits
 * are what holds.
 */
export class PublicFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PublicFirewallProps = {}) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'onewindow-public',
      description: 'OneWindow: rate limit per address on the public routes',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'onewindow-public',
        sampledRequestsEnabled: true,
      },
      customResponseBodies: {
        'too-many-requests': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: '/problems/too-many-requests',
            title: '请求过于频繁，请稍后再试',
            titleEn: 'Too many requests; try again later',
            status: 429,
          }),
        },
      },
      rules: [
        {
          name: 'public-rate-per-address',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'Retry-After', value: String(props.evaluationWindowSec ?? 300) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.limitPerAddress ?? 1000,
              evaluationWindowSec: props.evaluationWindowSec ?? 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: PUBLIC_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'onewindow-public-rate',
            sampledRequestsEnabled: true,
          },
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'The WAF web ACL for the public routes; associate it with the front of the API',
    });
  }
}
