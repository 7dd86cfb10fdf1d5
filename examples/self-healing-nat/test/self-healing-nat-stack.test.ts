// The self-healing-nat example: per AZ an auto scaling group of one NAT instance and a static network interface with
// the AZ's Elastic IP, which the AZ's private route targets and the instance attaches at boot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { buildDiagramModel } from '@lambda-vpc/diagram';
import { synthExample } from '@lambda-vpc/example-self-healing-nat';
import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { analyzeReachability, intentViolations } from '@lambda-vpc/reachability';
import { NAT_EGRESS } from '@lambda-vpc/stacks';
import { monthlyCostLine, synthExampleStack } from '../../../test-support/example-stack';
import {
  addressOf,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  TerraformBody,
  TerraformJson,
} from '../../../test-support/terraform-json';

const STACK = 'example-self-healing-nat';
const AZS = ['eu-west-1a', 'eu-west-1b'];
const { result, json } = synthExampleStack(synthExample);

/** The one resource of a type in an AZ: named `<stack>-nat-<az>`, or in that AZ's public subnet. */
const ofAz = (stack: TerraformJson, type: string, az: string): TerraformBody => {
  const found = bodiesOf(stack, type).filter((body) => (body.name ?? body.tags?.Name) === `${STACK}-nat-${az}`);
  if (found.length !== 1) throw new Error(`expected one ${type} of ${az}, found ${found.length}`);
  return found[0];
};
const publicSubnet = (az: string): string =>
  referenceTo(
    json,
    'aws_subnet',
    bodiesOf(json, 'aws_subnet').find((subnet) => subnet.tags.Tier === 'public' && subnet.availability_zone === az)!,
  );
const privateTable = (az: string): string =>
  referenceTo(
    json,
    'aws_route_table',
    bodiesOf(json, 'aws_route_table').find((table) => table.tags.Name === `${STACK}-private-${az}`)!,
  );
const staticInterface = (az: string): string =>
  referenceTo(json, 'aws_network_interface', ofAz(json, 'aws_network_interface', az));

describe('the self-healing-nat example, synthesized', () => {
  it('passes the blueprint synth and every guardrail, held to the nat-egress intent', () => {
    const { errors, warnings, suppressed } = evaluateGuardrails(STACK, json, { intent: NAT_EGRESS.intent });
    expect({
      stacks: result.stacks.map((stack) => stack.name),
      variant: json.provider?.aws?.[0].default_tags[0].tags.variant,
      findings: [...errors, ...warnings, ...suppressed],
    }).toEqual({ stacks: [STACK], variant: 'nat-egress', findings: [] });
  });

  it('declares itself to the engine checks (npm run validate and e2e:examples)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    expect(manifest.lambdaVpc).toEqual({ engineChecks: true });
  });
});

describe('per AZ: a group of exactly one NAT instance and a static interface', () => {
  it.each(AZS)('%s: min = max = desired = 1 in the public subnet, replaced on a failed EC2 health check', (az) => {
    const group = ofAz(json, 'aws_autoscaling_group', az);
    expect(group).toMatchObject({
      min_size: 1,
      max_size: 1,
      desired_capacity: 1,
      health_check_type: 'EC2',
      vpc_zone_identifier: [publicSubnet(az)],
      launch_template: {
        id: referenceTo(json, 'aws_launch_template', ofAz(json, 'aws_launch_template', az)),
        version: '$Latest',
      },
    });
  });

  it.each(AZS)('%s: the static interface forwards (source/dest check off) and holds the EIP', (az) => {
    const eni = ofAz(json, 'aws_network_interface', az);
    expect(eni.subnet_id).toBe(publicSubnet(az));
    expect(eni.source_dest_check).toBe(false);
    const association = bodiesOf(json, 'aws_eip_association').find(
      (candidate) => candidate.network_interface_id === staticInterface(az),
    )!;
    expect(association.allocation_id).toBe(referenceTo(json, 'aws_eip', ofAz(json, 'aws_eip', az), 'allocation_id'));
  });

  it("routes each AZ's private table to its own AZ's static interface", () => {
    const natRoutes = bodiesOf(json, 'aws_route')
      .filter((route) => route.network_interface_id !== undefined)
      .map((route) => [route.route_table_id, route.destination_cidr_block, route.network_interface_id]);
    expect(natRoutes.sort()).toEqual(AZS.map((az) => [privateTable(az), '0.0.0.0/0', staticInterface(az)]).sort());
  });

  it.each(AZS)('%s: the launch template is IMDSv2 only (hop limit 1), encrypted gp3, no key pair', (az) => {
    const template = ofAz(json, 'aws_launch_template', az);
    expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template.block_device_mappings[0].ebs).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
    expect(template).not.toHaveProperty('key_name');
  });

  it.each(AZS)("%s: the role may attach only its AZ's interface", (az) => {
    const role = referenceTo(json, 'aws_iam_role', ofAz(json, 'aws_iam_role', az), 'name');
    const [inline] = bodiesOf(json, 'aws_iam_role_policy').filter((policy) => policy.role === role);
    const resources = policyOf(inline).Statement.map((statement) => statement.Resource);
    expect(resources[0]).toBe(`arn:aws:ec2:eu-west-1:123456789012:network-interface/${staticInterface(az)}`);
  });
});

