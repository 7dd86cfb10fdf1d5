import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { GatewayEndpoint } from '@lambda-vpc/endpoints';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Nat } from '@lambda-vpc/nat';
import { DualStack, Network } from '@lambda-vpc/network';
import { addDeclaredFunctions } from '../../workloads/declared-functions';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { ItemsTable } from '../../shared/items-table';
import { movedFrom } from '../../shared/moved-rules';
import type { VariantStackProps } from '../variant';
import { NatEgressPattern } from './nat-egress-pattern';
import type { NatEgressSettings } from './nat-egress-variant';
import { natStrategyOf } from './nat-strategy-of';

/**
 * NAT-egress variant of an environment ({@link NatEgressPattern}): the demo function calls the configured HTTPS URL
 * through NAT with the environment's NAT strategy and records the result in a table of the stack through the
 * DynamoDB gateway endpoint; S3 in the region takes a gateway endpoint too, for the account's own buckets.
 */
export class NatEgressStack extends BlueprintStack {
  /** The VPC with its public and private tiers. */
  public readonly network: Network;
  /** The NATs and the private tier's default routes. */
  public readonly nat: Nat;
  /** The DynamoDB gateway endpoint on the private route tables. */
  public readonly dynamoDbEndpoint: GatewayEndpoint;
  /** The S3 gateway endpoint on the private route tables, for the account's own buckets. */
  public readonly s3Endpoint: GatewayEndpoint;
  /** The table the demo function writes. */
  public readonly table: ItemsTable;
  /**
   * The demo function: calls the configured HTTPS URL and records the result in the table; none without the demo
   * (`demoFunctions: false`).
   */
  public readonly egressProbe?: LambdaFunction;

  /** The functions the environment declares in this variant (`functions`). */
  public readonly declaredFunctions: readonly LambdaFunction[];

  constructor(scope: Construct, props: VariantStackProps<NatEgressSettings>) {
    super(scope, props);
    const { config, settings } = props;
    this.table = new ItemsTable(this, 'table', {
      tableName: this.resourceName('items'),
      kmsKeyArn: this.key.keyArn,
      protectFromDestroy: config.protectFromDestroy,
    });
    const pattern = new NatEgressPattern(this, {
      ...this.networkDefaults(),
      publicSubnetPrefixLength: settings.publicSubnetPrefixLength,
      privateSubnetPrefixLength: settings.privateSubnetPrefixLength,
      natStrategy: natStrategyOf(settings.nat),
      ...(settings.ipv6 && { ipv6: DualStack.egressOnlyGateway() }),
      ...(settings.demoFunctions && {
        function: {
          ...this.functionDefaults(),
          id: 'egress-probe',
          functionName: this.resourceName('egress-probe'),
          description: `Calls ${settings.egressProbeUrl} through NAT and records the result in DynamoDB`,
          code: demoFunctionCode('egress-probe'),
          environmentVariables: { PROBE_URL: settings.egressProbeUrl, TABLE_NAME: this.table.tableName },
        },
        table: { tableArn: this.table.tableArn, endpointSid: 'EgressProbeUsesItsTable' },
      }),
    });
    this.network = pattern.network;
    this.nat = pattern.nat;
    this.egressProbe = pattern.function;
    this.dynamoDbEndpoint = pattern.dynamoDbEndpoint;
    this.s3Endpoint = pattern.s3Endpoint;
    // Until the connections model, a NAT instance's rules had names of their own (port first, no protocol):
    // nat_ingress_443_10-10-64-0-20 and nat_egress_443. They move to nat_ingress_10-10-64-0-20_tcp443 and
    // nat_egress_internet_tcp443. Only the instance strategy had them; the self-healing one is newer.
    const movedRules = settings.nat.strategy === 'instance' ? this.nat.targets[0].connections?.rules : undefined;
    for (const rule of movedRules ?? []) {
      // An ingress rule's peer is a private subnet, labelled by its block as the old name had it.
      const peer = rule.direction === 'ingress' ? `_${rule.peer.label}` : '';
      movedFrom(rule, `nat_${rule.direction}_${rule.port.fromPort}${peer}`);
    }

    this.declaredFunctions = addDeclaredFunctions(
      this,
      { network: this.network, table: this.table, endpoints: [this.dynamoDbEndpoint, this.s3Endpoint] },
      settings.functions,
    );

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'The VPC' });
    if (this.egressProbe) {
      new TerraformOutput(this, 'function_name', {
        value: this.egressProbe.functionName,
        description: 'Invoke it to probe egress',
      });
    }
    new TerraformOutput(this, 'table_name', { value: this.table.tableName, description: 'Where probe results land' });
    new TerraformOutput(this, 'nat_public_ips', {
      value: this.nat.targets.map((target) => target.publicIp ?? 'brought-eip'),
      description: 'Addresses the private tier egresses from, for allow-lists',
    });
  }
}
