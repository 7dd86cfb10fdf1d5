import { IConstruct } from 'constructs';
import { AwsProviderConfig, AwsProviderEndpoints } from '@cdktf/provider-aws/lib/provider';

/**
 * Emulator mode: set this variable to a local AWS emulator's URL (`http://127.0.0.1:<port>`) and every stack
 * synthesizes with its AWS provider pointed there, for apply/plan/destroy tests that need no AWS account.
 */
export const EMULATOR_VARIABLE = 'LAMBDA_VPC_EMULATOR_ENDPOINT';

/** The app context key that carries the emulator endpoint from the synth to every stack. */
export const EMULATOR_CONTEXT = 'lambda-vpc:emulator-endpoint';

/**
 * The provider `endpoints` keys of every AWS API the stacks call, each sent to the emulator. A resource of a
 * service missing here would call real AWS, where the fake credentials fail; a test holds the list complete.
 */
export const EMULATED_SERVICES = [
  'autoscaling',
  'dynamodb',
  'ec2',
  'iam',
  'kms',
  'lambda',
  'logs',
  'route53',
  'route53Resolver',
  's3',
  'ssm',
  'sts',
] as const satisfies readonly (keyof AwsProviderEndpoints)[];

// Loopback only: the fake credentials below must never be offered to anything but a local emulator.
const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost):([0-9]{1,5})$/;

/** A bad emulator endpoint: the message names the variable, the value and what is allowed. */
export class EmulatorEndpointError extends Error {
  constructor(value: string) {
    super(
      `${EMULATOR_VARIABLE} = ${JSON.stringify(value)}: emulator mode sends every AWS call of the stacks to a local ` +
        'emulator; allowed: http://127.0.0.1:<port> or http://localhost:<port> (port 1-65535), or unset for AWS itself',
    );
    this.name = 'EmulatorEndpointError';
  }
}

/** The emulator endpoint from the process environment, validated; `undefined` when emulator mode is off. */
export function emulatorEndpointFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = environment[EMULATOR_VARIABLE];
  if (value === undefined || value === '') return undefined;
  const match = LOOPBACK_URL.exec(value);
  const port = match ? Number(match[2]) : 0;
  if (port < 1 || port > 65535) throw new EmulatorEndpointError(value);
  return value;
}

/** The emulator endpoint a construct's app was synthesized for, or `undefined` outside emulator mode. */
export function emulatorEndpointOf(scope: IConstruct): string | undefined {
  const endpoint: unknown = scope.node.tryGetContext(EMULATOR_CONTEXT);
  return typeof endpoint === 'string' ? endpoint : undefined;
}

/**
 * The AWS provider settings of emulator mode, to spread over a stack's provider config; none outside it.
 * The account check (`allowed_account_ids`) stays on: the provider still asks the emulator's STS who it is,
 * so the emulator must run as the environment's account.
 */
export function emulatorProviderSettings(scope: IConstruct): Partial<AwsProviderConfig> {
  const endpoint = emulatorEndpointOf(scope);
  if (endpoint === undefined) return {};
  const endpoints: AwsProviderEndpoints = Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]));
  return {
    // Emulators accept any key pair; fixed values keep the synthesized JSON reproducible.
    accessKey: 'emulator',
    secretKey: 'emulator',
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    // Bucket names in the path, not the host name: the emulator has one host.
    s3UsePathStyle: true,
    endpoints: [endpoints],
  };
}

/** The local state file of a stack in emulator mode: never the file of the stack's real state. */
export function emulatorStateFile(stackName: string): string {
  return `terraform.${stackName}.emulator.tfstate`;
}
