import { TerraformOutput } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { EndpointPolicy, GatewayEndpoint, GatewayEndpointProps, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { PolicyStatement, PolicyStatementProps, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import {
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  synthConstructs,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { PUBLIC_AND_PRIVATE, testNetwork } from '../../../test-support/test-network';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/dev-test-api';
const TABLE_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/dev-test-orders';
const ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];

const ALL_TIERS: SubnetTierSpec[] = [...PUBLIC_AND_PRIVATE, { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }];

const TABLE_ACCESS: PolicyStatementProps = {
  sid: 'ApiUsesOrdersTable',
  principals: [ROLE_ARN],
  actions: ITEM_ACTIONS,
  resources: [TABLE_ARN, `${TABLE_ARN}/index/*`],
};
const tableAccess = new PolicyStatement(TABLE_ACCESS);

/** Synthesizes a network of `tiers` and a gateway endpoint with `props` (DynamoDB, table access by default). */
function synthEndpoint(props: Partial<GatewayEndpointProps> = {}, tiers = PUBLIC_AND_PRIVATE): TerraformJson {
  return synthConstructs((scope) => {
    new GatewayEndpoint(scope, 'endpoint', {
      network: testNetwork(scope, { subnetTiers: tiers }),
      service: GatewayEndpointService.DYNAMODB,
      policy: EndpointPolicy.of([tableAccess]),
      ...props,
    });
  });
}

/** `${aws_route_table.x.id}` of every route table tagged `Tier=tier`, in AZ order. */
function routeTables(json: TerraformJson, tier: SubnetType): string[] {
  return resourcesOf(json, 'aws_route_table')
    .filter(([, body]) => body.tags.Tier === tier)
    .sort(([, a], [, b]) => a.tags.Name.localeCompare(b.tags.Name))
    .map(([name]) => `\${aws_route_table.${name}.id}`);
}

describe('DynamoDB gateway endpoint', () => {
  it("is a Gateway endpoint for the region's DynamoDB in the network VPC", () => {
    const json = synthEndpoint();
    const endpoint = onlyResource(json, 'aws_vpc_endpoint');
    expect(endpoint.vpc_endpoint_type).toBe('Gateway');
    expect(endpoint.service_name).toBe('com.amazonaws.eu-west-1.dynamodb');
    expect(endpoint.vpc_id).toBe(referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')));
    expect(endpoint.tags).toEqual({ Name: 'dev-test-dynamodb-gateway' });
  });

  it('attaches to every private route table and no public one by default', () => {
    const json = synthEndpoint();
    const ids = onlyResource(json, 'aws_vpc_endpoint').route_table_ids;
    expect(ids).toEqual(routeTables(json, SubnetType.PRIVATE_WITH_EGRESS));
    expect(ids).toHaveLength(2);
    for (const table of routeTables(json, SubnetType.PUBLIC)) expect(ids).not.toContain(table);
  });

  it('attaches to private and isolated route tables when the network has both', () => {
    const json = synthEndpoint({}, ALL_TIERS);
    const ids: string[] = onlyResource(json, 'aws_vpc_endpoint').route_table_ids;
    expect([...ids].sort()).toEqual(
      [...routeTables(json, SubnetType.PRIVATE_WITH_EGRESS), ...routeTables(json, SubnetType.PRIVATE_ISOLATED)].sort(),
    );
    expect(ids).toHaveLength(4);
    for (const table of routeTables(json, SubnetType.PUBLIC)) expect(ids).not.toContain(table);
  });

  it('attaches to the isolated route tables of an isolated-only network', () => {
    const json = synthEndpoint({}, [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }]);
    expect(onlyResource(json, 'aws_vpc_endpoint').route_table_ids).toEqual(
      routeTables(json, SubnetType.PRIVATE_ISOLATED),
    );
  });

  it('attaches to exactly the route tables given', () => {
    const json = synthEndpoint({ routeTableIds: ['rtb-0aaaaaaaaaaaaaaaa', 'rtb-0bbbbbbbbbbbbbbbb'] });
    expect(onlyResource(json, 'aws_vpc_endpoint').route_table_ids).toEqual([
      'rtb-0aaaaaaaaaaaaaaaa',
      'rtb-0bbbbbbbbbbbbbbbb',
    ]);
  });

  it('refuses to exist without route tables', () => {
    expect(() => synthEndpoint({ routeTableIds: [] })).toThrow(
      'dev-test-dynamodb-gateway: a gateway endpoint needs route tables; network dev-test has no private ones',
    );
    expect(() => synthEndpoint({}, [{ type: SubnetType.PUBLIC, prefixLength: 24 }])).toThrow(
      'dev-test-dynamodb-gateway: a gateway endpoint needs route tables; network dev-test has no private ones',
    );
  });

  it('exposes the prefix list that egress rules to DynamoDB name', () => {
    const json = synthConstructs((scope) => {
      const endpoint = new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.of([tableAccess]),
      });
      new TerraformOutput(scope, 'prefix-list', { value: endpoint.prefixListId });
      new TerraformOutput(scope, 'endpoint-id', { value: endpoint.endpointId });
    });
    const endpoint = onlyResource(json, 'aws_vpc_endpoint');
    expect(json.output?.['prefix-list'].value).toBe(referenceTo(json, 'aws_vpc_endpoint', endpoint, 'prefix_list_id'));
    expect(json.output?.['endpoint-id'].value).toBe(referenceTo(json, 'aws_vpc_endpoint', endpoint));
  });
});

