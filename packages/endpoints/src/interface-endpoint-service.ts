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

  /** Any other service by its endpoint name, the last part of `com.amazonaws.<region>.<name>` (e.g. `ecr.api`). */
  public static of(name: string): InterfaceEndpointService {
    const problem = InterfaceEndpointService.problem(name);
    if (problem !== undefined) throw new Error(`interface endpoint service "${name}": ${problem}`);
    return new InterfaceEndpointService(name);
  }

  /** What is wrong with a service's endpoint name, or undefined when {@link of} accepts it. */
  public static problem(name: unknown): string | undefined {
    return typeof name === 'string' && /^[a-z0-9][a-z0-9.-]*$/.test(name)
      ? undefined
      : 'is not a service name; allowed: lower-case letters, digits, dots and dashes as in ' +
          'com.amazonaws.<region>.<name>, e.g. "lambda" or "ecr.api"';
  }

  private constructor(
    /** The service's endpoint name, e.g. `lambda`. */
    public readonly name: string,
  ) {}

  /** The endpoint service name, `com.amazonaws.<region>.<name>`. */
  public serviceName(region: string): string {
    return `com.amazonaws.${region}.${this.name}`;
  }

  /** The service's regional DNS name, `<name>.<region>.amazonaws.com`, that private DNS answers for in the VPC. */
  public privateDnsName(region: string): string {
    return `${this.name}.${region}.amazonaws.com`;
  }
}
