// The rules `npm run check:packages` holds the construct packages to (toolkit/commands/src/construct-packages.ts),
// without packing or installing: a tarball's listing, each manifest as committed, the lockfile's versions, the scratch
// consumer's package.json, and the consumer stack's Terraform JSON, synthesized here from the workspace packages.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import {
  CONSTRUCT_PACKAGES,
  constructPackageFolder,
  consumerManifest,
  consumerStackProblems,
  frameworkImports,
  lockedVersion,
  manifestProblems,
  PackageManifest,
  tarballProblems,
} from '@lambda-vpc/tools/dist/construct-packages';
import { consumerStack } from '../toolkit/commands/package-consumer/main';
import { StackJson, TerraformBlock } from '@lambda-vpc/stack-model';
import { repositoryRoot } from './environments';

type ConstructPackage = (typeof CONSTRUCT_PACKAGES)[number];
const packageDir = (folder: string): string =>
  path.join(repositoryRoot, constructPackageFolder(folder as ConstructPackage));
const manifestOf = (folder: string): PackageManifest =>
  JSON.parse(fs.readFileSync(path.join(packageDir(folder), 'package.json'), 'utf8'));
const sourcesOf = (folder: string): string[] =>
  fs.readdirSync(path.join(packageDir(folder), 'src')).filter((file) => file.endsWith('.ts'));
const frameworkOf = (folder: string): string[] => [
  ...new Set(
    sourcesOf(folder).flatMap((file) =>
      frameworkImports(fs.readFileSync(path.join(packageDir(folder), 'src', file), 'utf8')),
    ),
  ),
];

describe('tarballProblems (what a construct package tarball holds)', () => {
  const sources = ['index.ts', 'network.ts', 'subnet-plan.ts'];
  const good = [
    'package/package.json',
    'package/README.md',
    'package/LICENSE',
    ...['index', 'network', 'subnet-plan'].flatMap((module) => [
      `package/dist/${module}.js`,
      `package/dist/${module}.d.ts`,
    ]),
  ];

  it('accepts package.json, README.md, LICENSE and each source module compiled to dist/*.js and dist/*.d.ts', () => {
    expect(tarballProblems(good, sources)).toEqual([]);
    expect(tarballProblems([...good, 'package/', 'package/dist/'], sources)).toEqual([]);
  });

  it('names every file that does not belong: sources, tests, configs, build info, test results', () => {
    const extra = [
      'package/src/network.ts',
      'package/test/network.test.ts',
      'package/tsconfig.json',
      'package/jest.config.js',
      'package/tsconfig.build.tsbuildinfo',
      'package/.test-results.json',
      'package/dist/network.test.js',
      'package/CHANGELOG.md',
    ];
    expect(tarballProblems([...good, ...extra], sources)).toEqual(
      [...extra].sort().map((file) => `${file.slice('package/'.length)} does not belong in the package`),
    );
  });

  it("names what is missing: the license, the README, a module's JavaScript or its types", () => {
    const missing = [
      'package/LICENSE',
      'package/README.md',
      'package/dist/network.d.ts',
      'package/dist/subnet-plan.js',
    ];
    expect(
      tarballProblems(
        good.filter((entry) => !missing.includes(entry)),
        sources,
      ),
    ).toEqual([
      'README.md is missing',
      'LICENSE is missing',
      'dist/network.d.ts is missing',
      'dist/subnet-plan.js is missing',
    ]);
  });

  it('refuses compiled output whose source is gone, and entries outside package/', () => {
    expect(
      tarballProblems([...good, 'package/dist/old-plan.js', 'package/dist/old-plan.d.ts', 'other/file.js'], sources),
    ).toEqual([
      'other/file.js is outside the package/ folder',
      'dist/old-plan.d.ts has no src/old-plan.ts: stale build output (npm run clean, then build)',
      'dist/old-plan.js has no src/old-plan.ts: stale build output (npm run clean, then build)',
    ]);
  });

  it('expects a module in a subfolder of src/ under the same subfolder of dist/', () => {
    expect(
      tarballProblems(
        [...good, 'package/dist/pricers/nat.js', 'package/dist/pricers/nat.d.ts'],
        [...sources, 'pricers/nat.ts'],
      ),
    ).toEqual([]);
  });
});

describe('frameworkImports', () => {
  it('finds cdktf, constructs and the provider by deep path, and nothing that only starts with their names', () => {
    expect(
      frameworkImports("import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nimport { Construct } from 'constructs';\n"),
    ).toEqual(['@cdktf/provider-aws', 'constructs']);
    expect(frameworkImports("import { StackManifest } from 'cdktf/lib/synthesize/synthesizer';\n")).toEqual(['cdktf']);
    expect(
      frameworkImports(
        "import { x } from 'cdktf-cli';\nimport { y } from 'constructs-extra';\nimport { Ipv4Cidr } from " +
          "'@lambda-vpc/stack-model';\n",
      ),
    ).toEqual([]);
  });
});

