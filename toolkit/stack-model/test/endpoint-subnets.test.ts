import { endpointSubnetReferences, StackDocument } from '@lambda-vpc/stack-model';
import { putResource, reference, StackResources } from '../../../test-support/stack-json';

const VPC = reference('aws_vpc', 'vpc');
const subnet = (name: string): string => reference('aws_subnet', name);

/** A VPC with subnets a, b and c and an interface endpoint `sqs` that lists `subnetIds`. */
function stack(subnetIds?: string[]): StackResources {
  const json: StackResources = { resource: {} };
  putResource(json, 'aws_vpc', 'vpc', { cidr_block: '10.0.0.0/16' });
  for (const [name, cidr] of [
    ['a', '10.0.0.0/24'],
    ['b', '10.0.1.0/24'],
    ['c', '10.0.2.0/24'],
  ]) {
    putResource(json, 'aws_subnet', name, { vpc_id: VPC, cidr_block: cidr });
  }
  putResource(json, 'aws_vpc_endpoint', 'sqs', {
    vpc_id: VPC,
    service_name: 'com.amazonaws.eu-west-1.sqs',
    vpc_endpoint_type: 'Interface',
    ...(subnetIds ? { subnet_ids: subnetIds } : {}),
  });
  return json;
}

function referencesOf(json: StackResources, endpoint = 'sqs'): unknown[] {
  const doc = new StackDocument('s', json);
  return endpointSubnetReferences(doc, doc.resolve(reference('aws_vpc_endpoint', endpoint))!);
}

describe('endpointSubnetReferences: where an interface endpoint has network interfaces', () => {
  it('reads subnet_ids as written, literal IDs included', () => {
    expect(referencesOf(stack([subnet('a'), 'subnet-0123456789abcdef0']))).toEqual([
      subnet('a'),
      'subnet-0123456789abcdef0',
    ]);
  });

  it('reads aws_vpc_endpoint_subnet_association, the other shape of the same placement', () => {
    const json = stack();
    putResource(json, 'aws_vpc_endpoint_subnet_association', 'sqs_b', {
      vpc_endpoint_id: reference('aws_vpc_endpoint', 'sqs', 'id'),
      subnet_id: subnet('b'),
    });
    putResource(json, 'aws_vpc_endpoint_subnet_association', 'sqs_c', {
      vpc_endpoint_id: reference('aws_vpc_endpoint', 'sqs', 'id'),
      subnet_id: subnet('c'),
    });
    expect(referencesOf(json)).toEqual([subnet('b'), subnet('c')]);
  });

  it("joins both shapes, each subnet once, and leaves out another endpoint's associations", () => {
    const json = stack([subnet('a'), subnet('b')]);
    putResource(json, 'aws_vpc_endpoint', 'ssm', {
      vpc_id: VPC,
      service_name: 'com.amazonaws.eu-west-1.ssm',
      vpc_endpoint_type: 'Interface',
    });
    putResource(json, 'aws_vpc_endpoint_subnet_association', 'sqs_b', {
      vpc_endpoint_id: reference('aws_vpc_endpoint', 'sqs', 'id'),
      subnet_id: subnet('b'),
    });
    putResource(json, 'aws_vpc_endpoint_subnet_association', 'sqs_c', {
      vpc_endpoint_id: reference('aws_vpc_endpoint', 'sqs', 'id'),
      subnet_id: subnet('c'),
    });
    putResource(json, 'aws_vpc_endpoint_subnet_association', 'ssm_a', {
      vpc_endpoint_id: reference('aws_vpc_endpoint', 'ssm', 'id'),
      subnet_id: subnet('a'),
    });
    expect(referencesOf(json)).toEqual([subnet('a'), subnet('b'), subnet('c')]);
    expect(referencesOf(json, 'ssm')).toEqual([subnet('a')]);
  });
});
