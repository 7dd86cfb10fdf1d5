import {
  allResources,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  TerraformJson,
} from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt, variantsWith } from './fixtures';

const { stacks } = synthToTemp([
  environmentValues({ name: 'plain', variants: variantsAt(70) }),
  environmentValues({
    name: 'withsts',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    variants: variantsWith(
      { privateOnly: { interfaceEndpoints: [{ service: 'sts', actions: ['sts:GetCallerIdentity'] }] } },
      73,
    ),
  }),
]);
const plain = stacks['plain-private-only'];
const withSts = stacks['withsts-private-only'];
const all: [string, TerraformJson][] = [
  ['plain-private-only', plain],
  ['withsts-private-only', withSts],
];

const tableRefs = (json: TerraformJson) =>
  resourcesOf(json, 'aws_route_table').map(([name]) => `\${aws_route_table.${name}.id}`);
const probeGroup = (json: TerraformJson) =>
  referenceTo(
    json,
    'aws_security_group',
    bodiesOf(json, 'aws_security_group').find((g) => g.name.endsWith('private-probe'))!,
  );
const endpointOf = (json: TerraformJson, service: string) =>
  bodiesOf(json, 'aws_vpc_endpoint').find((e) => e.service_name === `com.amazonaws.eu-west-1.${service}`)!;

describe('no path to the internet', () => {
  it.each(all)('%s: no internet gateway, NAT gateway, NAT instance or EIP', (_name, json) => {
    for (const type of [
      'aws_internet_gateway',
      'aws_egress_only_internet_gateway',
      'aws_nat_gateway',
      'aws_eip',
      'aws_instance',
    ]) {
      expect(resourcesOf(json, type)).toEqual([]);
    }
  });

  it.each(all)('%s: no route to 0.0.0.0/0 (or ::/0) anywhere, as a resource or inline', (_name, json) => {
    for (const route of bodiesOf(json, 'aws_route')) {
      expect([route.destination_cidr_block, route.destination_ipv6_cidr_block]).not.toContain('0.0.0.0/0');
      expect(route.destination_ipv6_cidr_block).not.toBe('::/0');
    }
    for (const table of bodiesOf(json, 'aws_route_table')) expect(table.route).toBeUndefined();
  });

  it.each(all)('%s: only isolated subnets, one per AZ', (_name, json) => {
    const subnets = bodiesOf(json, 'aws_subnet');
    expect(subnets.every((s) => s.tags.Tier === 'isolated' && s.map_public_ip_on_launch === false)).toBe(true);
    expect(new Set(subnets.map((s) => s.availability_zone)).size).toBe(subnets.length);
  });

  it('spans every AZ of the environment', () => {
    expect(
      bodiesOf(withSts, 'aws_subnet')
        .map((s) => s.availability_zone)
        .sort(),
    ).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });
});

describe('gateway endpoints', () => {
  it.each(all)('%s: DynamoDB and S3 gateway endpoints sit on every route table', (_name, json) => {
    for (const service of ['dynamodb', 's3']) {
      const endpoint = endpointOf(json, service);
      expect(endpoint.vpc_endpoint_type).toBe('Gateway');
      expect([...endpoint.route_table_ids].sort()).toEqual(tableRefs(json).sort());
    }
  });

  it.each(all)(
    "%s: each endpoint policy names the function role and only the stack's table or bucket",
    (_name, json) => {
      const role = referenceTo(
        json,
        'aws_iam_role',
        bodiesOf(json, 'aws_iam_role').find((r) => r.name.endsWith('private-probe'))!,
        'arn',
      );
      const table = referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn');
      const bucket = referenceTo(json, 'aws_s3_bucket', onlyResource(json, 'aws_s3_bucket'), 'arn');
      const [dynamo] = policyOf(endpointOf(json, 'dynamodb')).Statement;
      expect(dynamo).toMatchObject({
        Effect: 'Allow',
        Principal: { AWS: [role] },
        Resource: [table, `${table}/index/*`],
      });
      const [s3] = policyOf(endpointOf(json, 's3')).Statement;
      expect(s3).toMatchObject({
        Effect: 'Allow',
        Principal: { AWS: [role] },
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: [`${bucket}/*`],
      });
    },
  );
});

