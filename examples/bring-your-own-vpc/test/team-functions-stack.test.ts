// The bring-your-own-VPC example: a team's function placed in the platform's nat-egress VPC through cross-stack
// references, synthesized with the platform's stacks and passing the same guardrails.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthPlatformAndTeam } from '@lambda-vpc/example-bring-your-own-vpc';
import { bodiesOf, onlyResource, TerraformJson } from '../../../test-support/terraform-json';

const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-byo-')), 'cdktf.out');
const result = synthPlatformAndTeam({ outdir });
const stack = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
const team = stack('platform-team-orders');
const platform = stack('platform-nat-egress');
const REMOTE = '${data.terraform_remote_state.cross-stack-reference-input-platform-nat-egress.outputs.';

describe("the team stack beside the platform's", () => {
  it('synthesizes both, with no guardrail error or warning', () => {
    expect(result.stacks.map((s) => s.name)).toEqual(['platform-nat-egress', 'platform-team-orders']);
    expect(result.guardrails.warnings).toEqual([]);
  });

  it("places the function in the platform's private subnets, one per AZ, through the platform stack's outputs", () => {
    const subnets = onlyResource(team, 'aws_lambda_function').vpc_config.subnet_ids as string[];
    expect(subnets).toEqual([
      `${REMOTE}cross-stack-output-aws_subnetnetwork_subnet_private_eu-west-1aid}`,
      `${REMOTE}cross-stack-output-aws_subnetnetwork_subnet_private_eu-west-1bid}`,
    ]);
    for (const reference of subnets) {
      const output = /outputs\.([^}]+)\}$/.exec(reference)![1];
      expect(platform.output?.[output]?.value).toMatch(/^\$\{aws_subnet\.network_subnet_private_eu-west-1[ab]\.id\}$/);
    }
  });

  it("puts its security group in the platform's VPC, HTTPS out only", () => {
    expect(onlyResource(team, 'aws_security_group').vpc_id).toBe(`${REMOTE}cross-stack-output-aws_vpcnetwork_vpcid}`);
    expect(
      bodiesOf(team, 'aws_vpc_security_group_egress_rule').map((rule) => [
        rule.ip_protocol,
        rule.from_port,
        rule.to_port,
        rule.cidr_ipv4,
      ]),
    ).toEqual([['tcp', 443, 443, '0.0.0.0/0']]);
    expect(bodiesOf(team, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
  });

  it("reads the platform's state where the platform keeps it, and keeps its own beside it", () => {
    expect(
      (team.data as Record<string, Record<string, { backend: string; config: { path: string } }>>)
        .terraform_remote_state['cross-stack-reference-input-platform-nat-egress'],
    ).toMatchObject({ backend: 'local', config: { path: '../../../terraform.platform-nat-egress.tfstate' } });
    expect((team.terraform as { backend: unknown }).backend).toEqual({
      local: { path: '../../../terraform.platform-team-orders.tfstate' },
    });
  });

  it('creates nothing of the network: no VPC, subnet, route, NAT or flow log in the team stack', () => {
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route', 'aws_route_table', 'aws_nat_gateway', 'aws_flow_log']) {
      expect([type, bodiesOf(team, type)]).toEqual([type, []]);
    }
  });
});
