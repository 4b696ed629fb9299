import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ServiceFunction } from './function';

export interface IdentityConstructProps {
  /** Prefix of the Cognito-hosted sign-in domain; unique per region. */
  readonly domainPrefix: string;
  /** Where the hosted UI may send the authorization code (the console's callback). */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  readonly logRetention: RetentionDays;
}

/** Scope and role claims the pre-token trigger copies into both tokens. */
const SCOPE_ATTRIBUTES = ['roles', 'city', 'tenant', 'body'] as const;

/** Staff identities: administrators create users; tokens carry tenant scope and roles. */
export class IdentityConstruct extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityConstructProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.ESSENTIALS,
      customAttributes: Object.fromEntries(
        SCOPE_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true, maxLen: 256 })]),
      ),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional with TOTP by product decision: accounts are created by administrators only (no self sign-up) and staff enrol TOTP from the console; requiring it is a per-deployment policy switch.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Essentials plan is enough for V2 access-token customisation; threat protection (Plus) is a per-deployment cost decision, and staff accounts are admin-provisioned with a strong password policy.',
      },
    );

    const tokenFn = new ServiceFunction(this, 'PreTokenGeneration', {
      entry: 'functions/token/handler.ts',
      description: 'Cognito pre-token-generation V2: scope and role claims on ID and access tokens',
      memorySize: 256,
      // Cognito waits at most 5 s for a trigger.
      timeout: Duration.seconds(5),
      logRetention: props.logRetention,
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenFn.fn, LambdaVersion.V2_0);

    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [...props.callbackUrls],
        logoutUrls: [...props.logoutUrls],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Tenant, city, body and roles are authority: only administrators may set them, so the
      // client may write nothing but the display name (otherwise a user could grant themselves roles).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }
}