describe('S3 gateway endpoint', () => {
  it("names the region's S3 service", () => {
    const json = synthEndpoint({
      service: GatewayEndpointService.S3,
      policy: EndpointPolicy.of([
        new PolicyStatement({
          sid: 'ReadArtifacts',
          principals: [ROLE_ARN],
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::dev-test-artifacts/*'],
        }),
      ]),
    });
    const endpoint = onlyResource(json, 'aws_vpc_endpoint');
    expect(endpoint.service_name).toBe('com.amazonaws.eu-west-1.s3');
    expect(endpoint.tags).toEqual({ Name: 'dev-test-s3-gateway' });
  });
});

describe('endpoint policy', () => {
  it('names the given principals, actions and resources in each statement', () => {
    const json = synthEndpoint();
    expect(policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement).toEqual([
      {
        Sid: 'ApiUsesOrdersTable',
        Effect: 'Allow',
        Principal: { AWS: [ROLE_ARN] },
        Action: ITEM_ACTIONS,
        Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`],
      },
    ]);
  });

  it('keeps statements apart, passes effect and condition through and never names "*" as principal', () => {
    const json = synthConstructs((scope) => {
      const role = new IamRole(scope, 'worker-role', { name: 'dev-test-worker', assumeRolePolicy: '{}' });
      new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.of([
          tableAccess,
          new PolicyStatement({
            sid: 'WorkerReads',
            principals: [role.arn],
            actions: ['dynamodb:GetItem'],
            resources: [TABLE_ARN],
          }),
          new PolicyStatement({
            sid: 'NoDeletesOutsideAccount',
            effect: 'Deny',
            principals: ['arn:aws:iam::123456789012:root'],
            actions: ['dynamodb:DeleteItem'],
            resources: [TABLE_ARN],
            condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } },
          }),
        ]),
      });
    });
    const statements = policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement;
    const workerRole = referenceTo(json, 'aws_iam_role', onlyResource(json, 'aws_iam_role'), 'arn');
    expect(statements.map((s) => s.Sid)).toEqual(['ApiUsesOrdersTable', 'WorkerReads', 'NoDeletesOutsideAccount']);
    expect(statements.map((s) => s.Principal)).toEqual([
      { AWS: [ROLE_ARN] },
      { AWS: [workerRole] },
      { AWS: ['arn:aws:iam::123456789012:root'] },
    ]);
    expect(statements[1]).toMatchObject({ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [TABLE_ARN] });
    expect(statements[2]).toMatchObject({
      Effect: 'Deny',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } },
    });
    for (const statement of statements) {
      expect(statement.Principal).not.toBe('*');
      expect(statement.Principal.AWS).not.toContain('*');
      expect(statement.Action).not.toContain('*');
    }
  });

  it('refuses an endpoint whose policy it would refuse, naming the endpoint', () => {
    expect(() => synthEndpoint({ policy: EndpointPolicy.of([]) })).toThrow(
      'dev-test-dynamodb-gateway: an endpoint policy needs at least one statement',
    );
  });
});

describe('an endpoint policy refuses', () => {
  const OWNER = 'dev-test-dynamodb-gateway';
  const refused = (statements: PolicyStatementProps[]) => () =>
    EndpointPolicy.of(statements.map((statement) => new PolicyStatement(statement))).render(OWNER);

  it('no statements', () => {
    expect(refused([])).toThrow(
      'dev-test-dynamodb-gateway: an endpoint policy needs at least one statement; with none, nobody may use the ' +
        'endpoint',
    );
  });

  it.each([[[]], [['*']], [[ROLE_ARN, '*']], [['arn:aws:iam::*:root']]])('the principals %j', (principals) => {
    expect(refused([{ ...TABLE_ACCESS, principals }])).toThrow(
      'dev-test-dynamodb-gateway: endpoint policy statement ApiUsesOrdersTable must name its principals (IAM role or ' +
        'account ARNs), not "*" or none',
    );
  });

  it('no actions', () => {
    expect(refused([{ ...TABLE_ACCESS, actions: [] }])).toThrow(
      `${OWNER}: policy statement ApiUsesOrdersTable, actions = []: is empty; allowed: at least one action`,
    );
  });

  it.each([['*'], ['dynamodb:*'], ['dynamodb:Get*']])('the wildcard action %s', (wildcard) => {
    expect(refused([{ ...TABLE_ACCESS, actions: ['dynamodb:GetItem', wildcard] }])).toThrow(
      `${OWNER}: policy statement ApiUsesOrdersTable, action = "${wildcard}": is a wildcard; ` +
        'allowed: a fully named action (service:Action) such as dynamodb:GetItem',
    );
  });

  it('no resources', () => {
    expect(refused([{ ...TABLE_ACCESS, resources: [] }])).toThrow(
      `${OWNER}: policy statement ApiUsesOrdersTable, resources = []: is empty; allowed: at least one ` +
        'resource ARN',
    );
  });

  it('a statement ID used twice', () => {
    expect(refused([TABLE_ACCESS, { ...TABLE_ACCESS, actions: ['dynamodb:GetItem'] }])).toThrow(
      `${OWNER}: policy statement ID = "ApiUsesOrdersTable": is already in the policy; allowed: letters ` +
        'and digits, unique in the policy',
    );
  });

  it.each(['', 'Api-Uses-Orders', 'api uses orders', 'Api_Uses'])('the statement ID "%s"', (sid) => {
    expect(refused([{ ...TABLE_ACCESS, sid }])).toThrow(
      `${OWNER}: policy statement ID = "${sid}": is not letters and digits only; allowed: letters ` +
        'and digits, unique in the policy',
    );
  });

  it('names the offending statement, not the first one', () => {
    expect(refused([TABLE_ACCESS, { ...TABLE_ACCESS, sid: 'Second', principals: ['*'] }])).toThrow(
      'endpoint policy statement Second must name its principals',
    );
  });
});

describe('statements added after the endpoint (addToPolicy)', () => {
  const workerReads = new PolicyStatement({
    sid: 'WorkerReads',
    principals: ['arn:aws:iam::123456789012:role/dev-test-worker'],
    actions: ['dynamodb:GetItem'],
    resources: [TABLE_ARN],
  });

  it('join the policy after the ones it was made with', () => {
    const json = synthConstructs((scope) => {
      const endpoint = new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.of([tableAccess]),
      });
      endpoint.addToPolicy(workerReads);
    });
    expect(policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement.map((s) => s.Sid)).toEqual([
      'ApiUsesOrdersTable',
      'WorkerReads',
    ]);
  });

  it('are held to the same rules: a statement ID already in the policy is refused', () => {
    expect(() =>
      synthConstructs((scope) => {
        new GatewayEndpoint(scope, 'endpoint', {
          network: testNetwork(scope),
          service: GatewayEndpointService.DYNAMODB,
          policy: EndpointPolicy.of([tableAccess]),
        }).addToPolicy(new PolicyStatement({ ...TABLE_ACCESS }));
      }),
    ).toThrow(/ApiUsesOrdersTable/);
  });

  it('leave a full-access policy as it is, since it already allows them', () => {
    // Rendering full access prints its warning; once, since the policy does not change.
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const json = synthConstructs((scope) => {
      new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.fullAccess('shared sandbox VPC for experiments'),
      }).addToPolicy(workerReads);
    });
    expect(policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement.map((s) => s.Sid)).toEqual(['FullAccessOptIn']);
    expect(printed).toHaveBeenCalledTimes(1);
    printed.mockRestore();
  });
});
