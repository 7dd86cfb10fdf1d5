// What `npm run check:packages` (check-packages.ts) holds the construct packages to, as pure functions over a
// tarball's listing, a package.json, the repository's lockfile and the scratch consumer's synthesized JSON, so the
// tests check each rule without packing or installing anything.
import { asList, StackDocument, StackJson, StackResource } from '@lambda-vpc/stack-model';

/** The packages a project outside the repository installs, each after the ones it depends on. */
export const CONSTRUCT_PACKAGES = ['stack-model', 'network', 'nat', 'endpoints', 'lambda'] as const;

/**
 * A construct package's folder from the repository root: the write half under packages/, and stack-model, the IPv4
 * CIDR and Terraform-shape library both halves share, under toolkit/.
 */
export function constructPackageFolder(name: (typeof CONSTRUCT_PACKAGES)[number]): string {
  return name === 'stack-model' ? `toolkit/${name}` : `packages/${name}`;
}

/** The framework a construct package shares with its consumer: peer dependencies, so one instance of each loads. */
export const FRAMEWORK_PACKAGES = ['@cdktf/provider-aws', 'cdktf', 'constructs'] as const;

/** Files every tarball has at its top level besides the compiled `dist/`. */
const TOP_LEVEL_FILES = ['package.json', 'README.md', 'LICENSE'];

/**
 * What is wrong with a construct package's tarball, from its entries (`package/...`, as `tar -tzf` lists them) and
 * the package's source files (paths under `src/`, e.g. `network.ts`). A tarball holds package.json, README.md,
 * LICENSE and, for each source module, its `dist/<module>.js` and `.d.ts`: nothing else (no sources, tests, configs,
 * build info or test results), and no compiled file whose source is gone (a stale build).
 */
export function tarballProblems(entries: readonly string[], sourceFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const files = entries.filter((entry) => !entry.endsWith('/'));
  const outside = files.filter((entry) => !entry.startsWith('package/'));
  problems.push(...outside.map((entry) => `${entry} is outside the package/ folder`));
  const packed = new Set(
    files.filter((entry) => entry.startsWith('package/')).map((entry) => entry.slice('package/'.length)),
  );
  const modules = sourceFiles
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.test\.ts$/.test(file))
    .map((file) => file.slice(0, -'.ts'.length));
  const expected = [...TOP_LEVEL_FILES, ...modules.flatMap((module) => [`dist/${module}.js`, `dist/${module}.d.ts`])];
  problems.push(...expected.filter((file) => !packed.has(file)).map((file) => `${file} is missing`));
  for (const file of [...packed].filter((entry) => !expected.includes(entry)).sort()) {
    const compiled = /^dist\/(.+)\.(js|d\.ts)$/.exec(file);
    problems.push(
      compiled && !/\.test$/.test(compiled[1])
        ? `${file} has no src/${compiled[1]}.ts: stale build output (npm run clean, then build)`
        : `${file} does not belong in the package`,
    );
  }
  return problems;
}

/** A package.json, as far as the check reads it. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly main?: string;
  readonly types?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The framework packages a module's source imports (`cdktf`, `constructs`, `@cdktf/provider-aws/lib/...`). */
export function frameworkImports(source: string): string[] {
  return FRAMEWORK_PACKAGES.filter((name) => new RegExp(`from '${name.replace('/', '\\/')}(/[^']*)?'`).test(source));
}

/**
 * What is wrong with a construct package's manifest for a consumer: `siblings` are the versions of the other
 * construct packages, `framework` the framework packages its sources import. It must be public, Apache-2.0, point
 * `main` and `types` at dist, pin siblings exactly, and take the framework as peers (kept as exact devDependencies so
 * the workspace builds), never as dependencies that would install a second copy under it.
 */
