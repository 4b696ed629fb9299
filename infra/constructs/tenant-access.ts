import { Duration } from 'aws-cdk-lib';
import {
  ArnPrincipal,
  CompositePrincipal,
  PolicyStatement,
  Role,
  SessionTagsPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataConstruct } from './data';
import type { ServiceFunction } from './function';
import type { MaterialsBucket } from './materials-bucket';

/**
 * The session tags a function passes when it assumes the role for one request
 * (functions/shared/token-vending.ts builds them from the request's isolation scope). A tag
 * that does not apply carries `-`, which no id can be, so its keys match nothing.
 */
export const TENANT_SESSION_TAGS = ['tenant', 'city', 'below', 'parent', 'grandparent'] as const;

const tag = (name: (typeof TENANT_SESSION_TAGS)[number]) => `\${aws:PrincipalTag/${name}}`;

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export interface TenantAccessConstructProps {
  readonly data: DataConstruct;
  /** The functions that serve tenant requests and may assume the role for them. */
  readonly functions: readonly ServiceFunction[];
  /**
   * The materials bucket (issue 16): the role reaches only `tenants/${aws:PrincipalTag/tenant}/…`
   * (and reads a district's sub-districts' prefixes), as it reaches only the tenant's leading keys.
   */
  readonly materials?: MaterialsBucket;
}

/**
 * The second isolation layer in AWS (SaaS Factory token vending): a role the HTTP functions
 * assume per tenant with the tenant as a session tag. Its policy reaches only items whose
 * partition key (`dynamodb:LeadingKeys`, which on an index Query is the index's partition key)
 * is that tenant's: `T#<tenant>` and `T#<tenant>#…` (its items, case partitions, counters,
 * audit and idempotency records, and the index partitions `#Q#…`, `#OPEN`, `#CASES`), the
 * sub-districts below it for a district body (`below`), read of its ancestors' own partitions
 * (their bodies and seals) and of its city's (`C#<city>`: catalogue, calendar, tenant records)
 * and of `P#` (the city list), and writes of the clock's job lanes (`JOB#…`, which carry no
 * tenant and which a case command's transaction schedules). Everything else (platform and
 * city administration, the clock, the stream, rollouts) stays on the function's own role. In the
 * materials bucket it reaches only objects under `tenants/<tenant>/` (materials-bucket.ts).
 */
export class TenantAccessConstruct extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TenantAccessConstructProps) {
    super(scope, id);
    const callers = props.functions.map((f) => new ArnPrincipal(f.role.roleArn));
    this.role = new Role(this, 'Role', {
      description:
        'OneWindow tenant-scoped DynamoDB access, assumed per request with the tenant as a session tag',
      // Trust with sts:TagSession: the tags are what the policy below keys on.
      assumedBy: new SessionTagsPrincipal(new CompositePrincipal(...callers)),
      maxSessionDuration: Duration.hours(1),
    });

    const { tableArn } = props.data.table;
    const resources = [tableArn, ...props.data.indexNames.map((name) => `${tableArn}/index/${name}`)];
    const leading = (keys: string[]) => ({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys },
    });
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'OwnTenant',
        actions: [...READ, ...WRITE],
        resources,
        conditions: leading([
          `T#${tag('tenant')}`,
          `T#${tag('tenant')}#*`,
          // A district body's approvers and supervisors: the sub-districts below (`.` then anything).
          `T#${tag('below')}.*`,
        ]),
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ReferenceReads',
        actions: READ,
        resources,
        conditions: leading([`T#${tag('parent')}`, `T#${tag('grandparent')}`, `C#${tag('city')}`, 'P#']),
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ScheduleJobs',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [tableArn],
        conditions: leading(['JOB#*']),
      }),
    );

    props.materials?.grantTenantScoped(this.role, tag);

    for (const fn of props.functions) {
      this.role.grant(fn.role, 'sts:AssumeRole', 'sts:TagSession');
      fn.fn.addEnvironment('TENANT_ACCESS_ROLE_ARN', this.role.roleArn);
    }
  }
}
