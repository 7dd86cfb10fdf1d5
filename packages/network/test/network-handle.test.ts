import { TerraformOutput } from 'cdktf';
import { NetworkHandle, SubnetType } from '@lambda-vpc/network';
import { onlyResource, synthConstructs } from '../../../test-support/terraform-json';

const DEV_PRIVATELINK = { environment: 'dev', variant: 'privatelink' };

describe('NetworkHandle: where each handle lives, /lambda-vpc/<environment>/<variant>/<path>', () => {
  it.each([
    [NetworkHandle.vpcId(), '/lambda-vpc/dev/privatelink/vpc-id', 'String'],
    [NetworkHandle.vpcCidrBlock(), '/lambda-vpc/dev/privatelink/vpc-cidr-block', 'String'],
    [
      NetworkHandle.subnetIds(SubnetType.PRIVATE_ISOLATED),
      '/lambda-vpc/dev/privatelink/subnet-ids/isolated',
      'StringList',
    ],
    [
      NetworkHandle.subnetIds(SubnetType.PRIVATE_WITH_EGRESS),
      '/lambda-vpc/dev/privatelink/subnet-ids/private',
      'StringList',
    ],
    [NetworkHandle.subnetIds(SubnetType.PUBLIC), '/lambda-vpc/dev/privatelink/subnet-ids/public', 'StringList'],
    [NetworkHandle.endpointId('lambda'), '/lambda-vpc/dev/privatelink/endpoints/lambda/id', 'String'],
    [
      NetworkHandle.endpointSecurityGroupId('lambda'),
      '/lambda-vpc/dev/privatelink/endpoints/lambda/security-group-id',
      'String',
    ],
    [
      NetworkHandle.endpointPrefixListId('dynamodb'),
      '/lambda-vpc/dev/privatelink/endpoints/dynamodb/prefix-list-id',
      'String',
    ],
  ])('%p is %s, a %s', (handle, name, type) => {
    expect([handle.parameterName(DEV_PRIVATELINK), handle.type]).toEqual([name, type]);
  });

  it('takes an endpoint service with a dot as one segment, and its construct ID reads as the path', () => {
    const handle = NetworkHandle.endpointId('ecr.api');
    expect([handle.parameterName(DEV_PRIVATELINK), handle.constructId]).toEqual([
      '/lambda-vpc/dev/privatelink/endpoints/ecr.api/id',
      'endpoints_ecr-api_id',
    ]);
  });

  it.each([
    ['environment', { environment: 'Dev', variant: 'privatelink' }, 'Dev'],
    ['variant', { environment: 'dev', variant: 'private/only' }, 'private/only'],
    ['environment', { environment: '', variant: 'privatelink' }, ''],
  ])('refuses a %s that is not one path segment, naming it and what is allowed', (what, location, value) => {
    expect(() => NetworkHandle.vpcId().parameterName(location)).toThrow(
      `network parameters: ${what} "${value}" is not one path segment; allowed: lower-case letters, digits, dots and ` +
        'dashes, starting with a letter or digit, as in dev, private-only or ecr.api',
    );
  });

  it('refuses an endpoint service that is not one path segment', () => {
    expect(() => NetworkHandle.endpointSecurityGroupId('lambda/x')).toThrow(
      'network parameters: service "lambda/x" is not one path segment',
    );
  });
});

describe('NetworkHandle.publish: one aws_ssm_parameter per handle', () => {
  it('writes one ID as a String in the free standard tier, in plain text, described and named by its publisher', () => {
    const json = synthConstructs((scope) => {
      NetworkHandle.vpcId().publish(scope, DEV_PRIVATELINK, 'vpc-0a1b2c3d', 'dev-privatelink');
    });
    expect(onlyResource(json, 'aws_ssm_parameter')).toEqual({
      name: '/lambda-vpc/dev/privatelink/vpc-id',
      type: 'String',
      tier: 'Standard',
      insecure_value: 'vpc-0a1b2c3d',
      description: "dev-privatelink: the VPC's ID",
      tags: { Name: 'dev-privatelink-handle-vpc-id' },
    });
  });

  it('writes a tier subnet IDs as a StringList, comma-joined', () => {
    const json = synthConstructs((scope) => {
      NetworkHandle.subnetIds(SubnetType.PRIVATE_ISOLATED).publish(
        scope,
        DEV_PRIVATELINK,
        ['subnet-0a', 'subnet-0b'],
        'dev-privatelink',
      );
    });
    expect(onlyResource(json, 'aws_ssm_parameter')).toMatchObject({
      name: '/lambda-vpc/dev/privatelink/subnet-ids/isolated',
      type: 'StringList',
      insecure_value: '${join(",", ["subnet-0a", "subnet-0b"])}',
      description:
        'dev-privatelink: IDs of the isolated subnets (no route beyond the VPC), one per AZ: ' +
        "where a function's ENIs go",
    });
  });

  it('refuses a list for a String handle and one value for a StringList', () => {
    expect(() =>
      synthConstructs((scope) => NetworkHandle.vpcId().publish(scope, DEV_PRIVATELINK, ['vpc-0a'], 'dev-privatelink')),
    ).toThrow('dev-privatelink: handle vpc-id is a String; give it one value');
    expect(() =>
      synthConstructs((scope) =>
        NetworkHandle.subnetIds(SubnetType.PUBLIC).publish(scope, DEV_PRIVATELINK, 'subnet-0a', 'dev-privatelink'),
      ),
    ).toThrow('dev-privatelink: handle subnet-ids/public is a StringList; give it a list');
  });
});

describe('NetworkHandle.read: an aws_ssm_parameter data source at plan time', () => {
  it("reads the parameter's insecure_value (plans show the ID), with one data source however often it is read", () => {
    const json = synthConstructs((scope) => {
      for (const id of ['first', 'second'])
        new TerraformOutput(scope, id, { value: NetworkHandle.vpcId().read(scope, DEV_PRIVATELINK) });
    });
    expect(json.data?.aws_ssm_parameter).toEqual({ 'vpc-id': { name: '/lambda-vpc/dev/privatelink/vpc-id' } });
    expect([json.output?.first.value, json.output?.second.value]).toEqual([
      '${data.aws_ssm_parameter.vpc-id.insecure_value}',
      '${data.aws_ssm_parameter.vpc-id.insecure_value}',
    ]);
    expect(json.resource?.aws_ssm_parameter).toBeUndefined();
  });

  it('reads a StringList as a list split at the commas', () => {
    const json = synthConstructs((scope) => {
      const ids = NetworkHandle.subnetIds(SubnetType.PRIVATE_ISOLATED).readList(scope, DEV_PRIVATELINK);
      new TerraformOutput(scope, 'ids', { value: ids });
    });
    expect(json.output?.ids.value).toBe('${split(",", data.aws_ssm_parameter.subnet-ids_isolated.insecure_value)}');
  });
});
