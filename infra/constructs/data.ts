import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition } from '../../packages/store/src/table';

// Item-level actions only: no table admin, and no Scan (DESIGN.md decision 3; the clock queries
// a GSI for due jobs). TransactWriteItems is authorised through the per-item actions.
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface DataConstructProps {
  /** Kept when the stack is deleted: the table holds the legal record of every case. */
  readonly removalPolicy?: RemovalPolicy;
}

/** The single table, derived from the definition the local stack also uses so the two cannot drift. */
export class DataConstruct extends Construct {
  readonly table: Table;
  /** Index names straight from the definition, for least-privilege grants. */
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string, props: DataConstructProps = {}) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new Table(this, 'Table', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: true,
    });

    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: key(gsi.partitionKey),
        sortKey: key(gsi.sortKey),
        // The list row only: a case's whole state stays in the table (packages/store/src/table.ts).
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...gsi.include],
      });
    }
    this.indexNames = tableDefinition.globalSecondaryIndexes.map((gsi) => gsi.indexName);
  }

  /** Read/write items on the table and its named indexes (no `index/*` wildcard). */
  grantData(grantee: IGrantable): void {
    const { tableArn } = this.table;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...READ_ACTIONS, ...WRITE_ACTIONS],
        resources: [tableArn, ...this.indexNames.map((name) => `${tableArn}/index/${name}`)],
      }),
    );
  }
}
