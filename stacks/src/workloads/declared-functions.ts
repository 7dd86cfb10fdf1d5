import * as path from 'node:path';
import { GatewayEndpoint, InterfaceEndpoint } from '@lambda-vpc/endpoints';
import {
  DYNAMODB_READ_ACTIONS,
  DYNAMODB_READ_WRITE_ACTIONS,
  FailureQueue,
  FunctionCode,
  FunctionLayer,
  LambdaFunction,
  secretGrantResource,
} from '@lambda-vpc/lambda';
import { INetwork, Peer, PolicyStatement, Port } from '@lambda-vpc/network';
import type { BlueprintStack } from '../shared/blueprint-stack';
import type { ItemsTable } from '../shared/items-table';
import { REPOSITORY_ROOT } from '../shared/repository-root';
import type { WorkloadSettings } from './workload-schema';

/** What a variant stack offers the functions a team declares in it. */
export interface DeclaredFunctionSurroundings {
  /** The stack's VPC: functions take its private subnets (with egress where there are, else isolated). */
  readonly network: INetwork;
  /**
   * The stack's table, for `table: read | read-write`.
   * @default none: a function that asks for it is refused
   */
  readonly table?: ItemsTable;
  /** The stack's endpoints, by which functions reach AWS services without the internet. */
  readonly endpoints: readonly (GatewayEndpoint | InterfaceEndpoint)[];
  /**
   * What a function that lists an endpoint's service in `endpoints` may call through it, by service (`lambda`,
   * `sts`): its statement in that endpoint's policy, naming its role.
   * @default none: listing a service opens the security group path only
   */
  readonly endpointCalls?: Readonly<Record<string, EndpointCalls>>;
}

/** The actions, on which resources, a declared function may call through an endpoint. */
export interface EndpointCalls {
  /** The actions, each named, e.g. `['lambda:InvokeFunction']`. */
  readonly actions: readonly string[];
  /** The resources, e.g. the stack's function ARNs. */
  readonly resources: readonly string[];
}

/** The short service name of an endpoint: `dynamodb`, `secretsmanager`. */
const serviceOf = (endpoint: GatewayEndpoint | InterfaceEndpoint): string =>
  endpoint instanceof GatewayEndpoint ? endpoint.service : endpoint.service.name;

/** Its variables: those it declares, and `TABLE_NAME` when it is granted the stack's table. */
function environmentOf(workload: WorkloadSettings, table?: ItemsTable): Record<string, string> | undefined {
  const variables = {
    ...(workload.table !== undefined && table ? { TABLE_NAME: table.tableName } : {}),
    ...workload.environment,
  };
  return Object.keys(variables).length > 0 ? variables : undefined;
}

/** The code of a declared function, from whichever of entry, zip and s3 it names. */
function codeOf(workload: WorkloadSettings): FunctionCode {
  if (workload.entry !== undefined) {
    return FunctionCode.fromEntry(path.join(REPOSITORY_ROOT, workload.entry), { handler: workload.handler });
  }
  if (workload.zip !== undefined)
    return FunctionCode.fromZip(path.join(REPOSITORY_ROOT, workload.zip), workload.handler);
  return FunctionCode.fromS3(workload.s3!, workload.handler);
}

/**
 * The functions a team declares under `variants.<variant>.functions`, built into the variant's stack beside its
 * network: each `<env>-<variant>-<name>`, its resources' addresses starting with its name
 * (`aws_lambda_function.orders`), placed in the stack's private subnets with a security group that reaches only
 * the endpoints and peers it declares, each endpoint's policy naming its role for exactly what it was granted.
 */
export function addDeclaredFunctions(
  stack: BlueprintStack,
  surroundings: DeclaredFunctionSurroundings,
  declared: Readonly<Record<string, WorkloadSettings>>,
): LambdaFunction[] {
  return Object.entries(declared).map(([name, workload]) => {
    const where = `environment "${stack.config.name}", variants.${stack.variant.configKey}.functions.${name}`;
    if (stack.node.tryFindChild(name)) {
      const taken = stack.node.children.map((child) => child.node.id).join(', ');
      throw new Error(`${where}: the name is taken by the stack's own ${name}; the stack's names are ${taken}`);
    }
    const defaults = stack.functionDefaults();
    const fn = namingTheField(
      where,
      stack.resourceName(name),
      () =>
        new LambdaFunction(stack, name, {
          ...defaults,
          functionName: stack.resourceName(name),
          description: workload.description ?? `${name}, declared in the ${stack.config.name} environment`,
          code: codeOf(workload),
          memorySize: workload.memorySize ?? defaults.memorySize,
          timeout: workload.timeoutSeconds ?? defaults.timeout,
          environmentVariables: environmentOf(workload, surroundings.table),
          secrets: Object.fromEntries(
            Object.entries(workload.secrets).map(([name, secretArn]) => [name, { secretArn }]),
          ),
          layers: workload.layers.map((layer) => FunctionLayer.fromArn(layer.arn, { provides: layer.provides })),
          reservedConcurrency: workload.reservedConcurrency,
          alias: workload.alias,
          failureQueue: failureQueueOf(workload, stack),
          vpc: { network: surroundings.network },
        }),
    );
    const paths = new EndpointPaths(fn, surroundings.endpoints, `${where}: `, stack.prefix);
    if (workload.table !== undefined) grantTable(fn, workload.table, surroundings.table, paths, where);
    if (Object.keys(workload.secrets).length > 0) readSecrets(fn, Object.values(workload.secrets), paths);
    for (const service of workload.endpoints) {
      const endpoint = paths.required(service, `endpoints "${service}"`);
      const calls = surroundings.endpointCalls?.[service];
      if (calls) {
        endpoint.addToPolicy(
          new PolicyStatement({
            sid: `${pascalCase(fn.peerLabel)}Calls${pascalCase(service.replace(/[^a-z0-9]/g, '-'))}`,
            principals: [fn.roleArn],
            actions: calls.actions,
            resources: calls.resources,
          }),
        );
      }
      paths.reach(endpoint);
    }
    for (const peer of workload.peers) {
      fn.connections.allowTo(Peer.ipv4(peer.cidr, peer.label), Port.tcp(peer.port), `Calls ${peer.label}`);
    }
    return fn;
  });
}

