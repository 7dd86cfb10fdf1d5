// The RDS example: the database admits the function by security-group reference, and nothing by CIDR.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '@lambda-vpc/example-rds-by-security-group';
import { bodiesOf, onlyResource, referenceTo, TerraformJson } from '../../../test-support/terraform-json';

const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-rds-')), 'cdktf.out');
const result = synthExample({ outdir });
const json = JSON.parse(fs.readFileSync(result.stacks[0].file, 'utf8')) as TerraformJson;
const groupId = (name: string) => `\${aws_security_group.${name}.id}`;
// The two security groups, by what they are for: the database's says so in its description.
const groups = Object.entries(json.resource!.aws_security_group as Record<string, { description: string }>);
const databaseGroup = groups.find(([, body]) => body.description.startsWith('dev-orders database'))![0];
const functionGroup = groups.find(([name]) => name !== databaseGroup)![0];

describe('the orders database admitted by security-group reference', () => {
  it('synthesizes through the blueprint synth, past every guardrail', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual(['dev-orders']);
    expect(result.guardrails.warnings).toEqual([]);
  });

  it("admits the function's group on 5432 to the database's group, and no CIDR at all", () => {
    const ingress = bodiesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(
      ingress.map((rule) => [
        rule.security_group_id,
        rule.ip_protocol,
        rule.from_port,
        rule.to_port,
        rule.referenced_security_group_id,
        rule.cidr_ipv4,
      ]),
    ).toEqual([[groupId(databaseGroup), 'tcp', 5432, 5432, groupId(functionGroup), undefined]]);
  });

  it("lets the function open connections to the database's group on 5432 only", () => {
    const egress = bodiesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(
      egress.map((rule) => [
        rule.security_group_id,
        rule.ip_protocol,
        rule.from_port,
        rule.referenced_security_group_id,
      ]),
    ).toEqual([[groupId(functionGroup), 'tcp', 5432, groupId(databaseGroup)]]);
  });

  it('keeps the database private, encrypted with the stack key, its password out of the state', () => {
    const database = onlyResource(json, 'aws_db_instance');
    expect(database).toMatchObject({
      publicly_accessible: false,
      storage_encrypted: true,
      manage_master_user_password: true,
      deletion_protection: true,
      kms_key_id: referenceTo(json, 'aws_kms_key', onlyResource(json, 'aws_kms_key'), 'arn'),
      vpc_security_group_ids: [groupId(databaseGroup)],
    });
    expect(database.password).toBeUndefined();
  });

  it("places the database's subnet group and the function in the isolated subnets", () => {
    const isolated = Object.keys(json.resource!.aws_subnet)
      .map((name) => `\${aws_subnet.${name}.id}`)
      .sort();
    expect([...onlyResource(json, 'aws_db_subnet_group').subnet_ids].sort()).toEqual(isolated);
    expect([...onlyResource(json, 'aws_lambda_function').vpc_config.subnet_ids].sort()).toEqual(isolated);
  });
});
