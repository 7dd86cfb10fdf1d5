import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './environments';

/** Every TypeScript source git tracks or would track (not node_modules, not build output). */
function typescriptSources(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.ts'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => file && !file.endsWith('.d.ts') && fs.existsSync(path.join(repositoryRoot, file)));
}

/** Every JavaScript source git tracks or would track (scripts, configs). */
function javascriptSources(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.js'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => file && !file.includes('/dist/') && fs.existsSync(path.join(repositoryRoot, file)));
}

/** The workspaces' npm scope (`@lambda-vpc` unless a team renamed it), read from the stacks package. */
const scope = (
  JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'stacks', 'package.json'), 'utf8')).name as string
).split('/')[0];

describe('source rules', () => {
  const sources = typescriptSources();

  it('finds the sources it checks', () => {
    expect(sources).toEqual(expect.arrayContaining(['packages/network/src/network.ts', 'stacks/src/synth.ts']));
  });

  // The deep-import rule has one home, eslint.config.js (npm run lint, part of npm test); this proves it bites.
  it(
    'refuses the @cdktf/provider-aws and provider-tfe roots by import or require, in JavaScript and TypeScript ' +
      '(about 2 s and 500 MB per process), and allows deep paths',
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- eslint loaded only by the test that runs it
      const { Linter } = require('eslint') as typeof import('eslint');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the repository's own CommonJS eslint config
      const config = require(path.join(repositoryRoot, 'eslint.config.js'));
      const linter = new Linter({ configType: 'flat', cwd: repositoryRoot });
      // The deep-import rules only: the samples are one line, so other rules (an unused import) would fire too.
      const lint = (file: string, code: string) =>
        linter
          .verify(code, config, { filename: path.join(repositoryRoot, file) })
          .map((m) => m.ruleId)
          .filter((rule) => rule?.startsWith('no-restricted-'));
      expect(lint('packages/network/src/x.ts', "import { Vpc } from '@cdktf/provider-aws';\n")).toEqual([
        'no-restricted-imports',
      ]);
      expect(lint('bootstrap/terraform-cloud/src/x.ts', "import { Workspace } from '@cdktf/provider-tfe';\n")).toEqual([
        'no-restricted-imports',
      ]);
      expect(lint('toolkit/scripts/x.js', "const aws = require('@cdktf/provider-aws');\n")).toEqual([
        'no-restricted-syntax',
      ]);
      expect(lint('toolkit/commands/src/x.ts', "import { Vpc } from '@cdktf/provider-aws';\n")).toEqual([
        'no-restricted-imports',
      ]);
      expect(
        lint(
          'toolkit/commands/src/x.ts',
          "const tfe = require('@cdktf/provider-tfe') as typeof import('@cdktf/provider-tfe');\n",
        ),
      ).toEqual(['no-restricted-syntax']);
      expect(
        lint(
          'toolkit/commands/src/x.ts',
          "const vpc = require('@cdktf/provider-aws/lib/vpc') as typeof import('@cdktf/provider-aws/lib/vpc');\n",
        ),
      ).toEqual([]);
      expect(lint('packages/network/src/x.ts', "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\n")).toEqual([]);
    },
  );

  it('loads app code (apps/<env>) only through the stacks loader: nothing imports or requires an app', () => {
    const appCode = new RegExp(`(from\\s+|require\\(\\s*)['"](${scope}/app-|[./]*apps/)`);
    const offenders = [...sources, ...javascriptSources()].filter(
      (file) => !file.startsWith('apps/') && appCode.test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
    // The loader itself requires each app's compiled values.
    expect(fs.readFileSync(path.join(repositoryRoot, 'stacks/src/environment-apps.ts'), 'utf8')).toMatch(
      /require\(compiled\)/,
    );
  });

  it(
    'keeps packages free of stacks, apps and the bootstrap, and stacks free of apps and the bootstrap (data flows ' +
      'one way)',
    () => {
      const offenders = sources.filter((file) => {
        const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
        if (/^(packages|toolkit)\/(?!commands\/)/.test(file))
          return new RegExp(`from\\s+['"]${scope}/(stacks|app-|bootstrap-)`).test(text);
        if (file.startsWith('stacks/')) return new RegExp(`from\\s+['"]${scope}/(app-|bootstrap-)`).test(text);
        return false;
      });
      expect(offenders).toEqual([]);
    },
  );

  it(
    'keeps the Terraform Cloud bootstrap in bootstrap/terraform-cloud: no other workspace depends on or imports the ' +
      'tfe bindings',
    () => {
      const manifests = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*package.json'], {
        cwd: repositoryRoot,
        encoding: 'utf8',
      })
        .split('\n')
        .filter((file) => file && file !== 'package.json' && fs.existsSync(path.join(repositoryRoot, file)));
      const dependents = manifests.filter((file) => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, file), 'utf8'));
        return '@cdktf/provider-tfe' in { ...manifest.dependencies, ...manifest.devDependencies };
      });
      expect(dependents).toEqual(['bootstrap/terraform-cloud/package.json']);
      const importers = sources.filter((file) =>
        /^import [^;]*from '@cdktf\/provider-tfe\//m.test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')),
      );
      expect(importers.length).toBeGreaterThan(0);
      expect(importers.filter((file) => !file.startsWith('bootstrap/terraform-cloud/'))).toEqual([]);
    },
  );

  it(
    "has only the repository tests import the repository's commands (tools): packages, stacks, apps and examples " +
      'never do',
    () => {
      const offenders = [...sources, ...javascriptSources()].filter(
        (file) =>
          !file.startsWith('toolkit/commands/') &&
          !file.startsWith('tests/') &&
          new RegExp(`(from\\s+|require\\(\\s*)['"]${scope}/tools['"/]`).test(
            fs.readFileSync(path.join(repositoryRoot, file), 'utf8'),
          ),
      );
      expect(
        sources
          .filter((file) => file.startsWith('tests/'))
          .some((file) => fs.readFileSync(path.join(repositoryRoot, file), 'utf8').includes(`${scope}/tools/`)),
      ).toBe(true);
      expect(offenders).toEqual([]);
    },
  );

  it('keeps stack-model a leaf: it imports no workspace and no framework, so both halves can build on it', () => {
    const offenders = sources.filter(
      (file) =>
        file.startsWith('toolkit/stack-model/src/') &&
        new RegExp(`from\\s+['"](${scope}/|cdktf|constructs|@cdktf/)`).test(
          fs.readFileSync(path.join(repositoryRoot, file), 'utf8'),
        ),
    );
    expect(sources.some((file) => file.startsWith('toolkit/stack-model/src/'))).toBe(true);
    expect(offenders).toEqual([]);
  });

  it(
    'keeps reachability, cost and diagram on stack-model (and diagram on reachability): no constructs, no ' +
      'framework, no guardrails',
    () => {
      const readHalf = /^toolkit\/(reachability|cost|diagram)\/src\//;
      const offenders = sources.filter(
        (file) =>
          readHalf.test(file) &&
          new RegExp(`from\\s+['"](${scope}/(guardrails|network|nat|endpoints|lambda)|cdktf)['"/]`).test(
            fs.readFileSync(path.join(repositoryRoot, file), 'utf8'),
          ),
      );
      expect(offenders).toEqual([]);
    },
  );

  it(
    'reads route tables in stack-model only: no other read-half source looks up a route resource type or reads ' +
      'route arguments',
    () => {
      // The Terraform shapes of a route (aws_route, inline route blocks, associations, main and default tables,
      // gateway endpoints' route_table_ids) are flattened once, in stack-model's route tables.
      const lookup = /(resources|all)\(\s*['"]aws_(route|route_table|default_route_table)['"]/;
      const association =
        /['"]aws_(route_table_association|main_route_table_association|vpc_endpoint_route_table_association)['"]/;
      const argument =
        /body\??\.(route|route_table_id|route_table_ids|destination_cidr_block|destination_ipv6_cidr_block|destination_prefix_list_id)\b/;
      const readHalf = /^toolkit\/(guardrails|reachability|cost|diagram|stack-model)\/src\//;
      const readers = sources.filter(
        (file) =>
          readHalf.test(file) &&
          (() => {
            const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
            return lookup.test(text) || association.test(text) || argument.test(text);
          })(),
      );
      expect(readers).toEqual(['toolkit/stack-model/src/route-tables.ts']);
    },
  );

  it(
    'draws diagram paths from reachability: diagram imports it and walks no security group, policy or route match ' +
      'of its own',
    () => {
      const diagram = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'toolkit/diagram/package.json'), 'utf8'));
      expect(Object.keys(diagram.dependencies)).toContain(`${scope}/reachability`);
      const files = sources.filter((file) => file.startsWith('toolkit/diagram/src/'));
      const read = (file: string) => fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
      expect(files.filter((file) => new RegExp(`from\\s+['"]${scope}/reachability['"]`).test(read(file)))).toEqual(
        expect.arrayContaining(['toolkit/diagram/src/diagram-model.ts', 'toolkit/diagram/src/reachability-edges.ts']),
      );
      // Security group rules (any shape), endpoint policy documents, longest-prefix matching: reachability's work.
      const ownPaths =
        /securityGroupRules|_security_group_rule|_(ingress|egress)_rule|body\.policy|JSON\.parse|prefixLength|selectRoute/;
      expect(files.filter((file) => ownPaths.test(read(file)))).toEqual([]);
    },
  );

  it('has one IPv4 CIDR parser: no dotted-quad pattern outside toolkit/stack-model', () => {
    const dottedQuad = String.raw`(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})`;
    const offenders = sources.filter(
      (file) =>
        /\/src\//.test(file) &&
        !file.startsWith('toolkit/stack-model/') &&
        (fs.readFileSync(path.join(repositoryRoot, file), 'utf8').includes(dottedQuad) ||
          /class Ipv4Cidr\b/.test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8'))),
    );
    expect(offenders).toEqual([]);
  });

  it('builds hand-made Terraform JSON from test-support only: no test writes its own reference builder', () => {
    const builder = ['${${type}', '.${name}'].join('');
    const offenders = sources.filter(
      (file) =>
        /\/test\/|^tests\//.test(file) && fs.readFileSync(path.join(repositoryRoot, file), 'utf8').includes(builder),
    );
    expect(fs.readFileSync(path.join(repositoryRoot, 'test-support/stack-json.ts'), 'utf8')).toContain(builder);
    expect(offenders).toEqual([]);
  });

  // The repository's commands are the typed tools workspace (toolkit/commands/src, compiled to toolkit/commands/dist).
  // Three plain JavaScript files stay in toolkit/scripts/ because they must run before any build: clean deletes every
  // dist folder (toolkit/commands/dist included), so it runs on a fresh clone, after a failed build and after itself;
  // jest loads the results reporter by path in every workspace's run, including a direct `npx jest` before anything is
  // built; quiet-build is the build that npm run synth runs first, on a fresh clone too.
  it(
    "keeps the repository's commands in toolkit/commands/src: toolkit/scripts/ holds shell scripts and only the " +
      'three ' +
      'JavaScript files that run before a build',
    () => {
      const scripts = javascriptSources().filter((file) => file.startsWith('toolkit/scripts/'));
      expect(scripts.sort()).toEqual([
        'toolkit/scripts/clean.js',
        'toolkit/scripts/jest-results-reporter.js',
        'toolkit/scripts/quiet-build.js',
      ]);
      expect(sources.filter((file) => file.startsWith('toolkit/commands/src/')).length).toBeGreaterThan(0);
    },
  );

  it(
    "has tests import the commands' modules typed from @lambda-vpc/tools: no require of toolkit/scripts/, no require " +
      'cast ' +
      'to a hand-written shape',
    () => {
      const testFiles = sources.filter((file) => /\/test\/|^tests\//.test(file));
      const offenders = testFiles.filter((file) => {
        const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
        return (
          /require\(\s*['"][./]*scripts\//.test(text) ||
          /from\s+['"][./]*scripts\//.test(text) ||
          /require\([^)]*\)\s+as\s+\{/.test(text)
        );
      });
      expect(testFiles.length).toBeGreaterThan(0);
      expect(offenders).toEqual([]);
    },
  );

  it(
    'builds each variant in one place, its pattern: no variant stack or variant example makes a VPC, NAT or ' +
      'endpoint itself',
    () => {
      const variantSources = sources.filter((file) =>
        /^(stacks\/src\/variants\/[^/]+\/[^/]+-stack|examples\/(private-only|nat-egress|privatelink)\/src\/[^/]+)\.ts$/.test(
          file,
        ),
      );
      expect(variantSources).toEqual(
        expect.arrayContaining([
          'stacks/src/variants/nat-egress/nat-egress-stack.ts',
          'examples/privatelink/src/privatelink-stack.ts',
        ]),
      );
      const offenders = variantSources.filter((file) =>
        /new (Network|Nat|GatewayEndpoint|InterfaceEndpoint|LambdaFunction)\(/.test(
          fs.readFileSync(path.join(repositoryRoot, file), 'utf8'),
        ),
      );
      expect(offenders).toEqual([]);
    },
  );

  it('keeps network independent of nat, endpoints and lambda', () => {
    const offenders = sources.filter(
      (file) =>
        file.startsWith('packages/network/') &&
        new RegExp(`from\\s+['"]${scope}/(nat|endpoints|lambda)['"]`).test(
          fs.readFileSync(path.join(repositoryRoot, file), 'utf8'),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
