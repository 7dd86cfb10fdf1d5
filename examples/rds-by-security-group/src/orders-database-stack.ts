import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import {
  AwsEnvironment,
  EncryptionKey,
  ExistingSecurityGroup,
  FlowLogs,
  Network,
  Port,
  SubnetType,
} from '@lambda-vpc/network';
import { configureExampleStack } from '@lambda-vpc/stacks';

/** PostgreSQL's port. */
const POSTGRES = Port.tcp(5432);

/** Options of {@link OrdersDatabaseStack}. */
export interface OrdersDatabaseStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-orders`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** At least two AZs: an RDS subnet group needs subnets in two. */
  readonly availabilityZones: readonly string[];
}

/**
 * A function and the PostgreSQL database it uses, in isolated subnets of one VPC. The database's security group
 * starts with no rules; the function is admitted by security-group reference (`connections.allowTo`), which writes
 * the egress rule on the function's group and the ingress rule on the database's. No CIDR is admitted, so another
 * workload in the same subnets cannot reach the database.
 */
export class OrdersDatabaseStack extends TerraformStack {
  /** The function. */
  public readonly orders: LambdaFunction;
  /** The database. */
  public readonly database: DbInstance;
  /** The database's security group. */
  public readonly databaseSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: OrdersDatabaseStackProps) {
    super(scope, id);
    configureExampleStack(this, { environment: props.environment, tags: { example: 'rds-by-security-group' } });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    const network = new Network(this, 'network', {
      name: props.name,
      environment: props.environment,
      cidrBlock: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 24 }],
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
    });

    this.databaseSecurityGroup = new SecurityGroup(this, 'database-security-group', {
      name: `${props.name}-db`,
      description: `${props.name} database: admits the functions granted by security-group reference, nothing else`,
      vpcId: network.vpcId,
    });
    const subnetGroup = new DbSubnetGroup(this, 'database-subnets', {
      name: `${props.name}-db`,
      description: `${props.name} database: the isolated subnets`,
      subnetIds: network.isolatedSubnets.map((subnet) => subnet.subnetId),
    });
    this.database = new DbInstance(this, 'database', {
      identifier: `${props.name}-db`,
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t4g.micro',
      allocatedStorage: 20,
      storageType: 'gp3',
      username: 'orders',
      // RDS keeps the password in Secrets Manager: it never appears in the plan or the state.
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.databaseSecurityGroup.id],
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: key.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.name}-db-final`,
    });

    this.orders = new LambdaFunction(this, 'orders', {
      functionName: `${props.name}-api`,
      description: 'Reads and writes the orders database, admitted by security-group reference',
      environment: props.environment,
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'orders')),
      logRetentionInDays: 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
      environmentVariables: { DB_ENDPOINT: this.database.endpoint },
      vpc: { network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    const database = new ExistingSecurityGroup(this, 'orders-db', { securityGroupId: this.databaseSecurityGroup.id });
    this.orders.connections.allowTo(
      database,
      POSTGRES,
      'PostgreSQL to orders-db',
      `PostgreSQL from Lambda function ${props.name}-api`,
    );
  }
}
