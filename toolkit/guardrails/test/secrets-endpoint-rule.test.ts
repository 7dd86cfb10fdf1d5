import { actionCovers } from '@lambda-vpc/guardrails';
import {
  addResource,
  baseline,
  EGRESS_RULE,
  errorsOf,
  expected,
  Fixture,
  FUNCTION,
  policy,
  ref,
  resourceOf,
  ROLE_POLICY,
  SECURITY_GROUP,
  SUBNET_A,
  SUBNET_B,
  VPC,
} from './fixtures';

const FN = `aws_lambda_function.${FUNCTION}`;
const FN_PATH = 'test-stack/fn/Default';
const ENDPOINT = 'aws_vpc_endpoint.secretsmanager-endpoint';
const ENDPOINT_GROUP = 'aws_security_group.secretsmanager-endpoint_security-group';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:test/db-AbC123';
const WHY = 'its role is granted secretsmanager:GetSecretValue and the stack has no path to the internet, but';

/** The baseline, its function's role also allowed `actions` on the secret by its inline policy. */
function readingSecrets(variant = 'private-only', actions: string[] = ['secretsmanager:GetSecretValue']): Fixture {
  const json = baseline(variant);
  resourceOf(json, 'aws_iam_role_policy', ROLE_POLICY).policy = policy({
    Sid: 'ReadSecretValues',
    Effect: 'Allow',
    Action: actions,
    Resource: [SECRET],
  });
  return json;
}

/**
 * Adds a secretsmanager interface endpoint in both subnets, private DNS on, whose security group admits the function's
 * group on 443 (as `fn.connections.allowTo(endpoint, Port.https())` writes it), and the function's egress to it.
 */
function addSecretsManagerEndpoint(json: Fixture): void {
  addResource(json, 'aws_security_group', 'secretsmanager-endpoint_security-group', {
    vpc_id: ref('aws_vpc', VPC),
    description: 'Interface endpoint test-secretsmanager-endpoint',
  });
  addResource(json, 'aws_vpc_endpoint', 'secretsmanager-endpoint', {
    vpc_id: ref('aws_vpc', VPC),
    service_name: 'com.amazonaws.eu-west-1.secretsmanager',
    vpc_endpoint_type: 'Interface',
    private_dns_enabled: true,
    subnet_ids: [ref('aws_subnet', SUBNET_A), ref('aws_subnet', SUBNET_B)],
    security_group_ids: [ref('aws_security_group', 'secretsmanager-endpoint_security-group')],
    policy: policy({
      Sid: 'FnReadsSecrets',
      Effect: 'Allow',
      Principal: { AWS: ref('aws_iam_role', 'fn_role', 'arn') },
      Action: 'secretsmanager:GetSecretValue',
      Resource: SECRET,
    }),
  });
  const https = { ip_protocol: 'tcp', from_port: 443, to_port: 443, description: 'HTTPS to Secrets Manager' };
  addResource(json, 'aws_vpc_security_group_ingress_rule', 'secretsmanager-endpoint_ingress', {
    ...https,
    security_group_id: ref('aws_security_group', 'secretsmanager-endpoint_security-group'),
    referenced_security_group_id: ref('aws_security_group', SECURITY_GROUP),
  });
  addResource(json, 'aws_vpc_security_group_egress_rule', 'fn_egress_secretsmanager', {
    ...https,
    security_group_id: ref('aws_security_group', SECURITY_GROUP),
    referenced_security_group_id: ref('aws_security_group', 'secretsmanager-endpoint_security-group'),
  });
  // Only the rule to the endpoint's group remains: the baseline's HTTPS egress to the VPC's CIDR would cover it too.
  delete json.resource.aws_vpc_security_group_egress_rule[EGRESS_RULE];
}

const finding = (gaps: string) => expected('LVB-FN-4', FN, FN_PATH, `${WHY} ${gaps}`);
const FN_GROUP = `aws_security_group.${SECURITY_GROUP}`;
const NO_EGRESS = `no egress rule of ${FN_GROUP} lets TCP 443 out to ${ENDPOINT} (${ENDPOINT_GROUP})`;
const NO_INGRESS = `no ingress rule of ${ENDPOINT_GROUP} admits TCP 443 from the function to ${ENDPOINT}`;

