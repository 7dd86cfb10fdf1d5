// Whether the resources a state records still exist in the emulator, asked through each service's own API (not
// through the engine): a refused destroy must leave every one of them. One lookup per resource type that can be
// asked for by its ID; the other types (associations, policies, rules) live inside these.
import type { BucketState } from './bucket-state';
import { scope } from './emulator-requests';

/** A request to the emulator for one resource, and whether its answer shows the resource. */
interface Lookup {
  readonly service: string;
  readonly request: (id: string) => { readonly path?: string; readonly init: RequestInit };
  /** Whether a 200 answer's body shows the resource (a describe by ID may answer an empty list). */
  readonly found: (body: string, id: string) => boolean;
  /** The attribute that names the resource. @default id */
  readonly idAttribute?: string;
}

const form = (action: string, version: string, parameters: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ Action: action, Version: version, ...parameters }).toString(),
});
const json = (target: string, body: object, version = '1.1'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
  body: JSON.stringify(body),
});
const ec2 = (action: string, parameter: string): Lookup => ({
  service: 'ec2',
  request: (id) => ({ init: form(action, '2016-11-15', { [parameter]: id }) }),
  // A deleted VPC endpoint is still described for a while, in state "deleted", as in AWS.
  found: (body, id) => body.includes(`>${id}<`) && !/<state>deleted<\/state>/i.test(body),
});
const named = (body: string, id: string): boolean => body.includes(id);

/** The lookups, by resource type. */
const LOOKUPS: Readonly<Record<string, Lookup>> = {
  aws_vpc: ec2('DescribeVpcs', 'VpcId.1'),
  aws_subnet: ec2('DescribeSubnets', 'SubnetId.1'),
  aws_security_group: ec2('DescribeSecurityGroups', 'GroupId.1'),
  aws_route_table: ec2('DescribeRouteTables', 'RouteTableId.1'),
  aws_vpc_endpoint: ec2('DescribeVpcEndpoints', 'VpcEndpointId.1'),
  aws_lambda_function: {
    service: 'lambda',
    request: (id) => ({ path: `/2015-03-31/functions/${encodeURIComponent(id)}`, init: { method: 'GET' } }),
    found: named,
  },
  aws_dynamodb_table: {
    service: 'dynamodb',
    request: (id) => ({ init: json('DynamoDB_20120810.DescribeTable', { TableName: id }, '1.0') }),
    found: named,
  },
  aws_iam_role: {
    service: 'iam',
    request: (id) => ({ init: form('GetRole', '2010-05-08', { RoleName: id }) }),
    found: named,
  },
  aws_kms_key: {
    service: 'kms',
    request: (id) => ({ init: json('TrentService.DescribeKey', { KeyId: id }) }),
    // A destroyed key is scheduled for deletion, not deleted at once, as in AWS.
    found: (body, id) => body.includes(id) && !/"KeyState":\s*"PendingDeletion"/.test(body),
  },
  aws_ssm_parameter: {
    service: 'ssm',
    request: (id) => ({ init: json('AmazonSSM.GetParameter', { Name: id }) }),
    found: named,
  },
  aws_cloudwatch_log_group: {
    service: 'logs',
    request: (id) => ({ init: json('Logs_20140328.DescribeLogGroups', { logGroupNamePrefix: id }) }),
    found: (body, id) => body.includes(`"logGroupName": "${id}"`) || body.includes(`"logGroupName":"${id}"`),
    idAttribute: 'name',
  },
  aws_s3_bucket: {
    service: 's3',
    request: (id) => ({ path: `/${id}`, init: { method: 'HEAD' } }),
    found: () => true,
  },
};

/** What the emulator still holds of a state's resources. */
export interface Inventory {
  /** `type.name (id)` of each resource found. */
  readonly found: readonly string[];
  /** `type.name (id)` of each resource not found. */
  readonly missing: readonly string[];
}

/** Looks up every resource of `state` whose type has a lookup, in the emulator at `endpoint`, region `region`. */
export async function emulatorInventory(endpoint: string, region: string, state: BucketState): Promise<Inventory> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const address of state.managed) {
    const lookup = LOOKUPS[address.split('.')[0]];
    if (lookup === undefined) continue;
    for (const attributes of state.attributes[address]) {
      const id = String(attributes[lookup.idAttribute ?? 'id']);
      const { path = '/', init } = lookup.request(id);
      const headers = {
        ...(init.headers as Record<string, string> | undefined),
        authorization: scope(lookup.service, region),
      };
      const response = await fetch(`${endpoint}${path}`, { ...init, headers });
      const body = await response.text();
      (response.status === 200 && lookup.found(body, id) ? found : missing).push(`${address} (${id})`);
    }
  }
  return { found, missing };
}
