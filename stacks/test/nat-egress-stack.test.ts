import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  allResources,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  TerraformJson,
} from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt } from './fixtures';

// Three environments, one per NAT strategy, synthesized once the way the apps do.
const { outdir, stacks } = synthToTemp([
  environmentValues({
    name: 'pergw',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    variants: variantsAt(60, 'gateway-per-az'),
  }),
  environmentValues({ name: 'onegw', variants: variantsAt(63, 'single-gateway'), tags: { team: 'payments' } }),
  environmentValues({ name: 'natvm', variants: variantsAt(66, 'instance') }),
]);
const perAz = stacks['pergw-nat-egress'];
const single = stacks['onegw-nat-egress'];
const instance = stacks['natvm-nat-egress'];
const all: [string, TerraformJson][] = Object.entries(stacks).filter(([name]) => name.endsWith('-nat-egress'));

/** Route tables of one tier, with their AZ (from the subnet they serve). */
function tablesOf(json: TerraformJson, tier: 'public' | 'private') {
  return resourcesOf(json, 'aws_route_table')
    .filter(([, table]) => table.tags.Tier === tier)
    .map(([name, table]) => ({
      ref: `\${aws_route_table.${name}.id}`,
      az: (table.tags.Name as string).split('-').slice(-3).join('-'),
    }));
}

/** The stack's gateway endpoint of a service (`dynamodb`, `s3`). */
function gatewayEndpointOf(json: TerraformJson, service: string) {
  const endpoints = bodiesOf(json, 'aws_vpc_endpoint').filter((e) => e.service_name.endsWith(`.${service}`));
  expect(endpoints).toHaveLength(1);
  return endpoints[0];
}

function defaultRouteOf(json: TerraformJson, tableRef: string) {
  const routes = bodiesOf(json, 'aws_route').filter(
    (r) => r.route_table_id === tableRef && r.destination_cidr_block === '0.0.0.0/0',
  );
  expect(routes).toHaveLength(1);
  return routes[0];
}

describe('stacks and Terraform JSON hygiene', () => {
  it('names each stack <env>-nat-egress and writes it to <outdir>/stacks/<stack>/cdk.tf.json', () => {
    expect(all.map(([name]) => name).sort()).toEqual(['natvm-nat-egress', 'onegw-nat-egress', 'pergw-nat-egress']);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'onegw-nat-egress', 'cdk.tf.json'))).toBe(true);
  });

  it.each(all)(
    '%s: pins the fully qualified hashicorp/aws provider and a local backend outside cdktf.out',
    (name, json) => {
      expect(json.terraform?.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '6.25.0' });
      expect(json.terraform?.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    },
  );

  it.each(all)('%s: default tags carry project, environment, variant and managed-by', (name, json) => {
    const [provider] = json.provider!.aws;
    expect(provider.default_tags[0].tags).toMatchObject({
      project: 'lambda-vpc-blueprints',
      environment: name.split('-')[0],
      variant: 'nat-egress',
      'managed-by': 'cdktf',
    });
    expect(provider.region).toBe('eu-west-1');
    expect(provider.allowed_account_ids).toEqual(['123456789012']);
  });

  it("adds the environment's own tags to the defaults", () => {
    expect(single.provider!.aws[0].default_tags[0].tags.team).toBe('payments');
  });

  it.each(all)('%s: every Name tag and resource name follows <env>-nat-egress-<purpose>', (name, json) => {
    for (const [type, , body] of allResources(json)) {
      const named = ['aws_dynamodb_table', 'aws_iam_role', 'aws_security_group', 'aws_iam_instance_profile'].includes(
        type,
      );
      for (const value of [
        body.tags?.Name,
        type === 'aws_lambda_function' ? body.function_name : undefined,
        named ? body.name : undefined,
      ]) {
        if (value !== undefined) expect(value).toMatch(new RegExp(`^${name}-[a-z0-9-]+$`));
      }
    }
  });
});

