import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

/** Options of {@link ItemsTable}. */
export interface ItemsTableProps {
  /** Table name, `<env>-<variant>-<purpose>`. */
  readonly tableName: string;
  /** ARN of the customer-managed KMS key that encrypts the table. */
  readonly kmsKeyArn: string;
  /**
   * Protects the table and its items from an accidental destroy twice over: Terraform's
   * `lifecycle.prevent_destroy` fails any plan that would destroy or replace it (a `cdktf destroy`, a renamed
   * construct without a `moved` block), and DynamoDB deletion protection makes the API itself refuse a
   * delete, from any tool. For production; turn it off, and deploy, before an intended teardown.
   * @default false
   */
  readonly protectFromDestroy?: boolean;
}

/**
 * The demo functions' DynamoDB table: on-demand capacity, a string partition key `pk`, point-in-time
 * recovery and encryption with the stack's KMS key; optionally protected from destroy.
 */
export class ItemsTable extends Construct {
  /** The table resource. */
  public readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: ItemsTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'Default', {
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      tags: { Name: props.tableName },
      ...(props.protectFromDestroy ? { deletionProtectionEnabled: true, lifecycle: { preventDestroy: true } } : {}),
    });
  }

  /** The table's ARN. */
  public get tableArn(): string {
    return this.table.arn;
  }

  /** The table's name. */
  public get tableName(): string {
    return this.table.name;
  }
}
