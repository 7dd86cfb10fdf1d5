import { Construct } from 'constructs';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { NetworkInterface } from '@cdktf/provider-aws/lib/network-interface';
import { INetwork, PolicyDocument, PolicyStatement } from '@lambda-vpc/network';
import { natAddresses } from './eip-allocations';
import {
  NAT_INSTANCE_ROOT_VOLUME_GIB,
  natAmiId,
  natInstanceTypeProblem,
  natRole,
  natSecurityGroup,
  natUserData,
} from './nat-host';
import type { NatInstanceOptions } from './nat-instance';
import type { NatStrategy, NatTarget } from './nat-strategy';
import { natCountOf } from './strategy-kinds';
import { NAT_INTERFACE_TAG, staticInterfaceLines } from './static-interface-user-data';

/** Options of the self-healing NAT instance strategy. */
export interface SelfHealingNatInstanceOptions extends Pick<NatInstanceOptions, 'instanceType' | 'tcpPorts'> {
  /**
   * A fixed AMI ID. Without one, each AZ's launch template names the newest Amazon Linux 2023 arm64 AMI read from
   * SSM at plan time: a new release makes a new template version, which the running instance keeps; the next
   * replacement boots it.
   * @default the newest Amazon Linux 2023 arm64 AMI
   */
  readonly amiId?: string;
  /**
   * Existing EIP allocation IDs, one per AZ in AZ order (each static interface's address), so allow-listed egress
   * addresses survive a rebuild.
   * @default new EIPs are allocated
   */
  readonly eipAllocationIds?: readonly string[];
}

/**
 * One NAT instance per AZ that an auto scaling group of one replaces when EC2 health checks fail. The address and the
 * route live on a static network interface, not on the instance: each instance attaches it at boot, so a replacement
 * takes over the same route and Elastic IP with no change to the route tables.
 */
export class SelfHealingNatInstanceStrategy implements NatStrategy {
  public readonly kind = 'self-healing-instance' as const;

  constructor(private readonly options: SelfHealingNatInstanceOptions) {
    const problem = options.instanceType === undefined ? undefined : natInstanceTypeProblem(options.instanceType);
    if (problem !== undefined) {
      throw new Error(`self-healing NAT instance instanceType = "${options.instanceType}": ${problem}`);
    }
  }

  public natCount(network: INetwork): number {
    return natCountOf(this.kind, network.publicSubnets.length);
  }

  public configure(scope: Construct, network: INetwork): NatTarget[] {
    const name = `${network.name}-nat-instance`;
    const ports = this.options.tcpPorts ?? [80, 443];
    const privateCidrs = network.privateSubnets.map((subnet) => subnet.cidrBlock);
    const azs = network.publicSubnets.map((subnet) => subnet.availabilityZone);
    const addresses = natAddresses(scope, network.name, this.kind, azs, this.options.eipAllocationIds);
    const { securityGroup, connections } = natSecurityGroup(scope, network, name, ports);
    const amiId = natAmiId(scope, network, this.options.amiId, 'self-healing NAT instance');
    const { partition, region, accountId } = network.environment;
    const userData = Buffer.from(natUserData(privateCidrs, staticInterfaceLines())).toString('base64');

    return network.publicSubnets.map((subnet, index) => {
      const az = subnet.availabilityZone;
      const azName = `${network.name}-nat-${az}`;
      // The route and the EIP's home: it stays while instances come and go.
      const networkInterface = new NetworkInterface(scope, `network-interface_${az}`, {
        subnetId: subnet.subnetId,
        securityGroups: [securityGroup.id],
        // A NAT forwards packets addressed to others, which EC2 drops unless this check is off.
        sourceDestCheck: false,
        description: `${azName}: the NAT's static interface; the instance of the group attaches it at boot`,
        tags: { Name: azName },
      });
      new EipAssociation(scope, `eip-association_${az}`, {
        allocationId: addresses[index].allocationId,
        networkInterfaceId: networkInterface.id,
      });

      const { role, profile } = natRole(scope, network, azName, {
        role: `role_${az}`,
        ssmCore: `ssm-core_${az}`,
        instanceProfile: `instance-profile_${az}`,
      });
      new IamRolePolicy(scope, `attach-interface_${az}`, {
        role: role.name,
        name: 'attach-nat-interface',
        policy: new PolicyDocument({
          owner: azName,
          statements: [
            new PolicyStatement({
              sid: 'AttachTheStaticInterface',
              actions: 'ec2:AttachNetworkInterface',
              resources: `arn:${partition}:ec2:${region}:${accountId}:network-interface/${networkInterface.id}`,
            }),
            // The instance side of the same call: only an instance of this AZ's group, which its template tags.
            new PolicyStatement({
              sid: 'ToAnInstanceOfTheGroup',
              actions: 'ec2:AttachNetworkInterface',
              resources: `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
              condition: { StringEquals: { [`aws:ResourceTag/${NAT_INTERFACE_TAG}`]: networkInterface.id } },
            }),
          ],
        }).toJson(),
      });

      const instanceTags = { Name: azName, [NAT_INTERFACE_TAG]: networkInterface.id };
      const template = new LaunchTemplate(scope, `launch-template_${az}`, {
        name: azName,
        description: `${azName}: one NAT instance that attaches ${azName}'s static interface at boot`,
        imageId: amiId,
        instanceType: this.options.instanceType ?? 't4g.nano',
        iamInstanceProfile: { arn: profile.arn },
        // No key pair and no port 22: Session Manager only.
        // Tags in the metadata: the boot reads the static interface's ID from the instance's own tag.
        metadataOptions: {
          httpTokens: 'required',
          httpEndpoint: 'enabled',
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: 'enabled',
        },
        blockDeviceMappings: [
          {
            deviceName: '/dev/xvda',
            ebs: {
              encrypted: 'true',
              volumeType: 'gp3',
              volumeSize: NAT_INSTANCE_ROOT_VOLUME_GIB,
              deleteOnTermination: 'true',
            },
          },
        ],
        // A public IP of its own until the static interface is attached: the boot calls the EC2 API and dnf before.
        networkInterfaces: [
          {
            deviceIndex: 0,
            associatePublicIpAddress: 'true',
            securityGroups: [securityGroup.id],
            deleteOnTermination: 'true',
          },
        ],
        monitoring: { enabled: true },
        ebsOptimized: 'true',
        userData,
        tagSpecifications: [
          { resourceType: 'instance', tags: instanceTags },
          { resourceType: 'volume', tags: { Name: azName } },
        ],
        updateDefaultVersion: true,
        tags: { Name: azName },
      });
      new AutoscalingGroup(scope, `autoscaling-group_${az}`, {
        name: azName,
        minSize: 1,
        maxSize: 1,
        desiredCapacity: 1,
        vpcZoneIdentifier: [subnet.subnetId],
        launchTemplate: { id: template.id, version: '$Latest' },
        // EC2 status checks: an impaired or stopped instance is terminated and replaced.
        healthCheckType: 'EC2',
        healthCheckGracePeriod: 120,
        tag: [{ key: 'Name', value: azName, propagateAtLaunch: false }],
      });
      return {
        availabilityZone: az,
        route: { networkInterfaceId: networkInterface.id },
        publicIp: addresses[index].publicIp,
        connections,
      };
    });
  }
}
