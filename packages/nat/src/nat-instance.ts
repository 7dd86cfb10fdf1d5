import { Construct } from 'constructs';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { awsManagedPolicyArn, Connections, INetwork, Peer, PolicyDocument, Port } from '@lambda-vpc/network';
import { natAddresses } from './eip-allocations';
import type { NatStrategy, NatTarget } from './nat-strategy';

/** The NAT instance's root volume: the size of the Amazon Linux 2023 AMI's snapshot. */
export const NAT_INSTANCE_ROOT_VOLUME_GIB = 8;

/** SSM public parameter that always names the newest Amazon Linux 2023 arm64 AMI of the region. */
export const AL2023_ARM64_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

/**
 * What is wrong with a NAT instance type, or undefined when it is an arm64 (Graviton) type: the AMI is arm64, so an
 * x86 type would not boot it. A Graviton family has a `g` after its generation digit (`t4g`, `c7gn`, `m6gd`).
 */
export function natInstanceTypeProblem(instanceType: unknown): string | undefined {
  return typeof instanceType === 'string' && /^[a-z][a-z0-9-]*\d[a-z0-9-]*g[a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)
    ? undefined
    : 'must be an arm64 (Graviton) instance type, e.g. t4g.nano';
}

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

/**
 * User data: forward and masquerade traffic from the private tier. The EIP is associated after launch,
 * so the package install retries until the instance has its public address.
 */
function natUserData(privateCidrs: readonly string[]): string {
  const masquerade = privateCidrs
    .map((cidr) => `iptables -t nat -A POSTROUTING -o "$iface" -s ${cidr} -j MASQUERADE`)
    .join('\n');
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'for attempt in $(seq 1 30); do dnf install -y iptables-services && break; sleep 10; done',
    'rpm -q iptables-services', // stop here, visibly, if the install never succeeded
    'echo "net.ipv4.ip_forward = 1" > /etc/sysctl.d/90-nat.conf',
    'sysctl --system',
    "iface=$(ip -o route show default | awk '{print $5}' | head -n 1)",
    'iptables -F FORWARD',
    masquerade,
    'service iptables save',
    'systemctl enable --now iptables',
    '',
  ].join('\n');
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

    const securityGroup = new SecurityGroup(scope, 'security-group', {
      name,
      description: `${name}: forwards TCP ${ports.join(', ')} from the private tier to the internet`,
      vpcId: network.vpcId,
      tags: { Name: name },
    });
    // Rules under the Nat construct, named by content: nat_ingress_<private CIDR>_tcp443, nat_egress_internet_tcp443.
    const connections = Connections.ofSecurityGroup(scope, securityGroup.id);
    for (const port of ports.map((number) => Port.tcp(number))) {
      for (const cidr of privateCidrs) {
        connections.allowFrom(Peer.ipv4(cidr), port, `${port} from private subnet ${cidr}, to forward`);
      }
      connections.allowTo(Peer.anyIpv4(), port, `${port} to the internet: forwarded traffic, package updates, SSM`);
    }

    const role = new IamRole(scope, 'role', {
      name,
      description: `${name}: SSM Session Manager access, no SSH`,
      assumeRolePolicy: PolicyDocument.serviceTrust({ owner: name, service: 'ec2.amazonaws.com' }).toJson(),
    });
    new IamRolePolicyAttachment(scope, 'ssm-core', {
      role: role.name,
      policyArn: awsManagedPolicyArn(network.environment, 'AmazonSSMManagedInstanceCore'),
    });
    const profile = new IamInstanceProfile(scope, 'instance-profile', { name, role: role.name });

    if (this.options.amiId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(this.options.amiId)) {
      throw new Error(
        `${network.name}: NAT instance amiId "${this.options.amiId}" is not an AMI ID (ami- and 8 to 17 hex digits)`,
      );
    }
    const amiId =
      this.options.amiId ?? new DataAwsSsmParameter(scope, 'ami', { name: AL2023_ARM64_AMI_PARAMETER }).insecureValue;
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