describe("the construct packages' manifests, as committed", () => {
  const siblings = Object.fromEntries(
    CONSTRUCT_PACKAGES.map((folder) => [manifestOf(folder).name, manifestOf(folder).version]),
  );

  it.each(CONSTRUCT_PACKAGES)(
    '%s: public, Apache-2.0, dist entry points, exact siblings, the framework as peers',
    (folder) => {
      expect(manifestProblems(manifestOf(folder), siblings, frameworkOf(folder))).toEqual([]);
    },
  );

  it('leaves stack-model free of the framework and has the four construct packages peer on all three of it', () => {
    expect(frameworkOf('stack-model')).toEqual([]);
    expect(manifestOf('stack-model').peerDependencies).toBeUndefined();
    for (const folder of ['network', 'nat', 'endpoints', 'lambda']) {
      const peers = Object.keys(manifestOf(folder).peerDependencies ?? {}).sort();
      expect([folder, peers]).toEqual([folder, ['@cdktf/provider-aws', 'cdktf', 'constructs']]);
      expect(peers).toEqual(expect.arrayContaining(frameworkOf(folder)));
    }
    expect(manifestOf('network').dependencies).toEqual({
      '@lambda-vpc/stack-model': siblings['@lambda-vpc/stack-model'],
    });
  });

  it('copies the root LICENSE in for npm pack and removes it after, so one copy is committed', () => {
    for (const folder of CONSTRUCT_PACKAGES) {
      const { scripts } = JSON.parse(fs.readFileSync(path.join(packageDir(folder), 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect([folder, scripts.prepack, scripts.postpack]).toEqual([
        folder,
        expect.stringContaining("'../../LICENSE', 'LICENSE'"),
        expect.stringContaining("rmSync('LICENSE'"),
      ]);
    }
    expect(fs.readFileSync(path.join(repositoryRoot, 'LICENSE'), 'utf8')).toMatch(
      /^\s+Apache License\s+Version 2\.0, January 2004[\s\S]+END OF TERMS AND CONDITIONS/,
    );
  });

  it('names each way a manifest breaks a consumer', () => {
    const network = manifestOf('network');
    const framework = frameworkOf('network');
    const problems = (change: Partial<PackageManifest>) =>
      manifestProblems({ ...network, ...change }, siblings, framework);
    expect(problems({ private: true })).toEqual(['@lambda-vpc/network is private: npm refuses to publish it']);
    expect(problems({ main: 'src/index.ts' })).toEqual([
      '@lambda-vpc/network: main is src/index.ts, not dist/index.js',
    ]);
    expect(problems({ dependencies: { '@lambda-vpc/stack-model': '^0.1.0' } })).toEqual([
      '@lambda-vpc/network: depends on @lambda-vpc/stack-model@^0.1.0; pin the sibling exactly, 0.1.0',
    ]);
    expect(problems({ dependencies: { ...network.dependencies, cdktf: '0.21.0' } })).toEqual([
      "@lambda-vpc/network: cdktf is a dependency; make it a peer dependency so the consumer's one copy is used",
    ]);
    const { constructs: _peer, ...peers } = network.peerDependencies!;
    expect(problems({ peerDependencies: peers })).toEqual([
      '@lambda-vpc/network: imports constructs but has no peer dependency on it',
    ]);
    expect(problems({ devDependencies: { ...network.devDependencies, cdktf: '^0.21.0' } })).toEqual([
      "@lambda-vpc/network: cdktf needs an exact devDependency (the workspace's build), not ^0.21.0",
    ]); // The cdktn build's manifests alias the bindings to an exact version: still an exact pin.
    const aliased = { ...network.devDependencies, '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.5.0' };
    expect(problems({ devDependencies: aliased })).toEqual([]);
    expect(
      problems({ devDependencies: { ...aliased, '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@^25.5.0' } }),
    ).toEqual([
      "@lambda-vpc/network: @cdktf/provider-aws needs an exact devDependency (the workspace's build), " +
        'not npm:@cdktn/provider-aws@^25.5.0',
    ]);
  });
});

describe("the scratch consumer's install", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package-lock.json'), 'utf8'));

  it('takes each framework package at the version the lockfile installs at the root', () => {
    for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a version named at run time
      expect(lockedVersion(lock, name)).toBe(require(`${name}/package.json`).version);
    }
    expect(() => lockedVersion(lock, 'no-such-package')).toThrow(
      'package-lock.json locks no node_modules/no-such-package',
    );
  });

  it('reads the version of a name linked to a workspace from the workspace, as the cdktn build locks cdktf', () => {
    const linked = {
      packages: {
        'node_modules/cdktf': { resolved: 'toolkit/frameworks/cdktn/cdktf', link: true },
        'toolkit/frameworks/cdktn/cdktf': { version: '0.21.0' },
      },
    };
    expect(lockedVersion(linked, 'cdktf')).toBe('0.21.0');
  });

  it('installs each tarball by file path and the framework at exact versions, Node.js types for tsc only', () => {
    expect(
      consumerManifest(
        { '@lambda-vpc/network': 'tarballs/lambda-vpc-network-0.1.0.tgz' },
        { cdktf: '0.21.0', '@types/node': '20.19.43' },
      ),
    ).toEqual({
      name: 'construct-packages-consumer',
      version: '0.0.0',
      private: true,
      dependencies: { '@lambda-vpc/network': 'file:tarballs/lambda-vpc-network-0.1.0.tgz', cdktf: '0.21.0' },
      devDependencies: { '@types/node': '20.19.43' },
    });
  });
});

describe(
  'consumerStackProblems, on toolkit/commands/package-consumer/main.ts synthesized from the workspace ' + 'packages',
  () => {
    let json: StackJson & { resource: Record<string, Record<string, TerraformBlock>> };
    let codeDirectory: string;
    beforeAll(() => {
      codeDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-code-'));
      fs.writeFileSync(path.join(codeDirectory, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
      json = JSON.parse(Testing.synth(consumerStack(Testing.app(), codeDirectory)));
    });
    afterAll(() => fs.rmSync(codeDirectory, { recursive: true, force: true }));

    const mutated = (change: (copy: typeof json) => void): string[] => {
      const copy = structuredClone(json);
      change(copy);
      return consumerStackProblems(copy);
    };
    const only = (copy: typeof json, type: string): TerraformBlock => Object.values(copy.resource[type])[0];
    const subnetReference = (copy: typeof json, tier: string, zone: string): string =>
      `\${aws_subnet.${Object.keys(copy.resource.aws_subnet).find((name) => name.includes(`_${tier}_${zone}_`))}.id}`;

    it('passes the stack as the packages build it', () => {
      expect(consumerStackProblems(json)).toEqual([]);
    });

    it('fails a VPC of another CIDR, or subnets planned elsewhere', () => {
      expect(
        mutated((copy) => {
          only(copy, 'aws_vpc').cidr_block = '10.60.0.0/16';
        }),
      ).toEqual(['aws_vpc cidr_block is 10.60.0.0/16, not 10.50.0.0/16']);
      expect(
        mutated((copy) => {
          Object.values(copy.resource.aws_subnet).find((subnet) => subnet.cidr_block === '10.50.80.0/20')!.cidr_block =
            '10.50.16.0/20';
        }),
      ).toEqual([
        'the private subnets are eu-west-1a 10.50.64.0/20, eu-west-1b 10.50.16.0/20, not eu-west-1a 10.50.64.0/20, ' +
          'eu-west-1b 10.50.80.0/20',
      ]);
    });

    it(
      'fails a NAT gateway outside the first public subnet, a second one, and a private table not routed to ' + 'it',
      () => {
        expect(
          mutated((copy) => {
            only(copy, 'aws_nat_gateway').subnet_id = subnetReference(copy, 'private', 'eu-west-1a');
          }),
        ).toEqual([
          expect.stringMatching(
            /^aws_nat_gateway subnet_id is \$\{aws_subnet\.network_subnet_private_eu-west-1a_\w+\.id\}, not the public subnet of eu-west-1a/,
          ),
        ]);
        expect(
          mutated((copy) => {
            copy.resource.aws_nat_gateway.second = { ...only(copy, 'aws_nat_gateway') };
          }),
        ).toEqual(['expected one aws_nat_gateway, found 2']);
        expect(
          mutated((copy) => {
            const natRoutes = Object.entries(copy.resource.aws_route).filter(([, route]) => route.nat_gateway_id);
            expect(natRoutes).toHaveLength(2);
            delete copy.resource.aws_route[natRoutes[1][0]];
          }),
        ).toEqual([
          expect.stringMatching(
            /^aws_subnet\.network_subnet_private_eu-west-1b_\w+: its table's 0\.0\.0\.0\/0 does not go to the NAT gateway$/,
          ),
        ]);
      },
    );

    it('fails a gateway endpoint on the public tables or for another service', () => {
      expect(
        mutated((copy) => {
          only(copy, 'aws_vpc_endpoint').route_table_ids.pop();
        }),
      ).toEqual([
        expect.stringMatching(
          /^aws_vpc_endpoint route_table_ids are aws_route_table\.\S+, not the private subnets' tables$/,
        ),
      ]);
      expect(
        mutated((copy) => {
          only(copy, 'aws_vpc_endpoint').service_name = 'com.amazonaws.eu-west-1.s3';
        }),
      ).toEqual(['aws_vpc_endpoint service_name is com.amazonaws.eu-west-1.s3']);
    });

    it(
      'fails a function outside the private subnets, without its security group, or without VPC access ' +
        'permissions',
      () => {
        expect(
          mutated((copy) => {
            only(copy, 'aws_lambda_function').vpc_config.subnet_ids = [
              subnetReference(copy, 'public', 'eu-west-1a'),
              subnetReference(copy, 'private', 'eu-west-1b'),
            ];
          }),
        ).toEqual([
          expect.stringMatching(
            /^aws_lambda_function vpc_config\.subnet_ids are aws_subnet\.network_subnet_private_eu-west-1b_\w+, aws_subnet\.network_subnet_public_eu-west-1a_\w+, not the private subnets$/,
          ),
        ]);
        expect(
          mutated((copy) => {
            delete only(copy, 'aws_lambda_function').vpc_config;
          }),
        ).toEqual([
          'aws_lambda_function vpc_config.subnet_ids are none, not the private subnets',
          'aws_lambda_function vpc_config.security_group_ids are none, not one security group of the VPC',
        ]);
        expect(
          mutated((copy) => {
            for (const attachment of Object.values(copy.resource.aws_iam_role_policy_attachment))
              attachment.policy_arn = attachment.policy_arn.replace('VPCAccess', 'Basic');
          }),
        ).toEqual(["the function's role has no AWSLambdaVPCAccessExecutionRole attachment"]);
      },
    );

    it("fails a function security group without HTTPS egress to the endpoint's prefix list", () => {
      expect(
        mutated((copy) => {
          for (const rule of Object.values(copy.resource.aws_vpc_security_group_egress_rule))
            if (rule.prefix_list_id) rule.from_port = rule.to_port = 80;
        }),
      ).toEqual(["the function's security group has no HTTPS egress to the DynamoDB endpoint's prefix list"]);
    });
  },
);

describe("the construct packages' READMEs", () => {
  const mainProps: Record<string, readonly string[]> = {
    network: ['network.ts:NetworkProps'],
    nat: ['nat.ts:NatProps'],
    endpoints: ['gateway-endpoint.ts:GatewayEndpointProps', 'interface-endpoint.ts:InterfaceEndpointProps'],
    lambda: ['lambda-function.ts:LambdaFunctionProps'],
  };

  it.each(Object.entries(mainProps))(
    '%s: an inputs table with a row for every prop of its main construct',
    (folder, interfaces) => {
      const readme = fs.readFileSync(path.join(packageDir(folder), 'README.md'), 'utf8');
      const src = path.join(packageDir(folder), 'src');
      const sources = fs.readdirSync(src).map((file) => fs.readFileSync(path.join(src, file), 'utf8'));
      /** The props of an interface of the package, with those of the package's interfaces it extends. */
      const propsOf = (name: string): string[] => {
        const pattern = new RegExp(`export interface ${name}(?: extends ([\\w, ]+))? \\{([\\s\\S]*?)\\n\\}`);
        const [, parents = '', body = ''] = sources.map((source) => pattern.exec(source)).find(Boolean) ?? [];
        const own = [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((match) => match[1]);
        const inPackage = parents.split(',').map((parent) => parent.trim());
        return [...own, ...inPackage.filter((parent) => parent !== '').flatMap(propsOf)];
      };
      for (const entry of interfaces) {
        const [file, name] = entry.split(':');
        expect(fs.readFileSync(path.join(src, file), 'utf8')).toContain(`export interface ${name} `);
        const props = propsOf(name);
        expect(props.length).toBeGreaterThan(1);
        const start = readme.indexOf(`## Inputs (\`${name}\`)`);
        expect([name, start]).not.toEqual([name, -1]);
        const end = readme.indexOf('\n## ', start + 1);
        const table = readme.slice(start, end < 0 ? undefined : end);
        expect([name, props.filter((prop) => !table.includes(`| \`${prop}\` |`))]).toEqual([name, []]);
      }
      expect(readme).toMatch(new RegExp(`npm install @lambda-vpc/${folder} `));
    },
  );
});
