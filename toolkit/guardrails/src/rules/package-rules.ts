import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYER_MODULES_KEY, StackResource } from '@lambda-vpc/stack-model';
import { handlerFileProblem, nodeMajorOf, unloadableModules } from '../package/package-loads';
import { zipFileEntries } from '../package/zip-entries';
import { Finding, GuardrailRule } from '../rule';

/**
 * A function whose package lacks a module it loads deploys cleanly and fails at its first invocation with
 * `Cannot find module`; only the package itself shows it before then.
 */
export const FUNCTION_PACKAGES_COMPLETE: GuardrailRule = {
  id: 'LVB-FN-5',
  title: "Every module a function's code loads is in its package, a layer or the runtime",
  severity: 'error',
  scannerEquivalents: [],
  fix: 'bundle it with FunctionCode.fromEntry, or add it to the directory (its node_modules)',
  check: (stack, context) => {
    const folder = context.stackDirectory;
    if (folder === undefined) return [];
    return stack
      .resources('aws_lambda_function')
      .filter((fn) => typeof fn.body.filename === 'string' && nodeMajorOf(String(fn.body.runtime)) !== undefined)
      .flatMap((fn) => packageFindings(fn, path.resolve(folder, fn.body.filename)));
  },
};

function packageFindings(fn: StackResource, zipPath: string): Finding[] {
  const name = String(fn.body.function_name ?? fn.address);
  const finding = (message: string): Finding => ({ resource: fn, message: `function ${name} ${message}` });
  let files: Map<string, Buffer>;
  try {
    files = new Map(zipFileEntries(fs.readFileSync(zipPath)).map((entry) => [entry.path, entry.content]));
  } catch (error) {
    return [finding(`has a package ${fn.body.filename} that cannot be read: ${(error as Error).message}`)];
  }
  const handlerProblem = handlerFileProblem(files, String(fn.body.handler));
  const runtime = String(fn.body.runtime);
  const layerModules: string[] = fn.body['//']?.[LAYER_MODULES_KEY] ?? [];
  return [
    ...(handlerProblem ? [finding(handlerProblem)] : []),
    ...unloadableModules(files, { runtime, layerModules }).map(({ file, specifier }) =>
      finding(`loads ${specifier} (from ${file}), which is not in its package, its layers or the ${runtime} runtime`),
    ),
  ];
}
