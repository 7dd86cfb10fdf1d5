import { Token } from 'cdktf';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LAYER_MODULES_KEY } from '@lambda-vpc/stack-model';
import { layerOf, layerVersionArnProblem } from './resource-arns';

/** Lambda's limit on the layers of one function. */
export const LAMBDA_MAX_LAYERS = 5;

/** Options of {@link FunctionLayer.fromArn}. */
export interface FunctionLayerOptions {
  /**
   * The modules the layer makes loadable (e.g. `['sharp']`), so checks of the function's packages count them as
   * present. Recorded in the function's `//.layer_modules`.
   * @default none: the layer is opaque to those checks
   */
  readonly provides?: readonly string[];
}

/** A Lambda layer version a function loads, in the order given (a later layer's files win). */
export class FunctionLayer {
  /**
   * A published layer version, by its ARN (`arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>`).
   * The function checks the ARN's form and names itself in the error.
   */
  public static fromArn(layerVersionArn: string, options: FunctionLayerOptions = {}): FunctionLayer {
    return new FunctionLayer(layerVersionArn, [...(options.provides ?? [])]);
  }

  private constructor(
    /** The layer version's ARN. */
    public readonly layerVersionArn: string,
    /** The modules the layer makes loadable. */
    public readonly provides: readonly string[],
  ) {}
}

/** Every problem of a function's layers, as `field = value: problem`. */
export function layerProblems(layers: readonly FunctionLayer[] = []): string[] {
  const problems: string[] = [];
  if (layers.length > LAMBDA_MAX_LAYERS) {
    problems.push(
      `layers = ${layers.length} layers: is more than Lambda loads; allowed: at most ${LAMBDA_MAX_LAYERS} per function`,
    );
  }
  const seen = new Map<string, number>();
  layers.forEach((layer, index) => {
    const arn = layer.layerVersionArn;
    const field = `layers[${index}] = ${arn}`;
    const problem = layerVersionArnProblem(arn);
    if (problem !== undefined) problems.push(`${field}: ${problem}`);
    else if (!Token.isUnresolved(arn)) {
      const earlier = seen.get(layerOf(arn));
      // Lambda refuses two versions of one layer on the same function.
      if (earlier !== undefined) {
        problems.push(
          `${field}: is a second version of the layer in layers[${earlier}]; allowed: one version per layer`,
        );
      } else seen.set(layerOf(arn), index);
    }
    for (const name of layer.provides.filter((provided) => !/^\S+$/.test(provided))) {
      problems.push(`${field}: provides "${name}", which is not a module name; allowed: a name without spaces`);
    }
  });
  return problems;
}

/**
 * Sets the function's `layers` and, when any layer provides modules, records them in its `//` comment as
 * `layer_modules` (cdktf keeps its own `//.metadata` beside it). Nothing is written for a function without layers.
 */
export function applyLayers(resource: LambdaFunctionResource, layers: readonly FunctionLayer[] = []): void {
  if (layers.length === 0) return;
  resource.layers = layers.map((layer) => layer.layerVersionArn);
  const modules = [...new Set(layers.flatMap((layer) => layer.provides))];
  if (modules.length > 0) resource.addOverride(`//.${LAYER_MODULES_KEY}`, modules);
}
