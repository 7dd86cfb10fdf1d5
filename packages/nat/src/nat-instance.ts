import { Construct } from 'constructs';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import type { INetwork } from '@lambda-vpc/network';
import { natAddresses } from './eip-allocations';
import {
  NAT_INSTANCE_ROOT_VOLUME_GIB,
  natAmiId,
  natInstanceTypeProblem,
  natRole,
  natSecurityGroup,
  natUserData,
} from './nat-host';
import type { NatStrategy, NatTarget } from './nat-strategy';

/** Options of the NAT instance strategy. */
export interface NatInstanceOptions {
  /**
   * EC2 instance type; must be arm64 (Graviton) to match the AMI.
   * @default 't4g.nano'
   */
  readonly instanceType?: string;
  /**
   * A fixed AMI ID. Without one, the newest Amazon Linux 2023 arm64 AMI is read from SSM at plan time,
   * and later AMI releases are ignored (`ignore_changes = [ami]`) so a new image never replaces the NAT
   * under running traffic; replace it on purpose with `-replace`.
   * @default the newest Amazon Linux 2023 arm64 AMI
   */
  readonly amiId?: string;
  /**
   * TCP ports the NAT forwards. The same ports are what the instance itself needs (dnf and SSM use 443).
   * @default [80, 443]
   */
  readonly tcpPorts?: readonly number[];
  /**
   * Existing EIP allocation IDs: exactly one, for the instance, so an allow-listed egress address
   * survives a rebuild. A list, like the gateway strategies' option, so config can switch strategy freely.
   * @default a new EIP is allocated
   */
  readonly eipAllocationIds?: readonly string[];
  /**
   * The AZ the instance runs in.
   * @default the network's first AZ
   */
  readonly availabilityZone?: string;
}

/** One EC2 NAT instance serving every AZ. */
export class NatInstanceStrategy implements NatStrategy {
  public readonly kind = 'instance' as const;

  constructor(private readonly options: NatInstanceOptions) {
    const problem = options.instanceType === undefined ? undefined : natInstanceTypeProblem(options.instanceType);
    if (problem !== undefined) throw new Error(`NAT instance instanceType = "${options.instanceType}": ${problem}`);
  }

  public natCount(): number {
    return 1;
  }

  public configure(scope: Construct, network: INetwork): NatTarget[] {
    const az = this.options.availabilityZone ?? network.availabilityZones[0];
    const subnet = network.publicSubnets.find((candidate) => candidate.availabilityZone === az);
    if (!subnet) {
      throw new Error(
        `${network.name}: the NAT instance's AZ "${az}" has no public subnet; ` +
          `choose one of ${network.publicSubnets.map((s) => s.availabilityZone).join(', ')}`,
      );
    }
    const name = `${network.name}-nat-instance`;
    const ports = this.options.tcpPorts ?? [80, 443];
    const privateCidrs = network.privateSubnets.map((s) => s.cidrBlock);

    const { securityGroup, connections } = natSecurityGroup(scope, network, name, ports);
    const { profile } = natRole(scope, network, name);
    const amiId = natAmiId(scope, network, this.options.amiId, 'NAT instance');
    const instance = new Instance(scope, 'instance', {
      ami: amiId,
      instanceType: this.options.instanceType ?? 't4g.nano',
      subnetId: subnet.subnetId,
      vpcSecurityGroupIds: [securityGroup.id],
      iamInstanceProfile: profile.name,
      // A NAT forwards packets addressed to others, which EC2 drops unless this check is off.
      sourceDestCheck: false,
      // associate_public_ip_address is left unset. The public subnet maps no public IP at launch, so the EIP
      // below is the only public address; but once it is associated the provider reads the argument back as
      // true, and a literal false would replace the NAT on every plan (hashicorp/terraform-provider-aws#37318).
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      // The AMI snapshot's own 8 GiB, stated: the plan shows the size that is billed, and the RunInstances
      // request no longer depends on the snapshot's size (an emulator without real snapshots refuses it).
      rootBlockDevice: {
        encrypted: true,
        volumeType: 'gp3',
        volumeSize: NAT_INSTANCE_ROOT_VOLUME_GIB,
        deleteOnTermination: true,
      },
      monitoring: true,
      ebsOptimized: true,
      userData: natUserData(privateCidrs),
      userDataReplaceOnChange: true,
      tags: { Name: name },
      lifecycle: this.options.amiId !== undefined ? undefined : { ignoreChanges: ['ami'] },
    });
    const [address] = natAddresses(scope, network.name, this.kind, [az], this.options.eipAllocationIds);
    new EipAssociation(scope, 'eip-association', { allocationId: address.allocationId, instanceId: instance.id });
    return [
      {
        availabilityZone: az,
        route: { networkInterfaceId: instance.primaryNetworkInterfaceId },
        publicIp: address.publicIp,
        connections,
      },
    ];
  }
}
