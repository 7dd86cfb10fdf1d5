import { TerraformVariable } from 'cdktf';
import { FunctionLayer, LambdaFunctionProps } from '@lambda-vpc/lambda';
import { onlyResource, synthWithComments } from '../../../test-support/terraform-json';
import { makeCodeDirectory, removeDirectory, synthFunction } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const layerArn = (name: string, version = 1) => `arn:aws:lambda:eu-west-1:123456789012:layer:${name}:${version}`;
const SHARP = layerArn('sharp', 3);
const POWERTOOLS = 'arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:12';

const build = (layers: LambdaFunctionProps['layers']) => () => synthFunction(codeDirectory, () => ({ layers }));

describe('layers', () => {
  it('are written to layers in the order given', () => {
    const fn = onlyResource(
      synthFunction(codeDirectory, () => ({
        layers: [FunctionLayer.fromArn(POWERTOOLS), FunctionLayer.fromArn(SHARP)],
      })),
      'aws_lambda_function',
    );
    expect(fn.layers).toEqual([POWERTOOLS, SHARP]);
  });

  it('leave layers unset on a function without them', () => {
    expect(onlyResource(synthFunction(codeDirectory), 'aws_lambda_function')).not.toHaveProperty('layers');
  });

  it("record the modules they provide in the function's // comment, beside cdktf's metadata", () => {
    const json = synthFunction(
      codeDirectory,
      () => ({
        layers: [
          FunctionLayer.fromArn(SHARP, { provides: ['sharp'] }),
          FunctionLayer.fromArn(POWERTOOLS, { provides: ['@aws-lambda-powertools/logger', 'sharp'] }),
        ],
      }),
      synthWithComments,
    );
    expect(onlyResource(json, 'aws_lambda_function')['//']).toEqual({
      metadata: { path: 'test/fn/Default', uniqueId: 'fn' },
      layer_modules: ['sharp', '@aws-lambda-powertools/logger'],
    });
  });

  it('write no layer_modules when no layer provides a module', () => {
    const json = synthFunction(codeDirectory, () => ({ layers: [FunctionLayer.fromArn(SHARP)] }), synthWithComments);
    expect(onlyResource(json, 'aws_lambda_function')['//']).toEqual({
      metadata: { path: 'test/fn/Default', uniqueId: 'fn' },
    });
  });

  it('accept a layer ARN known only at apply time', () => {
    const json = synthFunction(codeDirectory, (scope) => ({
      layers: [FunctionLayer.fromArn(new TerraformVariable(scope, 'layer', {}).stringValue)],
    }));
    expect(onlyResource(json, 'aws_lambda_function').layers).toEqual(['${var.layer}']);
  });
});

describe('layers: what is refused', () => {
  it("more than Lambda's 5", () => {
    const six = [1, 2, 3, 4, 5, 6].map((n) => FunctionLayer.fromArn(layerArn(`layer-${n}`)));
    expect(build(six)).toThrow(
      new Error('dev-test-api: layers = 6 layers: is more than Lambda loads; allowed: at most 5 per function'),
    );
  });

  it('an ARN that is not a layer version ARN (a function ARN, a layer without its version)', () => {
    const functionArn = 'arn:aws:lambda:eu-west-1:123456789012:function:sharp';
    const unversioned = 'arn:aws:lambda:eu-west-1:123456789012:layer:sharp';
    const allowed = 'allowed: arn:<partition>:lambda:<region>:<12-digit account>:layer:<name>:<version>';
    expect(build([FunctionLayer.fromArn(functionArn), FunctionLayer.fromArn(unversioned)])).toThrow(
      new Error(
        `dev-test-api: layers[0] = ${functionArn}: is not a layer version ARN; ${allowed}; ` +
          `layers[1] = ${unversioned}: is not a layer version ARN; ${allowed}`,
      ),
    );
  });

  it('two versions of one layer', () => {
    expect(build([FunctionLayer.fromArn(layerArn('sharp', 2)), FunctionLayer.fromArn(SHARP)])).toThrow(
      new Error(
        `dev-test-api: layers[1] = ${SHARP}: is a second version of the layer in layers[0]; allowed: one version ` +
          'per layer',
      ),
    );
  });

  it('a provided module name with a space', () => {
    expect(build([FunctionLayer.fromArn(SHARP, { provides: ['sharp libvips'] })])).toThrow(
      new Error(
        `dev-test-api: layers[0] = ${SHARP}: provides "sharp libvips", which is not a module name; allowed: a name ` +
          'without spaces',
      ),
    );
  });
});
