import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { CodeArchive } from './code-archive';
import { zipDirectoryPackage, readZipPackage, zipPackage } from './local-package';
import { bundleNodeEntry, BundlingOptions } from './node-bundle';
import { S3CodeLocation, s3LocationProblems } from './s3-location';

/** A package in the stack folder: Terraform uploads it with the function. */
export interface LocalPackageArguments {
  /** Path of the zip, relative to the stack folder. */
  readonly filename: string;
  /** Base64 SHA-256 of the zip: the value Lambda reports as `CodeSha256`, so it changes exactly when the code does. */
  readonly sourceCodeHash: string;
}

/** A package uploaded to S3 outside the stack. */
export interface S3PackageArguments {
  /** The bucket. */
  readonly s3Bucket: string;
  /** The object's key. */
  readonly s3Key: string;
  /** The object's version ID: a new upload is a new version, so a code change is a change of the plan. */
  readonly s3ObjectVersion: string;
}

/** Deployment package of a function, as the arguments of `aws_lambda_function` that name it. */
export interface BoundFunctionCode {
  /** The handler, e.g. `index.handler`. */
  readonly handler: string;
  /** `filename` and `source_code_hash`, or `s3_bucket`, `s3_key` and `s3_object_version`: one shape, never both. */
  readonly functionArguments: LocalPackageArguments | S3PackageArguments;
  /**
   * Variables the code needs (NODE_OPTIONS for a source map); the function merges them into its own.
   * @default none
   */
  readonly environmentVariables?: Readonly<Record<string, string>>;
}

/** What a function tells its code when binding it. */
export interface FunctionCodeContext {
  /** The function's runtime, e.g. `nodejs22.x`: a bundle targets its Node.js version. */
  readonly runtime: string;
}

/** Where a function's code comes from. */
export abstract class FunctionCode {
  /**
   * A directory of built JavaScript, zipped reproducibly into the stack folder
   * (`assets/<construct>/<sha256>/archive.zip`), so the synthesized stack is self-contained.
   * @param directory absolute path of the directory
   * @param handler `file.export` inside it, e.g. `index.handler`
   */
  public static fromDirectory(directory: string, handler = 'index.handler'): FunctionCode {
    return new DirectoryCode(directory, handler);
  }

  /**
   * A TypeScript or JavaScript handler bundled with everything it imports into one CommonJS `index.js` by esbuild,
   * for the function's Node.js runtime, then zipped like a directory. The AWS SDK v3 is left to the runtime unless
   * `bundleAwsSdk` is set. Bundles are cached by the content of every input file, so a warm synth does not bundle.
   * @param entry the handler's file, absolute or relative to the working directory
   */
  public static fromEntry(entry: string, options: BundlingOptions = {}): FunctionCode {
    return new EntryCode(entry, options);
  }

  /**
   * A zip built elsewhere, copied into the stack folder; the SHA-256 of its bytes is `source_code_hash`.
   * @param file path of the zip
   * @param handler the handler setting, e.g. `index.handler`
   */
  public static fromZip(file: string, handler = 'index.handler'): FunctionCode {
    return new ZipFileCode(file, handler);
  }

  /**
   * A zip already in S3 (beyond the 50 MB of a direct upload, or published by another pipeline). The version is
   * required, so uploading new code is a change of the plan.
   * @param handler the handler setting, e.g. `index.handler`
   */
  public static fromS3(location: S3CodeLocation, handler = 'index.handler'): FunctionCode {
    return new S3Code(location, handler);
  }

  /** Resolves the code for the function named `functionName`, creating any archive under `scope`. */
  public abstract bind(scope: Construct, functionName: string, context: FunctionCodeContext): BoundFunctionCode;
}

/** The arguments of an archive in the stack folder. */
function archiveArguments(scope: Construct, zip: Buffer): LocalPackageArguments {
  const archive = new CodeArchive(scope, 'code', { zip });
  return { filename: archive.path, sourceCodeHash: archive.sha256Base64 };
}

class DirectoryCode extends FunctionCode {
  constructor(
    private readonly directory: string,
    private readonly handler: string,
  ) {
    super();
  }

  public bind(scope: Construct, functionName: string): BoundFunctionCode {
    const match = /^([\w./-]+)\.(\w+)$/.exec(this.handler);
    if (!match) {
      throw new Error(`${functionName}: handler "${this.handler}" must be file.export, e.g. index.handler`);
    }
    const entry = ['.js', '.mjs', '.cjs']
      .map((ext) => path.join(this.directory, match[1] + ext))
      .find((f) => fs.existsSync(f));
    if (!entry) {
      throw new Error(
        `${functionName}: no ${match[1]}.js in ${this.directory}; build the function code first (npm run build)`,
      );
    }
    const zip = zipDirectoryPackage(functionName, this.directory);
    return { handler: this.handler, functionArguments: archiveArguments(scope, zip) };
  }
}

class EntryCode extends FunctionCode {
  constructor(
    private readonly entry: string,
    private readonly options: BundlingOptions,
  ) {
    super();
  }

  public bind(scope: Construct, functionName: string, context: FunctionCodeContext): BoundFunctionCode {
    const bundle = bundleNodeEntry(functionName, this.entry, this.options, context.runtime);
    const zip = zipPackage(functionName, bundle.files);
    return {
      handler: bundle.handler,
      functionArguments: archiveArguments(scope, zip),
      environmentVariables: bundle.environmentVariables,
    };
  }
}

class ZipFileCode extends FunctionCode {
  constructor(
    private readonly file: string,
    private readonly handler: string,
  ) {
    super();
  }

  public bind(scope: Construct, functionName: string): BoundFunctionCode {
    const zip = readZipPackage(functionName, path.resolve(this.file));
    return { handler: this.handler, functionArguments: archiveArguments(scope, zip) };
  }
}

class S3Code extends FunctionCode {
  constructor(
    private readonly location: S3CodeLocation,
    private readonly handler: string,
  ) {
    super();
  }

  public bind(_scope: Construct, functionName: string): BoundFunctionCode {
    const problems = s3LocationProblems(this.location);
    if (problems.length > 0) throw new Error(`${functionName}: FunctionCode.fromS3 ${problems.join('; ')}`);
    const { bucket, key, version } = this.location;
    return { handler: this.handler, functionArguments: { s3Bucket: bucket, s3Key: key, s3ObjectVersion: version } };
  }
}

/**
 * The function's environment variables with those its code needs. A variable the function sets itself must hold every
 * option the code's value does (NODE_OPTIONS may add more); otherwise one would silently undo the other.
 */
export function functionEnvironmentVariables(
  functionName: string,
  own: Readonly<Record<string, string>> | undefined,
  fromCode: Readonly<Record<string, string>> = {},
): Record<string, string> | undefined {
  if (Object.keys(fromCode).length === 0) return own && { ...own };
  const merged: Record<string, string> = { ...own };
  for (const [name, needed] of Object.entries(fromCode)) {
    const set = own?.[name];
    if (set === undefined) {
      merged[name] = needed;
    } else if (!needed.split(' ').every((option) => set.split(/\s+/).includes(option))) {
      throw new Error(
        `${functionName}: environmentVariables.${name} = ${JSON.stringify(set)} leaves out ${needed}, which the ` +
          `code's source map needs; allowed: a value that includes ${needed}, or no ${name} (the code sets it)`,
      );
    }
  }
  return merged;
}
