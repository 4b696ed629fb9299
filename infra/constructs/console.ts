import { Duration, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ServiceFunction } from './function';

export interface ConsoleConstructProps {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly userPoolClient: IUserPoolClient;
  readonly hostedUi: UserPoolDomain;
  /** The console's public URL, ending in `/console`; the hosted UI returns to `<consoleUrl>/auth/callback`. */
  readonly consoleUrl: string;
  readonly logRetention: RetentionDays;
  /** The key the console names each visitor's address to the API with (public rate limits). */
  readonly relaySecret: ISecret;
}

/** Paths the console serves; the gateway leaves them open because the console keeps its own session. */
const CONSOLE_ROUTES: ReadonlyArray<{ path: string; methods: HttpMethod[]; why: string }> = [
  { path: '/', methods: [HttpMethod.GET], why: 'redirects to the console' },
  {
    path: '/console',
    methods: [HttpMethod.GET],
    why: 'is the console home, which signs people in through the Cognito hosted UI',
  },
  {
    path: '/console/{proxy+}',
    methods: [HttpMethod.ANY],
    why: 'is the staff and public console, which authenticates with its own session cookie from the hosted UI code flow and checks a CSRF token on every form',
  },
];

/**
 * The browser console (packages/console) in its own function. It holds no table access:
 * it calls the API over HTTPS with the signed-in person's token, so the gateway's JWT
 * authorizer and the API's own checks apply to it as to any client.
 */
export class ConsoleConstruct extends Construct {
  readonly fn: ServiceFunction;

  constructor(scope: Construct, id: string, props: ConsoleConstructProps) {
    super(scope, id);
    this.fn = new ServiceFunction(this, 'Handler', {
      entry: 'functions/console/handler.ts',
      description: 'OneWindow browser console (hono/jsx pages)',
      memorySize: 512,
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      environment: {
        API_URL: props.stage.url,
        CONSOLE_URL: props.consoleUrl.replace(/\/+$/, ''),
        CONSOLE_COGNITO_DOMAIN: props.hostedUi.baseUrl(),
        CONSOLE_COGNITO_CLIENT_ID: props.userPoolClient.userPoolClientId,
        CLIENT_RELAY_SECRET_ARN: props.relaySecret.secretArn,
        POWERTOOLS_SERVICE_NAME: 'onewindow-console',
      },
    });
    props.relaySecret.grantRead(this.fn.fn);
    const integration = new HttpLambdaIntegration('Console', this.fn.fn);
    for (const route of CONSOLE_ROUTES) {
      for (const r of props.httpApi.addRoutes({ path: route.path, methods: route.methods, integration })) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.methods.join(',')} ${route.path} is deliberately open: it ${route.why}.`,
        });
      }
    }
  }
}
