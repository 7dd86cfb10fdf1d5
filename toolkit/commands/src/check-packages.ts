#!/usr/bin/env node
// `npm run check:packages [-- --keep]`: the construct packages work outside this repository. Packs each one
// (construct-packages.ts's CONSTRUCT_PACKAGES) with npm pack and holds its tarball to tarballProblems and its manifest
// to manifestProblems, then, in a scratch project under the OS temp folder, installs the tarballs with the framework
// at the versions package-lock.json locks, type-checks toolkit/commands/package-consumer/main.ts against the installed
// .d.ts files with the repository's tsc, runs it, and holds the synthesized Terraform JSON to consumerStackProblems.
// --keep leaves the scratch project in place (its path is printed) instead of deleting it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CONSTRUCT_PACKAGES,
  constructPackageFolder,
  consumerManifest,
  consumerStackProblems,
  CONSUMER_STACK,
  FRAMEWORK_PACKAGES,
  frameworkImports,
  lockedVersion,
  manifestProblems,
  PackageManifest,
  tarballProblems,
} from './construct-packages';
import { repositoryRoot as root } from './repository-root';

const started = Date.now();
const log = (message: string): void => console.log(`check:packages: ${message}`);

/** A failure the check explains in one line; `detail` is the failing tool's output, printed above that line. */
class CheckFailure extends Error {
  constructor(
    message: string,
    readonly detail = '',
  ) {
    super(message);
  }
}

