import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { CodeArchive } from './code-archive';

/** Deployment package of a function, resolved into a zip inside the stack's folder. */
export interface BoundFunctionCode {
  /** Path of the zip, relative to the stack folder (what `filename` takes). */
  readonly filename: string;
  /** Base64 SHA-256 of the zip: the value Lambda reports as `CodeSha256`, so it changes exactly when the code does. */
  readonly sourceHash: string;
  /** The handler, `file.export`. */
  readonly handler: string;
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

  /** Creates the archive under `scope`. */
  public abstract bind(scope: Construct, functionName: string): BoundFunctionCode;
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
    const archive = new CodeArchive(scope, 'code', { directory: this.directory });
    return { filename: archive.path, sourceHash: archive.sha256Base64, handler: this.handler };
  }
}
