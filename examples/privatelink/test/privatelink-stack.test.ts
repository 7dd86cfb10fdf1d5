// The privatelink example: a caller in isolated subnets invokes a target through a Lambda interface endpoint with
// private DNS; the endpoint admits HTTPS from the caller's security group only, and its policy lets only the
// caller's role invoke only the target. No NAT, no internet gateway, no route to the internet.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { synthExample } from '@lambda-vpc/example-privatelink';
import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { PRIVATELINK } from '@lambda-vpc/stacks';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { monthlyCostLine, referencesOf, synthExampleStack } from '../../../test-support/example-stack';
import {
  addressOf,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  TerraformBody,
} from '../../../test-support/terraform-json';

const STACK = 'example-privatelink';
const { result, json } = synthExampleStack(synthExample);
const endpoint = onlyResource(json, 'aws_vpc_endpoint');
const named = (type: string, name: string) =>
  bodiesOf(json, type).find((body) => body.name === name || body.function_name === name)!;
const caller = named('aws_lambda_function', `${STACK}-caller`);
const target = named('aws_lambda_function', `${STACK}-target`);
const group = (body: TerraformBody) => referenceTo(json, 'aws_security_group', body);
const callerGroup = group(named('aws_security_group', `${STACK}-caller`));
const endpointGroup = group(named('aws_security_group', `${STACK}-lambda-endpoint`));
const targetArn = referenceTo(json, 'aws_lambda_function', target, 'arn');
const callerRoleArn = referenceTo(json, 'aws_iam_role', named('aws_iam_role', `${STACK}-caller`), 'arn');

describe('the privatelink example, synthesized', () => {
  it('passes the blueprint synth and every guardrail; the target outside the VPC is the one stated exception', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([STACK]);
    expect(json.provider?.aws?.[0].default_tags[0].tags.variant).toBe('privatelink');
    const report = evaluateGuardrails(STACK, json, { intent: PRIVATELINK.intent });
    expect([report.errors, report.warnings]).toEqual([[], []]);
    expect(report.suppressed.map((finding) => [finding.ruleId, finding.address])).toEqual([
      ['LVB-FN-3', addressOf(json, 'aws_lambda_function', target)],
    ]);
  });

  it('has isolated subnets only, and no internet gateway, NAT, public IP or route', () => {
    expect(
      bodiesOf(json, 'aws_subnet').map((subnet) => [
        subnet.availability_zone,
        subnet.tags.Tier,
        subnet.map_public_ip_on_launch,
      ]),
    ).toEqual([
      ['eu-west-1a', 'isolated', false],
      ['eu-west-1b', 'isolated', false],
    ]);
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_instance', 'aws_route'])
      expect([type, bodiesOf(json, type)]).toEqual([type, []]);
  });
});

describe('the Lambda interface endpoint', () => {
  it(
    'is an interface endpoint for com.amazonaws.eu-west-1.lambda in every isolated subnet, with private DNS, in a ' +
      'VPC with DNS support and hostnames',
    () => {
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Interface',
        service_name: 'com.amazonaws.eu-west-1.lambda',
        private_dns_enabled: true,
        subnet_ids: referencesOf(json, 'aws_subnet'),
        security_group_ids: [endpointGroup],
      });
      expect(onlyResource(json, 'aws_vpc')).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
    },
  );

  it(
    "admits HTTPS from the caller's security group only, no CIDR; the caller may send HTTPS to the endpoint's group " +
      'only',
    () => {
      expect(
        bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [
          rule.security_group_id,
          rule.ip_protocol,
          rule.from_port,
          rule.to_port,
          rule.referenced_security_group_id,
          rule.cidr_ipv4,
        ]),
      ).toEqual([[endpointGroup, 'tcp', 443, 443, callerGroup, undefined]]);
      expect(
        bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => [
          rule.security_group_id,
          rule.ip_protocol,
          rule.from_port,
          rule.to_port,
          rule.referenced_security_group_id,
          rule.cidr_ipv4,
        ]),
      ).toEqual([[callerGroup, 'tcp', 443, 443, endpointGroup, undefined]]);
    },
  );

  it(
    "has a policy that lets only the caller's role invoke only the target, as the caller's own role policy " + 'does',
    () => {
      expect(policyOf(endpoint).Statement).toEqual([
        {
          Sid: 'CallerInvokesTarget',
          Effect: 'Allow',
          Principal: { AWS: [callerRoleArn] },
          Action: ['lambda:InvokeFunction'],
          Resource: [targetArn],
        },
      ]);
      const rolePolicy = bodiesOf(json, 'aws_iam_role_policy').find(
        (body) => body.role === referenceTo(json, 'aws_iam_role', named('aws_iam_role', `${STACK}-caller`)),
      )!;
      expect(policyOf(rolePolicy).Statement).toEqual([
        { Sid: 'InvokeTarget', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [targetArn] },
      ]);
    },
  );
});

