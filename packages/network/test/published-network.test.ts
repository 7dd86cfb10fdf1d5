// A platform network read back from its parameters: what a stack in another repository places things in.
import { TerraformOutput } from 'cdktf';
import { awsEnvironment, Network, PublishedNetworkProps, SubnetType } from '@lambda-vpc/network';
import { synthConstructs, TerraformJson } from '../../../test-support/terraform-json';

const DEV_NAT_EGRESS: PublishedNetworkProps = {
  environment: 'dev',
  variant: 'nat-egress',
  awsEnvironment: awsEnvironment('111111111111', 'eu-west-1'),
  subnetTypes: [SubnetType.PUBLIC, SubnetType.PRIVATE_WITH_EGRESS],
};

/** The names of the parameters the stack's data sources read, by data source name. */
const parametersRead = (json: TerraformJson): Record<string, string> =>
  Object.fromEntries(Object.entries(json.data?.aws_ssm_parameter ?? {}).map(([name, body]) => [name, body.name]));

describe('Network.fromParameters: the VPC', () => {
  it("reads only the VPC's ID until something is placed in it, and creates nothing", () => {
    const json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', DEV_NAT_EGRESS);
      new TerraformOutput(scope, 'vpc', { value: network.vpcId });
    });
    const [[dataSource, name]] = Object.entries(parametersRead(json));
    expect([dataSource, name]).toEqual([
      expect.stringMatching(/^platform_vpc-id_/),
      '/lambda-vpc/dev/nat-egress/vpc-id',
    ]);
    expect(json.output?.vpc.value).toBe(`\${data.aws_ssm_parameter.${dataSource}.insecure_value}`);
    expect(json.resource).toBeUndefined();
  });

  it("reads the CIDR block from vpc-cidr-block when asked for it, and is named after the platform's stack", () => {
    const json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', DEV_NAT_EGRESS);
      expect([network.name, network.environment.accountId, network.location]).toEqual([
        'dev-nat-egress',
        '111111111111',
        { environment: 'dev', variant: 'nat-egress' },
      ]);
      new TerraformOutput(scope, 'cidr', { value: network.cidrBlock });
    });
    expect(Object.values(parametersRead(json)).sort()).toEqual([
      '/lambda-vpc/dev/nat-egress/vpc-cidr-block',
      '/lambda-vpc/dev/nat-egress/vpc-id',
    ]);
  });

  it('takes another name for what is placed in it', () => {
    synthConstructs((scope) => {
      expect(Network.fromParameters(scope, 'platform', { ...DEV_NAT_EGRESS, name: 'payments-dev' }).name).toBe(
        'payments-dev',
      );
    });
  });
});

describe('Network.fromParameters: subnets, known at plan time', () => {
  it('selects the private tier with egress by default when listed, its IDs split from subnet-ids/private', () => {
    const json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', DEV_NAT_EGRESS);
      const selected = network.selectSubnets();
      expect([selected.subnetType, selected.subnets, network.subnets, network.availabilityZones]).toEqual([
        SubnetType.PRIVATE_WITH_EGRESS,
        [],
        [],
        [],
      ]);
      new TerraformOutput(scope, 'ids', { value: selected.subnetIds });
    });
    expect(Object.values(parametersRead(json)).sort()).toEqual([
      '/lambda-vpc/dev/nat-egress/subnet-ids/private',
      '/lambda-vpc/dev/nat-egress/vpc-id',
    ]);
    expect(json.output?.ids.value).toMatch(
      /^\$\{split\(",", data\.aws_ssm_parameter\.platform_subnet-ids_private_[0-9A-F]{8}\.insecure_value\)\}$/,
    );
  });

  it('selects the isolated tier by default when the private tier with egress is not listed', () => {
    synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', {
        ...DEV_NAT_EGRESS,
        variant: 'private-only',
        subnetTypes: [SubnetType.PRIVATE_ISOLATED],
      });
      expect(network.selectSubnets().subnetType).toBe(SubnetType.PRIVATE_ISOLATED);
      expect([network.hasTier(SubnetType.PRIVATE_ISOLATED), network.hasTier(SubnetType.PUBLIC)]).toEqual([true, false]);
    });
  });

  it('answers no subnet IDs, and reads no parameter, for a tier not listed', () => {
    const json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', DEV_NAT_EGRESS);
      expect(network.selectSubnets({ subnetType: SubnetType.PRIVATE_ISOLATED }).subnetIds).toEqual([]);
    });
    expect(Object.values(parametersRead(json))).toEqual(['/lambda-vpc/dev/nat-egress/vpc-id']);
  });

  it("has no route tables: a gateway endpoint's routes are the platform's", () => {
    synthConstructs((scope) => {
      expect(Network.fromParameters(scope, 'platform', DEV_NAT_EGRESS).privateRouteTableIds).toEqual([]);
    });
  });

  it('refuses an empty list of tiers, naming the network and what to list', () => {
    expect(() =>
      synthConstructs((scope) => {
        Network.fromParameters(scope, 'platform', { ...DEV_NAT_EGRESS, subnetTypes: [] });
      }),
    ).toThrow(
      'Network.fromParameters(dev-nat-egress): subnetTypes is empty; list the tiers the variant publishes as ' +
        'subnet-ids/<tier>, e.g. [SubnetType.PRIVATE_ISOLATED]',
    );
  });

  it('refuses an environment that is not one path segment before reading anything', () => {
    expect(() =>
      synthConstructs((scope) => {
        Network.fromParameters(scope, 'platform', { ...DEV_NAT_EGRESS, environment: 'dev/eu' });
      }),
    ).toThrow('network parameters: environment "dev/eu" is not one path segment');
  });
});