export function manifestProblems(
  manifest: PackageManifest,
  siblings: Readonly<Record<string, string>>,
  framework: readonly string[],
): string[] {
  const problems: string[] = [];
  const { name } = manifest;
  if (manifest.private) problems.push(`${name} is private: npm refuses to publish it`);
  if (manifest.license !== 'Apache-2.0')
    problems.push(`${name}: license is ${manifest.license ?? 'missing'}, not Apache-2.0`);
  if (manifest.main !== 'dist/index.js')
    problems.push(`${name}: main is ${manifest.main ?? 'missing'}, not dist/index.js`);
  if (manifest.types !== 'dist/index.d.ts')
    problems.push(`${name}: types is ${manifest.types ?? 'missing'}, not dist/index.d.ts`);
  for (const [dependency, spec] of Object.entries(manifest.dependencies ?? {})) {
    if ((FRAMEWORK_PACKAGES as readonly string[]).includes(dependency)) {
      problems.push(
        `${name}: ${dependency} is a dependency; make it a peer dependency so the consumer's one copy is used`,
      );
    } else if (siblings[dependency] !== undefined && spec !== siblings[dependency]) {
      problems.push(`${name}: depends on ${dependency}@${spec}; pin the sibling exactly, ${siblings[dependency]}`);
    }
  }
  for (const dependency of framework) {
    if (!manifest.peerDependencies?.[dependency])
      problems.push(`${name}: imports ${dependency} but has no peer dependency on it`);
    const dev = manifest.devDependencies?.[dependency];
    // An npm alias to an exact version (the cdktn build's npm:@cdktn/provider-aws@25.5.0) is as exact a pin.
    if (!dev || !/^(npm:(@[\w.-]+\/)?[\w.-]+@)?\d+\.\d+\.\d+$/.test(dev))
      problems.push(
        `${name}: ${dependency} needs an exact devDependency (the workspace's build), not ${dev ?? 'none'}`,
      );
  }
  return problems;
}

/** A lockfile entry: an installed package's version, or a link to a workspace (whose entry has the version). */
interface LockedPackage {
  readonly version?: string;
  readonly link?: boolean;
  readonly resolved?: string;
}

/**
 * The exact version package-lock.json installs at the root for `name`; a name linked to a workspace (the cdktn
 * build's `cdktf`, say) has the workspace's version.
 */
export function lockedVersion(
  lock: { readonly packages: Readonly<Record<string, LockedPackage>> },
  name: string,
): string {
  const entry = lock.packages[`node_modules/${name}`];
  const version = entry?.link && entry.resolved ? lock.packages[entry.resolved]?.version : entry?.version;
  if (!version) throw new Error(`package-lock.json locks no node_modules/${name}`);
  return version;
}

/** The scratch consumer's package.json: each tarball by path, the framework and Node.js types at exact versions. */
export function consumerManifest(
  tarballs: Readonly<Record<string, string>>,
  versions: Readonly<Record<string, string>>,
): object {
  const sorted = (entries: [string, string][]): Record<string, string> =>
    Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  const { '@types/node': typesNode, ...framework } = versions;
  return {
    name: 'construct-packages-consumer',
    version: '0.0.0',
    private: true,
    dependencies: sorted([
      ...Object.entries(tarballs).map(([name, file]): [string, string] => [name, `file:${file}`]),
      ...Object.entries(framework),
    ]),
    ...(typesNode ? { devDependencies: { '@types/node': typesNode } } : {}),
  };
}

/** What toolkit/commands/package-consumer/main.ts declares; the consumer's Terraform JSON is held to it. */
export const CONSUMER_STACK = {
  stack: 'consumer',
  region: 'eu-west-1',
  cidrBlock: '10.50.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  /** Each tier's subnets in AZ order, as the plan lays a /24 and a /20 tier out with four AZ slots each. */
  subnetCidrs: { public: ['10.50.0.0/24', '10.50.1.0/24'], private: ['10.50.64.0/20', '10.50.80.0/20'] },
  functionName: 'consumer-worker',
} as const;

/**
 * What is wrong with the consumer's synthesized stack (`cdk.tf.json`), property by property: the VPC and its CIDR,
 * a public and a private subnet per AZ, one NAT gateway in the first AZ's public subnet with every private route
 * table's default route to it, the DynamoDB gateway endpoint on exactly the private route tables, and the function
 * in the private subnets with its own security group (egress to the endpoint's prefix list and to the internet).
 */