/** Runs a command, its output captured; a non-zero exit is a CheckFailure naming `what`, with the output's tail. */
function run(what: string, command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    const output = `${stdout ?? ''}${stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new CheckFailure(`${what} failed (${command} ${args.join(' ')} in ${cwd})`, output);
  }
}

const failIf = (problems: readonly string[], what: string): void => {
  if (problems.length > 0) throw new CheckFailure(`${what}: ${problems.join('; ')}`);
};

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Every .ts file under a package's src/, relative to it. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** Packs one package into `destination` and checks the tarball and the manifest; returns the tarball's path. */
function pack(
  folder: (typeof CONSTRUCT_PACKAGES)[number],
  destination: string,
  siblings: Readonly<Record<string, string>>,
): string {
  const packageDir = path.join(root, constructPackageFolder(folder));
  const manifest = readJson<PackageManifest>(path.join(packageDir, 'package.json'));
  const sources = sourceFiles(path.join(packageDir, 'src'));
  const framework = [
    ...new Set(
      sources.flatMap((file) => frameworkImports(fs.readFileSync(path.join(packageDir, 'src', file), 'utf8'))),
    ),
  ];
  failIf(manifestProblems(manifest, siblings, framework), `${constructPackageFolder(folder)}/package.json`);

  log(`packing ${folder}`);
  const [report] = JSON.parse(
    run(`npm pack of ${folder}`, 'npm', ['pack', '--json', '--pack-destination', destination], packageDir),
  ) as [{ filename: string }];
  const tarball = path.join(destination, report.filename);
  if (fs.existsSync(path.join(packageDir, 'LICENSE')))
    throw new CheckFailure(`packages/${folder}/LICENSE is still there after npm pack: postpack did not run`);
  const entries = run(`listing ${report.filename}`, 'tar', ['-tzf', tarball], destination)
    .split('\n')
    .filter((line) => line !== '');
  failIf(tarballProblems(entries, sources), report.filename);
  return tarball;
}

function check(keep: boolean): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'check-packages-'));
  if (!path.relative(root, scratch).startsWith('..'))
    throw new CheckFailure(`the scratch folder ${scratch} is inside the repository`);
  try {
    const manifests = CONSTRUCT_PACKAGES.map((folder) =>
      readJson<PackageManifest>(path.join(root, constructPackageFolder(folder), 'package.json')),
    );
    const siblings = Object.fromEntries(manifests.map((manifest) => [manifest.name, manifest.version]));
    fs.mkdirSync(path.join(scratch, 'tarballs'));
    const tarballs = Object.fromEntries(
      CONSTRUCT_PACKAGES.map((folder, index) => [
        manifests[index].name,
        path
          .relative(scratch, pack(folder, path.join(scratch, 'tarballs'), siblings))
          .split(path.sep)
          .join('/'),
      ]),
    );

    const lock = readJson<{ packages: Record<string, { version?: string }> }>(path.join(root, 'package-lock.json'));
    const versions = Object.fromEntries(
      [...FRAMEWORK_PACKAGES, '@types/node'].map((name) => [name, lockedVersion(lock, name)]),
    );
    fs.writeFileSync(
      path.join(scratch, 'package.json'),
      `${JSON.stringify(consumerManifest(tarballs, versions), null, 2)}\n`,
    );
    fs.writeFileSync(
      path.join(scratch, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'commonjs',
            moduleResolution: 'node',
            strict: true,
            esModuleInterop: true,
            types: ['node'],
            rootDir: 'src',
            outDir: 'dist',
          },
          include: ['src'],
        },
        null,
        2,
      )}\n`,
    );
    fs.mkdirSync(path.join(scratch, 'src'));
    fs.copyFileSync(
      path.join(root, 'toolkit', 'commands', 'package-consumer', 'main.ts'),
      path.join(scratch, 'src', 'main.ts'),
    );
    fs.mkdirSync(path.join(scratch, 'functions', 'worker'), { recursive: true });
    fs.writeFileSync(
      path.join(scratch, 'functions', 'worker', 'index.js'),
      'exports.handler = async () => ({ ok: true });\n',
    );

    log(
      `installing ${Object.keys(tarballs).join(', ')} and ${Object.entries(versions)
        .map(([name, version]) => `${name}@${version}`)
        .join(', ')} into ${scratch}`,
    );
    run(
      'npm install in the scratch project',
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund'],
      scratch,
    );
    const copies = Object.keys(tarballs)
      .flatMap((name) =>
        FRAMEWORK_PACKAGES.map((framework) => path.join('node_modules', name, 'node_modules', framework)),
      )
      .filter((nested) => fs.existsSync(path.join(scratch, nested)));
    failIf(
      copies.map((nested) => `${nested} is a second copy of the framework`),
      'install',
    );

    log("type-checking src/main.ts against the installed packages' types");
    const typescript = path.join(root, 'node_modules', 'typescript');
    const loaded = run(
      'tsc in the scratch project',
      process.execPath,
      [path.join(typescript, 'bin', 'tsc'), '-p', 'tsconfig.json', '--listFiles'],
      scratch,
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((file) => path.resolve(file.trim()));
    // Only the compiler's own lib.*.d.ts may come from the repository; every package's types from the scratch project.
    const fromRepository = loaded.filter(
      (file) =>
        !path.relative(root, file).startsWith('..') &&
        path.relative(path.join(typescript, 'lib'), file).startsWith('..'),
    );
    failIf(
      fromRepository.slice(0, 3).map((file) => `${file} was read from the repository`),
      'tsc',
    );
    const declarations = Object.keys(tarballs).map((name) =>
      path.join(fs.realpathSync(scratch), 'node_modules', name, 'dist', 'index.d.ts'),
    );
    failIf(
      declarations.filter((file) => !loaded.includes(file)).map((file) => `${file} was not loaded`),
      'tsc',
    );

    log('synthesizing (node dist/main.js)');
    run('the consumer stack', process.execPath, [path.join('dist', 'main.js')], scratch);
    const stackDir = path.join(scratch, 'cdktf.out', 'stacks', CONSUMER_STACK.stack);
    const json = readJson<Parameters<typeof consumerStackProblems>[0]>(path.join(stackDir, 'cdk.tf.json'));
    failIf(consumerStackProblems(json), `cdktf.out/stacks/${CONSUMER_STACK.stack}/cdk.tf.json`);
    const archive = Object.values(json.resource?.aws_lambda_function ?? {})[0]?.filename as string;
    if (!fs.existsSync(path.join(stackDir, archive)))
      throw new CheckFailure(`the function's code ${archive} is not in the stack folder`);
    const resources = Object.values(json.resource ?? {}).reduce(
      (count, byName) => count + Object.keys(byName).length,
      0,
    );
    log(
      `ok (${CONSTRUCT_PACKAGES.length} packages packed and installed outside the repository, ${resources} resources ` +
        `synthesized, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  } finally {
    if (keep) log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  const { values } = parseArgs({
    options: { keep: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  check(values.keep);
} catch (error) {
  if (error instanceof CheckFailure) {
    if (error.detail) console.error(error.detail.replace(/^/gm, '  '));
    console.error(`check:packages: ${error.message}`);
  } else {
    console.error(`check:packages: ${(error as Error).message.split('\n')[0]}`);
  }
  process.exit(1);
}