describe('the two functions', () => {
  it("puts the caller in every isolated subnet and tells it the target's ARN; the target needs no VPC", () => {
    expect([...caller.vpc_config.subnet_ids].sort()).toEqual(referencesOf(json, 'aws_subnet'));
    expect(caller.environment.variables).toEqual({ TARGET_FUNCTION_ARN: targetArn });
    expect(target.vpc_config).toBeUndefined();
  });
});

describe('where the caller reaches (@lambda-vpc/reachability)', () => {
  const analysis = analyzeReachability(STACK, json);
  const [fn] = analysis.functions;

  it('reaches the Lambda API from every subnet through the interface endpoint, whose policy allows its role', () => {
    expect(fn.function).toBe(addressOf(json, 'aws_lambda_function', caller));
    expect(
      fn.destinations['lambda-api'].paths.map((p) => [p.verdict, p.via, p.policyAllows, p.path[p.path.length - 1]]),
    ).toEqual(Array(2).fill(['yes', 'interface-endpoint', true, addressOf(json, 'aws_vpc_endpoint', endpoint)]));
  });

  it('reaches nothing else: not the internet, DynamoDB or S3, from any subnet', () => {
    for (const destination of ['internet', 'dynamodb', 's3'] as const) {
      expect([destination, fn.destinations[destination].paths.map((p) => p.verdict)]).toEqual([
        destination,
        ['no', 'no'],
      ]);
    }
    expect(analysis.internetRoutes).toEqual([]);
  });

  it(
    'reports the endpoint as reached by the caller, admitting its group, and its role invoking the target ' + 'only',
    () => {
      expect(
        analysis.endpoints.map((report) => [
          report.service,
          report.privateDns,
          report.open,
          report.reachedBy,
          report.admits.securityGroups,
          report.admits.cidrs,
          report.invokers,
        ]),
      ).toEqual([
        [
          'lambda',
          true,
          false,
          [fn.function],
          [addressOf(json, 'aws_security_group', named('aws_security_group', `${STACK}-caller`))],
          [],
          [
            {
              principal: addressOf(json, 'aws_iam_role', named('aws_iam_role', `${STACK}-caller`)),
              principalFunctions: [fn.function],
              functions: [addressOf(json, 'aws_lambda_function', target)],
            },
          ],
        ],
      ]);
    },
  );
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it(
    'pays for the endpoint by the AZ-hour, one network interface in each of the two AZs; no NAT and no public ' + 'IP',
    () => {
      expect(report.items.map((item) => [item.id, item.count, item.quantity])).toEqual([
        ['interface-endpoint-hours', 2, 1460],
        ['kms-keys', 1, 1],
        ['interface-endpoint-data', 1, 10],
        ['flow-log-ingestion', 1, 5],
      ]);
    },
  );

  it('is the line the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(monthlyCostLine(report));
  });
});