describe('routing', () => {
  it("gateway per AZ: each private route table's default route targets the NAT gateway of its own AZ", () => {
    const gateways = resourcesOf(perAz, 'aws_nat_gateway');
    expect(gateways).toHaveLength(3);
    for (const table of tablesOf(perAz, 'private')) {
      const route = defaultRouteOf(perAz, table.ref);
      const [gatewayName, gateway] = gateways.find(
        ([name]) => route.nat_gateway_id === `\${aws_nat_gateway.${name}.id}`,
      )!;
      expect(gatewayName).toContain(table.az);
      const subnet = resourcesOf(perAz, 'aws_subnet').find(([n]) => gateway.subnet_id === `\${aws_subnet.${n}.id}`)![1];
      expect(subnet).toMatchObject({ availability_zone: table.az, tags: { Tier: 'public' } });
    }
  });

  it('single gateway: one NAT gateway, every private route table defaults to it', () => {
    const gateway = referenceTo(single, 'aws_nat_gateway', onlyResource(single, 'aws_nat_gateway'));
    const tables = tablesOf(single, 'private');
    expect(tables).toHaveLength(2);
    for (const table of tables) expect(defaultRouteOf(single, table.ref).nat_gateway_id).toBe(gateway);
  });

  it("NAT instance: every private route table defaults to the instance's network interface", () => {
    const eni = referenceTo(
      instance,
      'aws_instance',
      onlyResource(instance, 'aws_instance'),
      'primary_network_interface_id',
    );
    for (const table of tablesOf(instance, 'private'))
      expect(defaultRouteOf(instance, table.ref).network_interface_id).toBe(eni);
    expect(resourcesOf(instance, 'aws_nat_gateway')).toEqual([]);
  });

  it.each(all)('%s: public route tables default to the internet gateway', (_name, json) => {
    const igw = referenceTo(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway'));
    for (const table of tablesOf(json, 'public')) expect(defaultRouteOf(json, table.ref).gateway_id).toBe(igw);
  });

  it.each(all)(
    '%s: the DynamoDB gateway endpoint sits on every private route table and no public one',
    (_name, json) => {
      const endpoint = gatewayEndpointOf(json, 'dynamodb');
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Gateway',
        service_name: 'com.amazonaws.eu-west-1.dynamodb',
      });
      expect([...endpoint.route_table_ids].sort()).toEqual(
        tablesOf(json, 'private')
          .map((t) => t.ref)
          .sort(),
      );
    },
  );
});

describe('the demo function', () => {
  it.each(all)('%s: runs in the private subnets only, never a public one', (_name, json) => {
    const fn = onlyResource(json, 'aws_lambda_function');
    const privateSubnets = resourcesOf(json, 'aws_subnet')
      .filter(([, s]) => s.tags.Tier === 'private')
      .map(([n]) => `\${aws_subnet.${n}.id}`);
    expect([...fn.vpc_config.subnet_ids].sort()).toEqual(privateSubnets.sort());
  });

  it.each(all)('%s: egress is HTTPS to the DynamoDB prefix list and to the internet, nothing else', (_name, json) => {
    const sg = referenceTo(
      json,
      'aws_security_group',
      bodiesOf(json, 'aws_security_group').find((g) => g.name.endsWith('egress-probe'))!,
    );
    const endpoint = referenceTo(json, 'aws_vpc_endpoint', gatewayEndpointOf(json, 'dynamodb'), 'prefix_list_id');
    const rules = bodiesOf(json, 'aws_vpc_security_group_egress_rule')
      .filter((r) => r.security_group_id === sg)
      .map(({ ip_protocol, from_port, to_port, prefix_list_id, cidr_ipv4 }) => ({
        ip_protocol,
        from_port,
        to_port,
        prefix_list_id,
        cidr_ipv4,
      }));
    expect(rules).toEqual(
      expect.arrayContaining([
        { ip_protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_id: endpoint, cidr_ipv4: undefined },
        { ip_protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_id: undefined, cidr_ipv4: '0.0.0.0/0' },
      ]),
    );
    expect(rules).toHaveLength(2);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === sg)).toEqual([]);
  });

  it.each(all)('%s: is configured from the environment and packaged inside the stack folder', (name, json) => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn).toMatchObject({ runtime: 'nodejs22.x', memory_size: 256, timeout: 15, architectures: ['arm64'] });
    expect(fn.environment.variables).toEqual({
      PROBE_URL: 'https://checkip.amazonaws.com/',
      TABLE_NAME: referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'name'),
    });
    expect(fs.existsSync(path.join(outdir, 'stacks', name, fn.filename))).toBe(true);
  });

  it.each(all)('%s: its gateway endpoint policy names its role and its table only', (_name, json) => {
    const [statement] = policyOf(gatewayEndpointOf(json, 'dynamodb')).Statement;
    const role = referenceTo(
      json,
      'aws_iam_role',
      bodiesOf(json, 'aws_iam_role').find((r) => r.name.endsWith('egress-probe'))!,
      'arn',
    );
    const table = referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn');
    expect(statement.Principal).toEqual({ AWS: [role] });
    expect(statement.Resource).toEqual([table, `${table}/index/*`]);
  });
});