export function consumerStackProblems(json: StackJson): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  const doc = new StackDocument(CONSUMER_STACK.stack, json);
  const only = (type: string): StackResource | undefined => {
    const found = doc.resources(type);
    check(found.length === 1, `expected one ${type}, found ${found.length}`);
    return found.length === 1 ? found[0] : undefined;
  };
  const addresses = (references: unknown): string[] =>
    asList(references)
      .map((reference) => doc.resolve(reference)?.address ?? `unresolved ${String(reference)}`)
      .sort();
  const listed = (references: unknown): string => addresses(references).join(', ') || 'none';
  const sameAddresses = (references: unknown, expected: readonly StackResource[]): boolean =>
    JSON.stringify(addresses(references)) === JSON.stringify(expected.map((resource) => resource.address).sort());

  const vpc = only('aws_vpc');
  if (!vpc) return problems;
  check(
    vpc.body.cidr_block === CONSUMER_STACK.cidrBlock,
    `aws_vpc cidr_block is ${vpc.body.cidr_block}, not ${CONSUMER_STACK.cidrBlock}`,
  );
  check(
    vpc.body.enable_dns_support === true && vpc.body.enable_dns_hostnames === true,
    'aws_vpc: DNS support and hostnames are not both on',
  );

  const subnets = doc.resources('aws_subnet');
  const tier = (name: string): StackResource[] =>
    subnets
      .filter((subnet) => subnet.body.tags?.Tier === name)
      .sort((a, b) => String(a.body.availability_zone).localeCompare(String(b.body.availability_zone)));
  const [publicSubnets, privateSubnets] = [tier('public'), tier('private')];
  for (const [name, tierSubnets] of [
    ['public', publicSubnets],
    ['private', privateSubnets],
  ] as const) {
    const placed = tierSubnets.map((subnet) => `${subnet.body.availability_zone} ${subnet.body.cidr_block}`).join(', ');
    const expected = CONSUMER_STACK.availabilityZones
      .map((zone, index) => `${zone} ${CONSUMER_STACK.subnetCidrs[name][index]}`)
      .join(', ');
    check(placed === expected, `the ${name} subnets are ${placed || 'missing'}, not ${expected}`);
  }
  check(
    subnets.length === publicSubnets.length + privateSubnets.length,
    `${subnets.length} aws_subnet, of which only ${publicSubnets.length + privateSubnets.length} public or private`,
  );
  check(
    subnets.every((subnet) => doc.refersTo(subnet.body.vpc_id, vpc) && subnet.body.map_public_ip_on_launch === false),
    'an aws_subnet is not in the VPC, or maps public IPs on launch',
  );

  const tableOf = (subnet: StackResource): StackResource | undefined => {
    const association = doc
      .resources('aws_route_table_association')
      .find((candidate) => doc.refersTo(candidate.body.subnet_id, subnet));
    return association ? doc.resolve(association.body.route_table_id) : undefined;
  };
  const defaultRoutes = (table: StackResource | undefined): StackResource[] =>
    table
      ? doc
          .resources('aws_route')
          .filter(
            (route) =>
              doc.refersTo(route.body.route_table_id, table) && route.body.destination_cidr_block === '0.0.0.0/0',
          )
      : [];

  const gateway = only('aws_internet_gateway');
  const nat = only('aws_nat_gateway');
  if (gateway) {
    check(doc.refersTo(gateway.body.vpc_id, vpc), 'aws_internet_gateway vpc_id is not the VPC');
    for (const subnet of publicSubnets) {
      const routes = defaultRoutes(tableOf(subnet));
      check(
        routes.length === 1 && doc.refersTo(routes[0].body.gateway_id, gateway),
        `${subnet.address}: its table's 0.0.0.0/0 does not go to the internet gateway`,
      );
    }
  }
  if (nat && publicSubnets.length > 0) {
    check(
      doc.refersTo(nat.body.subnet_id, publicSubnets[0]),
      `aws_nat_gateway subnet_id is ${nat.body.subnet_id}, not the public subnet of ` +
        `${CONSUMER_STACK.availabilityZones[0]} (${publicSubnets[0].address})`,
    );
    check(
      doc.resolve(nat.body.allocation_id)?.type === 'aws_eip',
      `aws_nat_gateway allocation_id is ${nat.body.allocation_id}, not an aws_eip of the stack`,
    );
    for (const subnet of privateSubnets) {
      const routes = defaultRoutes(tableOf(subnet));
      check(
        routes.length === 1 && doc.refersTo(routes[0].body.nat_gateway_id, nat),
        `${subnet.address}: its table's 0.0.0.0/0 does not go to the NAT gateway`,
      );
    }
  }

  const endpoint = only('aws_vpc_endpoint');
  const privateTables = privateSubnets.map(tableOf).filter((table): table is StackResource => table !== undefined);
  if (endpoint) {
    check(
      endpoint.body.vpc_endpoint_type === 'Gateway',
      `aws_vpc_endpoint vpc_endpoint_type is ${endpoint.body.vpc_endpoint_type}, not Gateway`,
    );
    check(
      endpoint.body.service_name === `com.amazonaws.${CONSUMER_STACK.region}.dynamodb`,
      `aws_vpc_endpoint service_name is ${endpoint.body.service_name}`,
    );
    check(doc.refersTo(endpoint.body.vpc_id, vpc), 'aws_vpc_endpoint vpc_id is not the VPC');
    check(
      privateTables.length === privateSubnets.length && sameAddresses(endpoint.body.route_table_ids, privateTables),
      `aws_vpc_endpoint route_table_ids are ${listed(endpoint.body.route_table_ids)}, not the private subnets' tables`,
    );
  }

  const fn = only('aws_lambda_function');
  if (!fn) return problems;
  check(
    fn.body.function_name === CONSUMER_STACK.functionName,
    `aws_lambda_function function_name is ${fn.body.function_name}`,
  );
  check(
    doc.resolve(fn.body.role)?.type === 'aws_iam_role',
    'aws_lambda_function role is not an aws_iam_role of the stack',
  );
  check(
    /^assets\/.+\.zip$/.test(String(fn.body.filename)) &&
      typeof fn.body.source_code_hash === 'string' &&
      fn.body.source_code_hash !== '',
    `aws_lambda_function filename ${fn.body.filename} is not a zip in the stack's assets, or it has no ` +
      `source_code_hash`,
  );
  const vpcConfig = asList(fn.body.vpc_config)[0] as Record<string, unknown> | undefined;
  check(
    vpcConfig !== undefined && sameAddresses(vpcConfig.subnet_ids, privateSubnets),
    `aws_lambda_function vpc_config.subnet_ids are ${listed(vpcConfig?.subnet_ids)}, not the private subnets`,
  );
  const securityGroups = asList(vpcConfig?.security_group_ids).map((reference) => doc.resolve(reference));
  const securityGroup =
    securityGroups.length === 1 && securityGroups[0]?.type === 'aws_security_group' ? securityGroups[0] : undefined;
  check(
    securityGroup !== undefined && doc.refersTo(securityGroup.body.vpc_id, vpc),
    `aws_lambda_function vpc_config.security_group_ids are ${listed(vpcConfig?.security_group_ids)}, not one ` +
      `security group of the VPC`,
  );
  check(
    doc
      .resources('aws_iam_role_policy_attachment')
      .some(
        (attachment) =>
          attachment.body.policy_arn === 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' &&
          doc.refersTo(attachment.body.role, doc.resolve(fn.body.role)!),
      ),
    "the function's role has no AWSLambdaVPCAccessExecutionRole attachment",
  );
  if (securityGroup && endpoint) {
    const egress = doc
      .resources('aws_vpc_security_group_egress_rule')
      .filter((rule) => doc.refersTo(rule.body.security_group_id, securityGroup));
    check(
      egress.some(
        (rule) =>
          rule.body.prefix_list_id === `\${${endpoint.address}.prefix_list_id}` &&
          rule.body.from_port === 443 &&
          rule.body.to_port === 443,
      ),
      "the function's security group has no HTTPS egress to the DynamoDB endpoint's prefix list",
    );
    check(
      egress.some(
        (rule) => rule.body.cidr_ipv4 === '0.0.0.0/0' && rule.body.from_port === 443 && rule.body.to_port === 443,
      ),
      "the function's security group has no HTTPS egress to 0.0.0.0/0",
    );
  }
  return problems;
}
