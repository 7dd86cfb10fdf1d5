import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { EndpointPolicy, GatewayEndpoint, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat } from '@lambda-vpc/nat';
import { Network, Peer, Port, SubnetType } from '@lambda-vpc/network';
import type { VariantStackProps } from '../variant';
import type { NatEgressSettings } from './nat-egress-variant';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { ItemsTable } from '../../shared/items-table';
import { natStrategyOf } from './nat-strategy-of';

/**
 * NAT-egress variant: a function in private subnets that calls the internet through NAT and an internet
 * gateway, and DynamoDB through a gateway endpoint, so table traffic never pays NAT processing charges.
 *
 * Public tier: NAT only, no workloads. Private tier: the function's ENIs, default route to the NAT of the
 * same AZ, plus the DynamoDB prefix-list route to the gateway endpoint.
 */
export class NatEgressStack extends BlueprintStack {
  /** The VPC with its public and private tiers. */
  public readonly network: Network;
  /** The NATs and the private tier's default routes. */
  public readonly nat: Nat;
  /** The DynamoDB gateway endpoint on the private route tables. */
  public readonly dynamoDbEndpoint: GatewayEndpoint;
  /** The table the demo function writes. */
  public readonly table: ItemsTable;
  /** The demo function: calls the configured HTTPS URL and records the result in the table. */
  public readonly egressProbe: LambdaFunction;

  constructor(scope: Construct, props: VariantStackProps<NatEgressSettings>) {
    super(scope, props);
    const { settings } = props;
    this.network = this.createNetwork();
    this.nat = new Nat(this, 'nat', { network: this.network, strategy: natStrategyOf(settings.nat) });

    this.table = new ItemsTable(this, 'table', {
      tableName: this.resourceName('items'),
      kmsKeyArn: this.key.keyArn,
      protectFromDestroy: this.config.protectFromDestroy,
    });

    this.egressProbe = new LambdaFunction(this, 'egress-probe', {
      ...this.demoFunctionDefaults(),
      functionName: this.resourceName('egress-probe'),
      description: `Calls ${settings.egressProbeUrl} through NAT and records the result in DynamoDB`,
      code: demoFunctionCode('egress-probe'),
      environmentVariables: { PROBE_URL: settings.egressProbeUrl, TABLE_NAME: this.table.tableName },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    });
    this.egressProbe.grantDynamoDbReadWrite(this.table.tableArn);

    this.dynamoDbEndpoint = new GatewayEndpoint(this, 'dynamodb-endpoint', {
      network: this.network,
      service: GatewayEndpointService.DYNAMODB,
      routeTableIds: this.network.privateSubnets.map((subnet) => subnet.routeTableId),
      policy: EndpointPolicy.of([{
        sid: 'EgressProbeUsesItsTable',
        principals: [this.egressProbe.roleArn],
        actions: DYNAMODB_READ_WRITE_ACTIONS,
        resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
      }]),
    });

    // Security groups do not filter the VPC's DNS resolver, so no rule for port 53 is needed.
    this.egressProbe.allowEgressTo(
      Peer.prefixList(this.dynamoDbEndpoint.prefixListId, 'dynamodb'), Port.tcp(443),
      'HTTPS to DynamoDB through the gateway endpoint',
    );
    this.egressProbe.allowEgressTo(
      Peer.ipv4('0.0.0.0/0', 'internet'), Port.tcp(443),
      'HTTPS to the internet through NAT',
    );

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'The VPC' });
    new TerraformOutput(this, 'function_name', { value: this.egressProbe.functionName, description: 'Invoke it to probe egress' });
    new TerraformOutput(this, 'table_name', { value: this.table.tableName, description: 'Where probe results land' });
    new TerraformOutput(this, 'nat_public_ips', {
      value: this.nat.targets.map((target) => target.publicIp ?? 'brought-eip'),
      description: 'Addresses the private tier egresses from, for allow-lists',
    });
  }
}
