import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Network } from '@lambda-vpc/network';
import { addDeclaredFunctions } from '../../workloads/declared-functions';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { cidrOf, movedFrom } from '../../shared/moved-rules';
import type { VariantStackProps } from '../variant';
import { PrivateLinkPattern, PrivateLinkPatternProps } from './privatelink-pattern';
import type { PrivatelinkSettings } from './privatelink-variant';
import { addRemoteCallers } from './remote-callers';
import { ResolverInboundEndpoint } from './resolver-inbound-endpoint';

/**
 * PrivateLink-invocation variant of an environment ({@link PrivateLinkPattern}): the demo caller invokes the demo
 * target through the Lambda interface endpoint. The endpoint also serves the callers outside the VPC the
 * environment lists: its security group admits HTTPS from the on-premises or peer networks, its policy names who
 * may invoke, and an optional Route 53 Resolver inbound endpoint lets on-premises DNS resolve the regional name.
 */
export class PrivateLinkStack extends BlueprintStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The demo function invoked through the endpoint, not attached to the VPC; none without the demo. */
  public readonly target?: LambdaFunction;
  /** The demo function in the VPC that invokes the target; none without the demo (`demoFunctions: false`). */
  public readonly caller?: LambdaFunction;
  /** The Lambda API interface endpoint. */
  public readonly lambdaEndpoint: InterfaceEndpoint;
  /** The inbound resolver endpoint, when config asks for one. */
  public readonly resolver?: ResolverInboundEndpoint;

  /** The functions the environment declares in this variant (`functions`). */
  public readonly declaredFunctions: readonly LambdaFunction[];

  constructor(scope: Construct, props: VariantStackProps<PrivatelinkSettings>) {
    super(scope, props);
    const { settings } = props;
    const pattern = new PrivateLinkPattern(this, {
      ...this.networkDefaults(),
      isolatedSubnetPrefixLength: settings.isolatedSubnetPrefixLength,
      ...(settings.demoFunctions && this.demoFunctions(settings)),
      onPremisesCidrs: settings.onPremisesCidrs,
      resolverInboundEndpoint: settings.resolverInboundEndpoint,
    });
    this.network = pattern.network;
    this.target = pattern.target;
    this.caller = pattern.caller;
    this.lambdaEndpoint = pattern.lambdaEndpoint;
    this.resolver = pattern.resolver;
    // Until the connections model, rules on the on-premises networks were numbered by their place in
    // onPremisesCidrs (on-premises-1); they are named by the network now, and move there.
    settings.onPremisesCidrs.forEach((cidr, index) => {
      const owners = [
        ['lambda-endpoint', this.lambdaEndpoint.connections],
        ['resolver-inbound', this.resolver?.connections],
      ] as const;
      for (const [owner, connections] of owners) {
        for (const rule of (connections?.rules ?? []).filter((candidate) => cidrOf(candidate) === cidr)) {
          movedFrom(rule, `${owner}_ingress_on-premises-${index + 1}_${rule.port.id}`);
        }
      }
    });

    if (this.resolver) {
      new TerraformOutput(this, 'resolver_inbound_ip_addresses', {
        value: this.resolver.endpoint.ipAddress,
        description: 'Forward lambda.<region>.amazonaws.com to these from on-premises DNS',
      });
    }
    addRemoteCallers(
      this,
      {
        network: this.network,
        endpoint: this.lambdaEndpoint,
        functionArns: this.functionArnsOfStack(),
        prefix: this.prefix,
      },
      settings.remoteCallers,
    );
    this.declaredFunctions = addDeclaredFunctions(
      this,
      {
        network: this.network,
        endpoints: [this.lambdaEndpoint],
        // A declared function that lists the endpoint may invoke the stack's own functions through it.
        endpointCalls: { lambda: { actions: ['lambda:InvokeFunction'], resources: [this.functionArnsOfStack()] } },
      },
      settings.functions,
    );

    const endpoint = this.lambdaEndpoint;
    this.outputs([
      ['vpc_id', this.network.vpcId, 'The VPC'],
      ['lambda_endpoint_id', endpoint.endpointId, 'The Lambda interface endpoint'],
      [
        'lambda_private_dns_name',
        endpoint.privateDnsName,
        'Resolves to the endpoint inside the VPC (private DNS), and on-premises through the resolver',
      ],
      [
        'lambda_endpoint_regional_dns_name',
        endpoint.regionalDnsName,
        'Endpoint-specific regional name, for clients that cannot use private DNS',
      ],
      [
        'lambda_endpoint_dns_entries',
        endpoint.dnsEntries,
        'Every DNS name of the endpoint: regional first, then one per AZ',
      ],
      // The demo's: who may invoke its target, and its two functions.
      ...(this.caller && this.target
        ? ([
            ['allowed_principals', pattern.allowedPrincipals, 'Who may invoke through the endpoint'],
            ['allowed_functions', [this.target.functionArn], 'What they may invoke'],
            ['caller_function_name', this.caller.functionName, 'Invoke it to call the target through PrivateLink'],
            ['target_function_name', this.target.functionName, 'The function behind the endpoint'],
          ] as const)
        : []),
    ]);
  }

  /** The stack's outputs, each `[name, value, description]`, in order. */
  private outputs(entries: readonly (readonly [string, unknown, string])[]): void {
    for (const [name, value, description] of entries) new TerraformOutput(this, name, { value, description });
  }

  /** Every function of the stack (`<env>-privatelink-*`), as an ARN pattern. */
  private functionArnsOfStack(): string {
    const { partition, region, accountId } = this.awsEnvironment;
    return `arn:${partition}:lambda:${region}:${accountId}:function:${this.prefix}-*`;
  }

  /** The demo caller and target, and who may invoke the target through the endpoint. */
  private demoFunctions(
    settings: PrivatelinkSettings,
  ): Pick<PrivateLinkPatternProps, 'target' | 'caller' | 'invokeSid' | 'allowedPrincipals'> {
    const functionDefaults = this.functionDefaults();
    return {
      target: {
        ...functionDefaults,
        id: 'invoke-target',
        functionName: this.resourceName('invoke-target'),
        description: 'Invoked through the Lambda interface endpoint; runs outside the VPC',
        code: demoFunctionCode('invoke-target'),
      },
      caller: {
        ...functionDefaults,
        id: 'invoke-caller',
        functionName: this.resourceName('invoke-caller'),
        description: 'Invokes the target through the Lambda interface endpoint, with no NAT and no internet gateway',
        code: demoFunctionCode('invoke-caller'),
      },
      invokeSid: 'InvokeTargetOnly',
      allowedPrincipals: settings.allowedPrincipals,
    };
  }
}