describe('the demo function', () => {
  it.each(all)('%s: runs in the isolated subnets and reads and writes the table', (_name, json) => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect([...fn.vpc_config.subnet_ids].sort()).toEqual(
      resourcesOf(json, 'aws_subnet')
        .map(([n]) => `\${aws_subnet.${n}.id}`)
        .sort(),
    );
    const statements = bodiesOf(json, 'aws_iam_role_policy').flatMap((p) => policyOf(p).Statement);
    expect(statements.find((s) => s.Sid === 'DynamoDbReadWrite')?.Action).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']),
    );
  });

  it('plain: egress is HTTPS to the DynamoDB and S3 prefix lists only', () => {
    const rules = bodiesOf(plain, 'aws_vpc_security_group_egress_rule').filter(
      (r) => r.security_group_id === probeGroup(plain),
    );
    expect(
      rules.map(({ ip_protocol, from_port, to_port, prefix_list_id, cidr_ipv4, referenced_security_group_id }) => ({
        ip_protocol,
        from_port,
        to_port,
        prefix_list_id,
        cidr_ipv4,
        referenced_security_group_id,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          prefix_list_id: referenceTo(plain, 'aws_vpc_endpoint', endpointOf(plain, 'dynamodb'), 'prefix_list_id'),
          cidr_ipv4: undefined,
          referenced_security_group_id: undefined,
        },
        {
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          prefix_list_id: referenceTo(plain, 'aws_vpc_endpoint', endpointOf(plain, 's3'), 'prefix_list_id'),
          cidr_ipv4: undefined,
          referenced_security_group_id: undefined,
        },
      ]),
    );
    expect(rules).toHaveLength(2);
  });

  it(
    'withsts: an STS interface endpoint in every AZ, admitting only the function, which may call only the listed ' +
      'action',
    () => {
      const sts = endpointOf(withSts, 'sts');
      expect(sts).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      expect(sts.subnet_ids).toHaveLength(3);
      const [statement] = policyOf(sts).Statement;
      expect(statement.Action).toEqual(['sts:GetCallerIdentity']);
      const endpointGroup = sts.security_group_ids[0];
      const ingress = bodiesOf(withSts, 'aws_vpc_security_group_ingress_rule').filter(
        (r) => r.security_group_id === endpointGroup,
      );
      expect(ingress.map((r) => [r.from_port, r.referenced_security_group_id])).toEqual([[443, probeGroup(withSts)]]);
      const egress = bodiesOf(withSts, 'aws_vpc_security_group_egress_rule').filter(
        (r) => r.security_group_id === probeGroup(withSts),
      );
      expect(egress.map((r) => r.referenced_security_group_id).filter(Boolean)).toEqual([endpointGroup]);
      expect(egress).toHaveLength(3);
    },
  );

  it.each(all)('%s: no security group admits or sends to 0.0.0.0/0', (_name, json) => {
    for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
      for (const rule of bodiesOf(json, type)) expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
    }
  });

  it.each(all)(
    '%s: may use the stack key only through S3, and no inline policy has a wildcard action',
    (_name, json) => {
      const statements = bodiesOf(json, 'aws_iam_role_policy').flatMap((p) => policyOf(p).Statement);
      expect(statements.find((s) => s.Sid === 'ReportEncryptionViaS3')?.Condition).toEqual({
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
      });
      for (const statement of statements)
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
    },
  );
});

describe('the reports bucket', () => {
  it.each(all)(
    '%s: blocks public access, enforces bucket ownership, versions and encrypts with the stack key',
    (name, json) => {
      expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe(`${name}-reports-123456789012`);
      expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({
        object_ownership: 'BucketOwnerEnforced',
      });
      expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      const key = referenceTo(json, 'aws_kms_key', onlyResource(json, 'aws_kms_key'), 'arn');
      expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: key },
          bucket_key_enabled: true,
        },
      ]);
    },
  );
});

describe('the reports bucket lifecycle', () => {
  it.each(all)(
    '%s: expires noncurrent versions after 90 days and abandoned multipart uploads after 7',
    (_name, json) => {
      const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
      expect(lifecycle.bucket).toBe(referenceTo(json, 'aws_s3_bucket', onlyResource(json, 'aws_s3_bucket')));
      expect(lifecycle.rule).toEqual([
        expect.objectContaining({
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ]);
    },
  );
});

describe('naming', () => {
  it.each(all)('%s: every Name tag follows <env>-private-only-<purpose>', (name, json) => {
    for (const [, , body] of allResources(json)) {
      if (body.tags?.Name !== undefined) expect(body.tags.Name).toMatch(new RegExp(`^${name}-[a-z0-9-]+$`));
    }
  });
});