describe('LVB-FN-4 functions that read secrets reach a secretsmanager endpoint where there is no internet', () => {
  it('fires on a function whose role may read a secret, in a VPC without a secretsmanager endpoint', () => {
    expect(errorsOf(readingSecrets())).toEqual([
      finding('there is no secretsmanager interface endpoint in aws_vpc.network_vpc'),
    ]);
  });

  it('passes with the endpoint: private DNS on, the egress rule to it, its ingress rule from the function', () => {
    const json = readingSecrets();
    addSecretsManagerEndpoint(json);
    expect(errorsOf(json)).toEqual([]);
  });

  it('passes with CIDR rules that cover the subnets of the other side (egress to the VPC, ingress from it)', () => {
    const json = readingSecrets();
    addSecretsManagerEndpoint(json);
    delete json.resource.aws_vpc_security_group_egress_rule.fn_egress_secretsmanager;
    addResource(json, 'aws_vpc_security_group_egress_rule', EGRESS_RULE, {
      security_group_id: ref('aws_security_group', SECURITY_GROUP),
      description: 'HTTPS in the VPC',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.0.0.0/16',
    });
    const ingress = resourceOf(json, 'aws_vpc_security_group_ingress_rule', 'secretsmanager-endpoint_ingress');
    delete ingress.referenced_security_group_id;
    ingress.cidr_ipv4 = '10.0.64.0/19';
    expect(errorsOf(json)).toEqual([]);
  });

  it('names each gap: private DNS off, no egress rule to the endpoint, no ingress rule from the function', () => {
    const json = readingSecrets();
    addSecretsManagerEndpoint(json);
    resourceOf(json, 'aws_vpc_endpoint', 'secretsmanager-endpoint').private_dns_enabled = false;
    delete json.resource.aws_vpc_security_group_egress_rule.fn_egress_secretsmanager;
    delete json.resource.aws_vpc_security_group_ingress_rule['secretsmanager-endpoint_ingress'];
    expect(errorsOf(json)).toEqual([
      finding(
        `${ENDPOINT} has private DNS off, so the Secrets Manager API name does not resolve to it; ` +
          `${NO_EGRESS}; ${NO_INGRESS}`,
      ),
    ]);
  });

  it('does not count a rule on another port, or one admitting only part of the subnets', () => {
    const json = readingSecrets();
    addSecretsManagerEndpoint(json);
    resourceOf(json, 'aws_vpc_security_group_egress_rule', 'fn_egress_secretsmanager').from_port = 8443;
    const ingress = resourceOf(json, 'aws_vpc_security_group_ingress_rule', 'secretsmanager-endpoint_ingress');
    delete ingress.referenced_security_group_id;
    ingress.cidr_ipv4 = '10.0.64.0/20';
    expect(errorsOf(json)).toEqual([finding(`${NO_EGRESS}; ${NO_INGRESS}`)]);
  });

  it('reads a grant by a wildcard of the service, and leaves "*" and NotAction to LVB-IAM-1', () => {
    const wildcard = readingSecrets('privatelink', ['secretsmanager:Get*']);
    expect(errorsOf(wildcard).filter((e) => e.ruleId !== 'LVB-IAM-1')).toEqual([
      finding('there is no secretsmanager interface endpoint in aws_vpc.network_vpc'),
    ]);
    const everything = readingSecrets('privatelink', ['*']);
    expect(errorsOf(everything).map((e) => e.ruleId)).toEqual(['LVB-IAM-1']);
    resourceOf(everything, 'aws_iam_role_policy', ROLE_POLICY).policy = policy({
      Effect: 'Allow',
      NotAction: ['iam:*'],
      Resource: '*',
    });
    expect(errorsOf(everything).map((e) => e.ruleId)).toEqual(['LVB-IAM-1']);
  });

  it('reads the grant from an aws_iam_policy of the stack attached to the role', () => {
    const json = baseline();
    addResource(json, 'aws_iam_policy', 'secrets', {
      policy: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET }),
    });
    addResource(json, 'aws_iam_role_policy_attachment', 'secrets', {
      role: ref('aws_iam_role', 'fn_role', 'name'),
      policy_arn: ref('aws_iam_policy', 'secrets', 'arn'),
    });
    expect(errorsOf(json)).toEqual([finding('there is no secretsmanager interface endpoint in aws_vpc.network_vpc')]);
  });

  it('ignores a function whose role reads no secret, and any function in a stack allowed the internet', () => {
    expect(errorsOf(baseline())).toEqual([]);
    expect(errorsOf(readingSecrets('nat-egress'))).toEqual([]);
  });

  it('ignores a function whose security group is not in the stack: its rules are elsewhere', () => {
    const json = readingSecrets();
    resourceOf(json, 'aws_lambda_function', FUNCTION).vpc_config.security_group_ids = ['sg-0123456789abcdef0'];
    expect(errorsOf(json)).toEqual([]);
  });
});

describe('actionCovers: IAM action patterns', () => {
  it.each([
    ['secretsmanager:GetSecretValue', true],
    ['SecretsManager:getsecretvalue', true],
    ['secretsmanager:*', true],
    ['secretsmanager:Get?ecretValue', true],
    ['*', true],
    ['secretsmanager:GetSecret', false],
    ['secretsmanager:DescribeSecret', false],
  ])('%s covers secretsmanager:GetSecretValue: %s', (pattern, covers) => {
    expect(actionCovers(pattern, 'secretsmanager:GetSecretValue')).toBe(covers);
  });
});
