import { ENDPOINT_SERVICE_ACTION_PREFIXES, ENDPOINT_SERVICES_AS_OF } from './endpoint-services';
import { editDistance, nearestNames } from './nearest-names';

const LISTED = Object.keys(ENDPOINT_SERVICE_ACTION_PREFIXES);

/**
 * How far `value` is from a listed endpoint name: its edit distance, but 0 when `value` is the service's IAM prefix
 * (`cloudwatch` -> `monitoring`) and 1 when the name extends it (`ecr` -> `ecr.api`), the two mistakes the distance
 * alone ranks badly.
 */
const distanceFrom = (value: string) => (name: string) => {
  const lower = value.toLowerCase();
  if (ENDPOINT_SERVICE_ACTION_PREFIXES[name]!.includes(lower)) return 0;
  if (name.startsWith(`${lower}.`) || name.startsWith(`${lower}-`)) return 1;
  return editDistance(lower, name);
};

/** An AWS service reachable through an interface endpoint. */
export class InterfaceEndpointService {
  /** AWS Lambda: invoking functions privately (PrivateLink). */
  public static readonly LAMBDA = new InterfaceEndpointService('lambda');
  /** AWS STS: assuming roles without a route to the internet. */
  public static readonly STS = new InterfaceEndpointService('sts');
  /** AWS Secrets Manager. */
  public static readonly SECRETS_MANAGER = new InterfaceEndpointService('secretsmanager');
  /** AWS KMS. */
  public static readonly KMS = new InterfaceEndpointService('kms');
  /** AWS Systems Manager (Parameter Store). */
  public static readonly SSM = new InterfaceEndpointService('ssm');

  /**
   * Any other listed service by its endpoint name, the last part of `com.amazonaws.<region>.<name>` (e.g. `ecr.api`);
   * a name not in the list of {@link ENDPOINT_SERVICES_AS_OF} throws, naming the nearest listed ones.
   */
  public static of(name: string): InterfaceEndpointService {
    const problem = InterfaceEndpointService.problem(name);
    if (problem !== undefined) throw new Error(`interface endpoint service "${name}": ${problem}`);
    return new InterfaceEndpointService(name);
  }

  /** What is wrong with a service's endpoint name, or undefined when {@link of} accepts it. */
  public static problem(name: unknown): string | undefined {
    if (typeof name !== 'string') {
      return (
        'is not a service name; allowed: an endpoint name as in com.amazonaws.<region>.<name>, ' +
        'e.g. "lambda" or "ecr.api"'
      );
    }
    if (Object.hasOwn(ENDPOINT_SERVICE_ACTION_PREFIXES, name)) return undefined;
    return (
      `is not an interface endpoint service (AWS PrivateLink list as of ${ENDPOINT_SERVICES_AS_OF}); nearest: ` +
      nearestNames(name, LISTED, 3, distanceFrom(name)).join(', ')
    );
  }

  /** The IAM action prefixes of the service's API, e.g. `cloudwatch` for `monitoring`. */
  public readonly actionPrefixes: readonly string[];

  private constructor(
    /** The service's endpoint name, e.g. `lambda`. */
    public readonly name: string,
  ) {
    this.actionPrefixes = ENDPOINT_SERVICE_ACTION_PREFIXES[name]!;
  }

  /**
   * What is wrong with calling `action` (`service:Action`) through this service's endpoint, or undefined when its
   * prefix is one of {@link actionPrefixes}. An action without a prefix is left to the policy's own form check.
   */
  public actionProblem(action: string): string | undefined {
    const prefix = action.includes(':') ? action.slice(0, action.indexOf(':')) : undefined;
    if (prefix === undefined || this.actionPrefixes.includes(prefix)) return undefined;
    return (
      `is an action of ${prefix}, which the ${this.name} endpoint does not serve; allowed: ` +
      this.actionPrefixes.map((allowed) => `${allowed}:<Action>`).join(', ')
    );
  }

  /** The endpoint service name, `com.amazonaws.<region>.<name>`. */
  public serviceName(region: string): string {
    return `com.amazonaws.${region}.${this.name}`;
  }

  /** The service's regional DNS name, `<name>.<region>.amazonaws.com`, that private DNS answers for in the VPC. */
  public privateDnsName(region: string): string {
    return `${this.name}.${region}.amazonaws.com`;
  }
}
