import { Construct } from 'constructs';
import {
  EndpointPolicy,
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, LambdaFunction } from '@lambda-vpc/lambda';
import { Network, PolicyStatement, PolicyStatementProps, Port, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import { PatternFunctionProps, PatternNetworkProps, patternNetwork } from '../pattern-props';

/** What the function does in DynamoDB through the gateway endpoint. */
export interface PrivateOnlyTableAccess {
  /** The table it reads and writes items of; the role's grant and the endpoint's policy name it (and its indexes). */
  readonly tableArn: string;
  /** The endpoint policy statement's ID, e.g. `ProbeUsesItsTable`. */
  readonly endpointSid: string;
}

/** What the function does in S3 through the gateway endpoint. */
export interface PrivateOnlyObjectAccess {
  /** The object actions, each named (no wildcards), e.g. `['s3:GetObject']`. */
  readonly actions: readonly string[];
  /** The object ARNs, e.g. `arn:aws:s3:::bucket/*`. */
  readonly objectArns: readonly string[];
  /** The role policy statement's ID, e.g. `ReadImports`. */
  readonly roleSid: string;
  /** The endpoint policy statement's ID, e.g. `ImporterReadsImports`. */
  readonly endpointSid: string;
}

/** An AWS API the function's own code calls, through an interface endpoint. */
export interface PrivateOnlyApiAccess {
  /** The endpoint service after `com.amazonaws.<region>.`, e.g. `sts`. */
  readonly service: string;
  /** The actions the function calls through it, each named. */
  readonly actions: readonly string[];
  /**
   * The endpoint policy statement's ID.
   * @default 'FunctionCallsListedActions'
   */
  readonly endpointSid?: string;
}

/** Options of {@link PrivateOnlyPattern}. */
export interface PrivateOnlyPatternProps extends PatternNetworkProps {
  /**
   * Prefix length of each isolated subnet.
   * @default 20
   */
  readonly isolatedSubnetPrefixLength?: number;
  /**
   * The function, placed in the isolated subnets.
   * @default none: the pattern builds the network and the endpoints only, each endpoint's policy denying everything
   * until a function added later is named in it (`endpoint.addToPolicy`)
   */
  readonly function?: PatternFunctionProps;
  /**
   * Its DynamoDB table; needed with `function`.
   * @default none
   */
  readonly table?: PrivateOnlyTableAccess;
  /**
   * Its S3 objects; needed with `function`.
   * @default none
   */
  readonly objects?: PrivateOnlyObjectAccess;
  /**
   * Other AWS APIs its code calls, each through an interface endpoint whose policy lets only its role call only
   * the listed actions (without `function`, an endpoint whose policy denies everything until a user is added).
   * @default none
   */
  readonly apis?: readonly PrivateOnlyApiAccess[];
}

/**
 * The private-only variant's network and function: isolated subnets in every AZ and no route to the internet
 * anywhere (no IGW, no NAT, no EIP, no 0.0.0.0/0). DynamoDB and S3 answer through gateway endpoints, prefix-list
 * routes on every isolated route table, each letting only the function's role through; any other AWS API through
 * an interface endpoint. Its logs still reach CloudWatch: the Lambda service delivers them, not the function's ENI.
 *
 * The environment stack and the private-only example both build the variant from it. It composes into its scope
 * instead of adding a construct level, so its resources' addresses and paths are the scope's own
 * (`aws_vpc.network_vpc`, `dev-private-only/network/vpc`).
 */
export class PrivateOnlyPattern {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The function, when the props give one. */
  public readonly function?: LambdaFunction;
  /** The DynamoDB and S3 gateway endpoints. */
  public readonly gatewayEndpoints: readonly GatewayEndpoint[];
  /** The interface endpoints of `apis`. */
  public readonly interfaceEndpoints: readonly InterfaceEndpoint[];

  /** The variant's subnet tiers: isolated only, one subnet per AZ. */
  public static subnetTiers(props: Pick<PrivateOnlyPatternProps, 'isolatedSubnetPrefixLength'>): SubnetTierSpec[] {
    return [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: props.isolatedSubnetPrefixLength ?? 20 }];
  }

  constructor(scope: Construct, props: PrivateOnlyPatternProps) {
    this.network = patternNetwork(scope, props, PrivateOnlyPattern.subnetTiers(props));
    const fn = props.function && this.placeFunction(scope, props.function, props);
    this.function = fn?.function;

    const dynamoDb = new GatewayEndpoint(scope, 'dynamodb-endpoint', {
      network: this.network,
      service: GatewayEndpointService.DYNAMODB,
      policy: usedBy(fn, (roleArn, { table }) => ({
        sid: table.endpointSid,
        principals: [roleArn],
        actions: DYNAMODB_READ_WRITE_ACTIONS,
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      })),
    });
    const s3 = new GatewayEndpoint(scope, 's3-endpoint', {
      network: this.network,
      service: GatewayEndpointService.S3,
      policy: usedBy(fn, (roleArn, { objects }) => ({
        sid: objects.endpointSid,
        principals: [roleArn],
        actions: objects.actions,
        resources: objects.objectArns,
      })),
    });
    this.gatewayEndpoints = [dynamoDb, s3];
    this.function?.connections.allowTo(dynamoDb, Port.https(), 'HTTPS to DynamoDB through the gateway endpoint');
    this.function?.connections.allowTo(s3, Port.https(), 'HTTPS to S3 through the gateway endpoint');

    this.interfaceEndpoints = (props.apis ?? []).map(
      ({ service, actions, endpointSid = 'FunctionCallsListedActions' }) => {
        const endpoint = new InterfaceEndpoint(scope, `${service.replace(/\./g, '-')}-endpoint`, {
          network: this.network,
          service: InterfaceEndpointService.of(service),
          policy: usedBy(fn, (roleArn) => ({ sid: endpointSid, principals: [roleArn], actions, resources: ['*'] })),
        });
        this.function?.connections.allowTo(
          endpoint,
          Port.https(),
          `HTTPS to ${service} through its interface endpoint`,
        );
        return endpoint;
      },
    );
  }

  /** The function in the isolated subnets, granted its table and objects. */
  private placeFunction(
    scope: Construct,
    { id, ...functionProps }: PatternFunctionProps,
    { table, objects }: Pick<PrivateOnlyPatternProps, 'table' | 'objects'>,
  ): PlacedFunction {
    if (!table || !objects) {
      throw new Error(
        `PrivateOnlyPattern: function ${id} needs table and objects (what it uses through the endpoints)`,
      );
    }
    const fn = new LambdaFunction(scope, id, {
      ...functionProps,
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    fn.grantDynamoDbReadWrite(table.tableArn);
    fn.addToRolePolicy(
      new PolicyStatement({ sid: objects.roleSid, actions: objects.actions, resources: objects.objectArns }),
    );
    return { function: fn, table, objects };
  }
}

/** The pattern's function with what it uses. */
interface PlacedFunction {
  readonly function: LambdaFunction;
  readonly table: PrivateOnlyTableAccess;
  readonly objects: PrivateOnlyObjectAccess;
}

/** An endpoint's policy: the function's statement, or closed until a function added later is named in it. */
function usedBy(
  fn: PlacedFunction | undefined,
  statement: (roleArn: string, fn: PlacedFunction) => PolicyStatementProps,
): EndpointPolicy {
  return fn ? EndpointPolicy.of([new PolicyStatement(statement(fn.function.roleArn, fn))]) : EndpointPolicy.closed();
}