describe('S3 through a gateway endpoint', () => {
  it.each(all)('%s: routes S3 from every private route table, and from no public one', (_name, json) => {
    const endpoint = gatewayEndpointOf(json, 's3');
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.eu-west-1.s3' });
    expect([...endpoint.route_table_ids].sort()).toEqual(
      tablesOf(json, 'private')
        .map((table) => table.ref)
        .sort(),
    );
  });

  it.each(all)("%s: admits the account's own principals on the account's own buckets only", (_name, json) => {
    const accountId = json.provider?.aws?.[0].allowed_account_ids[0];
    const [statement, ...others] = policyOf(gatewayEndpointOf(json, 's3')).Statement;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Sid: 'OwnAccountPrincipalsOnOwnAccountBuckets',
      Effect: 'Allow',
      Principal: { AWS: [accountId] },
      Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'],
      Condition: { StringEquals: { 's3:ResourceAccount': accountId } },
    });
    expect(statement.Action).toContain('s3:GetObject');
    expect(statement.Action.some((action: string) => action.includes('*') || action.startsWith('s3:PutBucket'))).toBe(
      false,
    );
  });

  it.each(all)("%s: publishes the S3 endpoint's handles beside DynamoDB's", (name, json) => {
    const [environment] = name.split('-');
    expect(
      bodiesOf(json, 'aws_ssm_parameter')
        .map((parameter) => parameter.name)
        .filter((parameter: string) => parameter.includes('/endpoints/')),
    ).toEqual([
      `/lambda-vpc/${environment}/nat-egress/endpoints/dynamodb/id`,
      `/lambda-vpc/${environment}/nat-egress/endpoints/dynamodb/prefix-list-id`,
      `/lambda-vpc/${environment}/nat-egress/endpoints/s3/id`,
      `/lambda-vpc/${environment}/nat-egress/endpoints/s3/prefix-list-id`,
    ]);
  });
});

describe('IAM and data at rest', () => {
  it.each(all)('%s: no inline policy grants a wildcard action', (_name, json) => {
    const policies = bodiesOf(json, 'aws_iam_role_policy');
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const policy of policies) {
      for (const statement of policyOf(policy).Statement) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
  });

  it.each(all)('%s: the table has point-in-time recovery and KMS encryption with the stack key', (_name, json) => {
    const key = referenceTo(json, 'aws_kms_key', onlyResource(json, 'aws_kms_key'), 'arn');
    expect(onlyResource(json, 'aws_dynamodb_table')).toMatchObject({
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: key },
    });
  });

  it.each(all)('%s: every log group has retention and the stack key', (_name, json) => {
    const key = referenceTo(json, 'aws_kms_key', onlyResource(json, 'aws_kms_key'), 'arn');
    const groups = bodiesOf(json, 'aws_cloudwatch_log_group');
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: key });
  });
});
