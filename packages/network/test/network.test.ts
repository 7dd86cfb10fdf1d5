import { awsEnvironment, FlowLogs, Network, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourceNamed,
  resourcesOf,
  synthConstructs,
  TerraformJson,
} from '../../../test-support/terraform-json';

const environment = awsEnvironment('123456789012', 'eu-west-1');
const azs = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function synthNetwork(props: Partial<ConstructorParameters<typeof Network>[2]> = {}): TerraformJson {
  return synthConstructs((scope) => {
    new Network(scope, 'network', {
      name: 'test-net',
      environment,
      cidrBlock: '10.40.0.0/16',
      availabilityZones: azs,
      subnetTiers: [
        { type: SubnetType.PUBLIC, prefixLength: 26 },
        { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 },
      ],
      ...props,
    });
  });
}

describe('VPC', () => {
  const json = synthNetwork();

  it('turns DNS support and DNS hostnames on, with the literal CIDR', () => {
    expect(onlyResource(json, 'aws_vpc')).toMatchObject({
      cidr_block: '10.40.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'test-net-vpc' },
    });
  });

  it('adopts the default security group with no rules', () => {
    const defaultGroup = onlyResource(json, 'aws_default_security_group');
    expect(defaultGroup.vpc_id).toBe(referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')));
    expect(defaultGroup.ingress).toBeUndefined();
    expect(defaultGroup.egress).toBeUndefined();
  });
});

describe('subnet tiers', () => {
  const json = synthNetwork();

  it('creates one subnet per tier per AZ with literal, planned CIDRs', () => {
    const subnets = bodiesOf(json, 'aws_subnet').map((s) => [s.tags.Tier, s.availability_zone, s.cidr_block]);
    expect(subnets).toEqual(
      expect.arrayContaining([
        ['public', 'eu-west-1a', '10.40.0.0/26'],
        ['public', 'eu-west-1b', '10.40.0.64/26'],
        ['public', 'eu-west-1c', '10.40.0.128/26'],
        ['private', 'eu-west-1a', '10.40.64.0/20'],
        ['private', 'eu-west-1b', '10.40.80.0/20'],
        ['private', 'eu-west-1c', '10.40.96.0/20'],
      ]),
    );
    expect(subnets).toHaveLength(6);
  });

  it('never auto-assigns public IPs, in any tier', () => {
    for (const subnet of bodiesOf(json, 'aws_subnet')) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  it('waits up to 45 minutes on subnet delete, for Lambda to release its ENIs', () => {
    for (const subnet of bodiesOf(json, 'aws_subnet')) expect(subnet.timeouts).toEqual({ delete: '45m' });
  });

  it('gives every subnet its own route table, associated to it alone', () => {
    const associations = bodiesOf(json, 'aws_route_table_association');
    expect(bodiesOf(json, 'aws_route_table')).toHaveLength(6);
    expect(associations).toHaveLength(6);
    for (const [name, subnet] of resourcesOf(json, 'aws_subnet')) {
      const table = resourceNamed(json, 'aws_route_table', subnet.tags.Name);
      const association = associations.filter((a) => a.subnet_id === `\${aws_subnet.${name}.id}`);
      expect(association).toHaveLength(1);
      expect(association[0].route_table_id).toBe(referenceTo(json, 'aws_route_table', table));
    }
  });
});

describe('internet gateway and public routes', () => {
  it('exists with a public tier, and every public route table defaults to it', () => {
    const json = synthNetwork();
    const igw = referenceTo(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway'));
    const routes = bodiesOf(json, 'aws_route');
    const publicTables = bodiesOf(json, 'aws_route_table').filter((t) => t.tags.Tier === 'public');
    expect(routes).toHaveLength(publicTables.length);
    for (const table of publicTables) {
      const route = routes.find((r) => r.route_table_id === referenceTo(json, 'aws_route_table', table));
      expect(route).toMatchObject({ destination_cidr_block: '0.0.0.0/0', gateway_id: igw });
    }
  });

  it('leaves private route tables to the NAT strategy: no route at all from the network', () => {
    const json = synthNetwork();
    const privateTables = bodiesOf(json, 'aws_route_table')
      .filter((t) => t.tags.Tier === 'private')
      .map((table) => referenceTo(json, 'aws_route_table', table));
    expect(bodiesOf(json, 'aws_route').filter((r) => privateTables.includes(r.route_table_id))).toEqual([]);
  });

  it('does not exist without a public tier, and nothing routes to 0.0.0.0/0', () => {
    const json = synthNetwork({ subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }] });
    expect(resourcesOf(json, 'aws_internet_gateway')).toEqual([]);
    expect(resourcesOf(json, 'aws_route')).toEqual([]);
  });
});

describe('flow logs', () => {
  it('are on by default: all traffic to a KMS-encrypted log group with retention', () => {
    const json = synthNetwork();
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(logGroup).toMatchObject({ name: '/vpc/test-net/flow-logs', retention_in_days: 365 });
    expect(logGroup.kms_key_id).toBe(referenceTo(json, 'aws_kms_key', onlyResource(json, 'aws_kms_key'), 'arn'));
    expect(onlyResource(json, 'aws_flow_log')).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: referenceTo(json, 'aws_cloudwatch_log_group', logGroup, 'arn'),
      vpc_id: referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')),
    });
  });

  it('use the given key and retention', () => {
    const json = synthNetwork({
      flowLogs: FlowLogs.toCloudWatchLogs({
        retentionInDays: 30,
        kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
      }),
    });
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({
      retention_in_days: 30,
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
    });
    expect(resourcesOf(json, 'aws_kms_key')).toEqual([]);
  });

  it("deliver through a role only this account's flow logs can assume, writing only its log group", () => {
    const json = synthNetwork();
    const role = onlyResource(json, 'aws_iam_role');
    const [trust] = policyOf(role, 'assume_role_policy').Statement;
    expect(trust.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toBe('123456789012');
    const [statement] = policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement;
    expect(statement.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
    for (const action of statement.Action) expect(action).not.toContain('*');
    const logGroupArn = referenceTo(
      json,
      'aws_cloudwatch_log_group',
      onlyResource(json, 'aws_cloudwatch_log_group'),
      'arn',
    );
    expect(statement.Resource).toEqual([logGroupArn, `${logGroupArn}:*`]);
  });

  it('key policy lets CloudWatch Logs of this account and region use the key, with rotation on', () => {
    const json = synthNetwork();
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    const logs = policyOf(key).Statement.find((s) => s.Principal.Service);
    expect(logs?.Principal.Service).toBe('logs.eu-west-1.amazonaws.com');
    expect(logs?.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBe(
      'arn:aws:logs:eu-west-1:123456789012:log-group:*',
    );
  });

  it('can be disabled', () => {
    const json = synthNetwork({ flowLogs: FlowLogs.disabled() });
    expect(resourcesOf(json, 'aws_flow_log')).toEqual([]);
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toEqual([]);
  });
});

describe('DNS attributes', () => {
  it('can be turned off, and the network reports it (interface endpoints check this)', () => {
    let network: Network | undefined;
    const json = synthConstructs((scope) => {
      network = new Network(scope, 'network', {
        name: 'test-net',
        environment,
        cidrBlock: '10.40.0.0/16',
        availabilityZones: azs,
        subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }],
        enableDnsHostnames: false,
        flowLogs: FlowLogs.disabled(),
      });
    });
    expect(onlyResource(json, 'aws_vpc').enable_dns_hostnames).toBe(false);
    expect(network?.dnsHostnamesEnabled).toBe(false);
    expect(network?.dnsSupportEnabled).toBe(true);
  });
});

describe('protection from destroy', () => {
  it('is off by default: no lifecycle block on any resource', () => {
    const json = synthNetwork();
    expect(onlyResource(json, 'aws_vpc').lifecycle).toBeUndefined();
    for (const [, byName] of Object.entries(json.resource ?? {})) {
      for (const body of Object.values(byName)) expect(body.lifecycle).toBeUndefined();
    }
  });

  it('protectFromDestroy: false is the same as leaving it out', () => {
    expect(onlyResource(synthNetwork({ protectFromDestroy: false }), 'aws_vpc').lifecycle).toBeUndefined();
  });

  it('protectFromDestroy: true sets prevent_destroy on the VPC and changes nothing else, addresses included', () => {
    const plain = synthNetwork();
    const json = synthNetwork({ protectFromDestroy: true });
    const vpc = onlyResource(json, 'aws_vpc');
    expect(vpc.lifecycle).toEqual({ prevent_destroy: true });
    const { lifecycle: _lifecycle, ...rest } = vpc;
    expect(rest).toEqual(onlyResource(plain, 'aws_vpc'));
    expect(Object.keys(json.resource!.aws_vpc)).toEqual(Object.keys(plain.resource!.aws_vpc));
    expect(Object.keys(json.resource!).sort()).toEqual(Object.keys(plain.resource!).sort());
  });
});

describe('subnet accessors', () => {
  it('select subnets and route tables by tier, in AZ order', () => {
    let network: Network | undefined;
    synthConstructs((scope) => {
      network = new Network(scope, 'network', {
        name: 'test-net',
        environment,
        cidrBlock: '10.40.0.0/16',
        availabilityZones: azs,
        subnetTiers: [
          { type: SubnetType.PUBLIC, prefixLength: 26 },
          { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 },
          { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 },
        ],
        flowLogs: FlowLogs.disabled(),
      });
    });
    expect(network!.publicSubnets.map((s) => s.availabilityZone)).toEqual(azs);
    expect(network!.privateSubnets.map((s) => s.cidrBlock)).toEqual([
      '10.40.64.0/20',
      '10.40.80.0/20',
      '10.40.96.0/20',
    ]);
    expect(network!.isolatedSubnets).toHaveLength(3);
    expect(network!.privateRouteTables).toHaveLength(6);
    expect(network!.hasTier(SubnetType.PUBLIC)).toBe(true);
  });
});

describe('selectSubnets: the one subnet selection, for functions and endpoints alike', () => {
  const tiersOf = (tiers: SubnetTierSpec[], selection: Parameters<Network['selectSubnets']>[0] = {}) => {
    let selected: ReturnType<Network['selectSubnets']> | undefined;
    synthConstructs((scope) => {
      const network = new Network(scope, 'network', {
        name: 'dev-test',
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        cidrBlock: '10.0.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        subnetTiers: tiers,
        flowLogs: FlowLogs.disabled(),
      });
      selected = network.selectSubnets(selection);
    });
    return {
      type: selected!.subnetType,
      azs: selected!.subnets.map((subnet) => [subnet.type, subnet.availabilityZone]),
    };
  };
  const PUBLIC = { type: SubnetType.PUBLIC, prefixLength: 26 };
  const PRIVATE = { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 };
  const ISOLATED = { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 };

  it('defaults to the private tier with egress, one subnet per AZ', () => {
    expect(tiersOf([PUBLIC, PRIVATE, ISOLATED])).toEqual({
      type: SubnetType.PRIVATE_WITH_EGRESS,
      azs: [
        [SubnetType.PRIVATE_WITH_EGRESS, 'eu-west-1a'],
        [SubnetType.PRIVATE_WITH_EGRESS, 'eu-west-1b'],
      ],
    });
  });

  it('defaults to the isolated tier in a network with no private tier, and never to the public tier', () => {
    expect(tiersOf([ISOLATED]).type).toBe(SubnetType.PRIVATE_ISOLATED);
    expect(tiersOf([PUBLIC])).toEqual({ type: SubnetType.PRIVATE_ISOLATED, azs: [] });
  });

  it('takes the tier asked for, empty when the network lacks it', () => {
    expect(tiersOf([PUBLIC, PRIVATE, ISOLATED], { subnetType: SubnetType.PRIVATE_ISOLATED }).type).toBe(
      SubnetType.PRIVATE_ISOLATED,
    );
    expect(tiersOf([PRIVATE], { subnetType: SubnetType.PRIVATE_ISOLATED }).azs).toEqual([]);
  });
});