/**
 * What `build` throws for a declared function (its bundle, its package, a value the construct refuses), said of the
 * config field that declares it, with paths below the repository root as the config writes them.
 */
function namingTheField<T>(where: string, functionName: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    const message = String((error as Error).message ?? error)
      .replace(`${functionName}: `, '')
      .split(REPOSITORY_ROOT + path.sep)
      .join('');
    throw new Error(`${where}: ${message}`);
  }
}

/** The failure queue it asks for, encrypted with the stack's key. */
function failureQueueOf(workload: WorkloadSettings, stack: BlueprintStack): FailureQueue | undefined {
  const kmsKeyArn = stack.key.keyArn;
  if (workload.failureQueue === 'on-failure-destination') return FailureQueue.onFailureDestination({ kmsKeyArn });
  if (workload.failureQueue === 'dead-letter-queue') return FailureQueue.deadLetterQueue({ kmsKeyArn });
  return undefined;
}

/** The stack's endpoints as one function reaches them: each by one rule, however many of its needs lead there. */
class EndpointPaths {
  private readonly reached = new Set<string>();

  constructor(
    private readonly fn: LambdaFunction,
    private readonly endpoints: readonly (GatewayEndpoint | InterfaceEndpoint)[],
    private readonly where: string,
    private readonly stackName: string,
  ) {}

  /** The stack's endpoint of `service`, if it has one. */
  public find(service: string): GatewayEndpoint | InterfaceEndpoint | undefined {
    return this.endpoints.find((candidate) => serviceOf(candidate) === service);
  }

  /** The stack's endpoint of `service`; `why` it is needed names the field when the stack has none. */
  public required(service: string, why: string): GatewayEndpoint | InterfaceEndpoint {
    const endpoint = this.find(service);
    if (endpoint) return endpoint;
    const offered = this.endpoints.map(serviceOf).join(', ') || 'none';
    throw new Error(`${this.where}${why} needs a ${service} endpoint in ${this.stackName}; its endpoints: ${offered}`);
  }

  /** The function's security group reaches the endpoint on HTTPS (one rule, the endpoint's ingress with it). */
  public reach(endpoint: GatewayEndpoint | InterfaceEndpoint): void {
    const service = serviceOf(endpoint);
    if (this.reached.has(service)) return;
    this.reached.add(service);
    this.fn.connections.allowTo(endpoint, Port.https(), `HTTPS to ${service} through its endpoint`);
  }
}

/**
 * Where the stack has a secretsmanager endpoint, its policy lets the function read exactly its secrets and its
 * security group reaches it; without one, the secrets go through NAT, or LVB-FN-4 refuses a stack with no internet.
 */
function readSecrets(fn: LambdaFunction, secretArns: readonly string[], paths: EndpointPaths): void {
  const endpoint = paths.find('secretsmanager');
  if (!endpoint) return;
  endpoint.addToPolicy(
    new PolicyStatement({
      sid: `${pascalCase(fn.peerLabel)}ReadsItsSecrets`,
      principals: [fn.roleArn],
      actions: ['secretsmanager:GetSecretValue'],
      resources: secretArns.map(secretGrantResource),
    }),
  );
  paths.reach(endpoint);
}

/** Item access to the stack's table: the role's grant, the DynamoDB endpoint's policy and the path to it. */
function grantTable(
  fn: LambdaFunction,
  access: 'read' | 'read-write',
  table: ItemsTable | undefined,
  paths: EndpointPaths,
  where: string,
): void {
  if (!table) throw new Error(`${where}: table: ${access} needs a table, and this variant's stack has none`);
  const actions = access === 'read' ? DYNAMODB_READ_ACTIONS : DYNAMODB_READ_WRITE_ACTIONS;
  if (access === 'read') fn.grantDynamoDbRead(table.tableArn);
  else fn.grantDynamoDbReadWrite(table.tableArn);
  const endpoint = paths.required('dynamodb', `table: ${access}`);
  endpoint.addToPolicy(
    new PolicyStatement({
      sid: `${pascalCase(fn.peerLabel)}UsesTheTable`,
      principals: [fn.roleArn],
      actions,
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  );
  paths.reach(endpoint);
}

/** `orders-api` -> `OrdersApi`, for statement IDs (letters and digits only). */
const pascalCase = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
