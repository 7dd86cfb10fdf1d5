// The team's stack from another repository: its functions placed in the platform's networks by the published handles,
// and nothing of the platform written but the one rule that admits its invoker to the Lambda endpoint.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLATFORM, synthOrdersApp } from '@lambda-vpc/example-app-from-parameters';
import { loadEnvironmentApps, synthEnvironments } from '@lambda-vpc/stacks';
import { withEmulatorVariable } from '../../../test-support/emulator-variable';
import { bodiesOf, resourceNamed, TerraformBody, TerraformJson } from '../../../test-support/terraform-json';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
const tempOutdir = (): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-orders-')), 'cdktf.out');
const readStack = (file: string): TerraformJson => JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;

// The platform environment the app reads (dev as shipped; docs/getting-started.md step 5 may point it elsewhere).
const env = PLATFORM.environment;
const team = `${env}-orders`;
const parameter = (name: string): string => `/lambda-vpc/${env}/${name}`;
const result = synthOrdersApp({ outdir: tempOutdir() });
const json = readStack(result.stacks[0].file);
const read = (dataSource: string): string => `\${data.aws_ssm_parameter.${dataSource}.insecure_value}`;
const functionNamed = (name: string) => resourceNamed(json, 'aws_lambda_function', name);
const groupOf = (name: string) => `\${aws_security_group.${name}_security-group.id}`;

describe("the team's stack", () => {
  it(`is one stack, ${team}, with no guardrail warning`, () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([team]);
    expect(result.guardrails.warnings).toEqual([]);
  });

  it('reads the handles it uses, each by its parameter, at a readable address', () => {
    expect(
      Object.fromEntries(Object.entries(json.data?.aws_ssm_parameter ?? {}).map(([name, body]) => [name, body.name])),
    ).toEqual({
      'private-only_vpc-id': parameter('private-only/vpc-id'),
      'private-only_subnet-ids_isolated': parameter('private-only/subnet-ids/isolated'),
      'dynamodb_endpoints_dynamodb_prefix-list-id': parameter('private-only/endpoints/dynamodb/prefix-list-id'),
      'privatelink_vpc-id': parameter('privatelink/vpc-id'),
      'privatelink_subnet-ids_isolated': parameter('privatelink/subnet-ids/isolated'),
      'lambda-api_endpoints_lambda_security-group-id': parameter('privatelink/endpoints/lambda/security-group-id'),
    });
  });
});

describe('the functions, in the subnets the platform publishes', () => {
  it.each([
    [`${team}-reader`, 'private-only', 'reader'],
    [`${team}-invoker`, 'privatelink', 'invoker'],
  ])(`%s: in the isolated subnets of ${env}-%s, with its own security group in that VPC`, (name, variant, id) => {
    expect(functionNamed(name).vpc_config).toEqual({
      subnet_ids: `\${split(",", data.aws_ssm_parameter.${variant}_subnet-ids_isolated.insecure_value)}`,
      security_group_ids: [groupOf(id)],
    });
    expect(resourceNamed(json, 'aws_security_group', name).vpc_id).toBe(read(`${variant}_vpc-id`));
  });
});

describe('the rules: its own, and the one that admits it to the Lambda endpoint', () => {
  const rule = { ip_protocol: 'tcp', from_port: 443, to_port: 443 };
  /** The rule at `aws_vpc_security_group_<kind>_rule.<name>`, without cdktf's metadata. */
  const ruleAt = (kind: 'egress' | 'ingress', name: string): TerraformBody => {
    const { '//': _metadata, ...body } = json.resource?.[`aws_vpc_security_group_${kind}_rule`]?.[name] ?? {};
    return body;
  };

  it('reader: HTTPS out to the DynamoDB prefix list the gateway endpoint routes', () => {
    expect(ruleAt('egress', 'reader_egress_dynamodb_tcp443')).toEqual({
      ...rule,
      security_group_id: groupOf('reader'),
      description: "HTTPS to DynamoDB through the platform's gateway endpoint",
      prefix_list_id: read('dynamodb_endpoints_dynamodb_prefix-list-id'),
    });
  });

  it("invoker: HTTPS out to the endpoint's group, and in on that group from the invoker's, named for the team", () => {
    const endpointGroup = read('lambda-api_endpoints_lambda_security-group-id');
    expect(ruleAt('egress', 'invoker_egress_lambda-endpoint_tcp443')).toEqual({
      ...rule,
      security_group_id: groupOf('invoker'),
      description: "HTTPS to the Lambda API through the platform's interface endpoint",
      referenced_security_group_id: endpointGroup,
    });
    expect(ruleAt('ingress', 'lambda-api_ingress_invoker_tcp443')).toEqual({
      ...rule,
      security_group_id: endpointGroup,
      description: `HTTPS from ${team}-invoker`,
      referenced_security_group_id: groupOf('invoker'),
    });
  });

  it('writes no other rule', () => {
    expect([
      Object.keys(json.resource?.aws_vpc_security_group_egress_rule ?? {}).sort(),
      Object.keys(json.resource?.aws_vpc_security_group_ingress_rule ?? {}),
    ]).toEqual([
      ['invoker_egress_lambda-endpoint_tcp443', 'reader_egress_dynamodb_tcp443'],
      ['lambda-api_ingress_invoker_tcp443'],
    ]);
  });

  it('creates nothing of the platform: no VPC, subnet, route table, endpoint, parameter or endpoint group', () => {
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_vpc_endpoint', 'aws_ssm_parameter'])
      expect([type, bodiesOf(json, type)]).toEqual([type, []]);
    expect(bodiesOf(json, 'aws_security_group').map((group) => group.name)).toEqual([
      `${team}-invoker`,
      `${team}-reader`,
    ]);
  });
});

describe(`the platform it reads: this repository's ${env} environment`, () => {
  const platformValues = loadEnvironmentApps(repositoryRoot).find((app) => app.folder === env)!.values;
  const platform = synthEnvironments([platformValues], { outdir: tempOutdir() });
  const published = platform.stacks.flatMap((stack) =>
    bodiesOf(readStack(stack.file), 'aws_ssm_parameter').map((body) => body.name),
  );

  it(`is ${env}'s account and region, so npm run e2e:handles can deploy it beside ${env}'s stacks`, () => {
    expect([PLATFORM.environment, PLATFORM.awsEnvironment.accountId, PLATFORM.awsEnvironment.region]).toEqual([
      platformValues.name,
      platformValues.accountId,
      platformValues.region,
    ]);
  });

  it('publishes every parameter the stack reads', () => {
    const names = Object.values(json.data?.aws_ssm_parameter ?? {}).map((body) => body.name);
    expect(names.filter((name) => !published.includes(name))).toEqual([]);
  });
});

describe('emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT), as npm run e2e:handles synthesizes it', () => {
  const emulated = withEmulatorVariable('http://127.0.0.1:4566', () => synthOrdersApp({ outdir: tempOutdir() }));
  const stack = readStack(emulated.stacks[0].file);

  it('sends every AWS call to the emulator and keeps a state file of its own', () => {
    expect(emulated.emulatorEndpoint).toBe('http://127.0.0.1:4566');
    expect(stack.provider?.aws[0].endpoints[0].ssm).toBe('http://127.0.0.1:4566');
    expect((stack.terraform as { backend: unknown }).backend).toEqual({
      local: { path: `../../../terraform.${team}.emulator.tfstate` },
    });
  });
});