describe('brought Elastic IPs', () => {
  it("associates one brought allocation per AZ with that AZ's static interface and allocates none", () => {
    const ids = ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1'];
    const brought = synthExampleStack((options) => synthExample({ ...options, eipAllocationIds: ids })).json;
    expect(bodiesOf(brought, 'aws_eip')).toEqual([]);
    const interfaceOf = (az: string) =>
      referenceTo(brought, 'aws_network_interface', ofAz(brought, 'aws_network_interface', az));
    expect(
      bodiesOf(brought, 'aws_eip_association').map((association) => [
        association.allocation_id,
        association.network_interface_id,
      ]),
    ).toEqual([
      [ids[0], interfaceOf('eu-west-1a')],
      [ids[1], interfaceOf('eu-west-1b')],
    ]);
  });
});

describe('where the function reaches (@lambda-vpc/reachability)', () => {
  const [fn] = analyzeReachability(STACK, json).functions;

  it("reaches the internet from each subnet through its AZ's static interface and group, then the IGW", () => {
    expect(
      fn.destinations.internet.paths.map((p) => [
        p.verdict,
        p.via,
        p.path.filter((hop) => hop.startsWith('aws_network_interface.') || hop.startsWith('aws_autoscaling_group.')),
        p.path[p.path.length - 1],
      ]),
    ).toEqual(
      AZS.map((az) => [
        'yes',
        'nat-instance',
        [
          addressOf(json, 'aws_network_interface', ofAz(json, 'aws_network_interface', az)),
          addressOf(json, 'aws_autoscaling_group', ofAz(json, 'aws_autoscaling_group', az)),
        ],
        addressOf(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway')),
      ]),
    );
  });

  it("keeps the nat-egress intent: the group's instance counts as the NAT on the path (found by npm run fuzz)", () => {
    expect(intentViolations(analyzeReachability(STACK, json), NAT_EGRESS.intent)).toEqual([]);
  });
});

describe('the diagram (@lambda-vpc/diagram)', () => {
  it("draws each AZ's group attaching its static interface", () => {
    const model = buildDiagramModel(STACK, json);
    expect(model.edges.filter((edge) => edge.kind === 'attach').map((edge) => [edge.from, edge.to])).toEqual(
      AZS.map((az) => [
        addressOf(json, 'aws_autoscaling_group', ofAz(json, 'aws_autoscaling_group', az)),
        addressOf(json, 'aws_network_interface', ofAz(json, 'aws_network_interface', az)),
      ]),
    );
  });
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it('pays per AZ: an instance, its 8 GiB root, two public IPv4 addresses (EIP, launch IP); no NAT processing', () => {
    // item: [how many, quantity a month]
    expect(Object.fromEntries(report.items.map((item) => [item.id, [item.count, item.quantity]]))).toEqual({
      'nat-instance-hours:t4g.nano': [2, 2 * 730],
      'ebs-gp3-storage': [2, 2 * 8],
      'public-ipv4-hours': [4, 4 * 730],
      'gateway-endpoints': [2, 2],
      'kms-keys': [1, 1],
      's3-gateway-endpoint-data': [1, 10],
      'flow-log-ingestion': [1, 5],
    });
    expect(report.items.map((item) => item.id)).not.toContain('nat-gateway-data');
  });

  it('is the line the README states', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme.split('\n')).toContain(monthlyCostLine(report));
  });
});
