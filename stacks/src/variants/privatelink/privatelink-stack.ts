import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import {
  allowInvokeFunction, EndpointPolicy, EndpointSource, InterfaceEndpoint, InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { suppressGuardrail } from '@lambda-vpc/guardrails';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { connect, Network, Port, SubnetType } from '@lambda-vpc/network';
import type { VariantStackProps } from '../variant';
import type { PrivatelinkSettings } from './privatelink-variant';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { ResolverInboundEndpoint } from './resolver-inbound-endpoint';

/**
 * PrivateLink-invocation variant: a caller function in isolated subnets invokes a target function through a
 * Lambda interface endpoint, with no NAT, no IGW and no public IP. Private DNS makes the regional name
 * `lambda.<region>.amazonaws.com` resolve to the endpoint inside the VPC, so the SDK needs no endpoint
 * override. The endpoint also serves callers outside the VPC: its security group admits HTTPS from the
 * configured on-premises or peer networks, its policy names who may invoke what, and an optional Route 53
 * Resolver inbound endpoint lets on-premises DNS resolve the regional name.
 */
export class PrivateLinkStack extends BlueprintStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The function invoked through the endpoint; not attached to the VPC. */
  public readonly target: LambdaFunction;
  /** The function in the VPC that invokes the target. */
  public readonly caller: LambdaFunction;
  /** The Lambda API interface endpoint. */
  public readonly lambdaEndpoint: InterfaceEndpoint;
  /** The inbound resolver endpoint, when config asks for one. */
  public readonly resolver?: ResolverInboundEndpoint;

  constructor(scope: Construct, props: VariantStackProps<PrivatelinkSettings>) {
    super(scope, props);
    const { settings } = props;
    this.network = this.createNetwork();
    const functionDefaults = this.demoFunctionDefaults();
    this.target = new LambdaFunction(this, 'invoke-target', {
      ...functionDefaults,
      functionName: this.resourceName('invoke-target'),
      description: 'Invoked through the Lambda interface endpoint; runs outside the VPC',
      code: demoFunctionCode('invoke-target'),
    });
    suppressGuardrail(this.target.resource, 'LVB-FN-3',
      'The PrivateLink target runs outside the VPC by design: callers reach it through the Lambda interface endpoint');
    this.caller = new LambdaFunction(this, 'invoke-caller', {
      ...functionDefaults,
      functionName: this.resourceName('invoke-caller'),
      description: 'Invokes the target through the Lambda interface endpoint, with no NAT and no internet gateway',
      code: demoFunctionCode('invoke-caller'),
      environmentVariables: { TARGET_FUNCTION_ARN: this.target.functionArn },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.caller.addToRolePolicy({ sid: 'InvokeTarget', actions: ['lambda:InvokeFunction'], resources: [this.target.functionArn] });

    const principals = settings.allowedPrincipals ?? [this.caller.roleArn];
    const functions = [this.target.functionArn];
    this.lambdaEndpoint = new InterfaceEndpoint(this, 'lambda-endpoint', {
      network: this.network,
      service: InterfaceEndpointService.LAMBDA,
      policy: EndpointPolicy.of([allowInvokeFunction({ sid: 'InvokeTargetOnly', principals, functionArns: functions })]),
    });
    connect(this.caller, this.lambdaEndpoint, Port.tcp(443), {
      egress: 'HTTPS to the Lambda API through the interface endpoint',
      ingress: `HTTPS from ${this.caller.peerLabel}`,
    });
    settings.onPremisesCidrs.forEach((cidr, index) => this.lambdaEndpoint.allowFrom(EndpointSource.cidr(cidr, `on-premises-${index + 1}`)));

    if (settings.resolverInboundEndpoint) {
      this.resolver = new ResolverInboundEndpoint(this, 'resolver-inbound', {
        name: this.resourceName('resolver-inbound'),
        vpcId: this.network.vpcId,
        subnets: this.network.isolatedSubnets,
        onPremisesCidrs: settings.onPremisesCidrs,
      });
      new TerraformOutput(this, 'resolver_inbound_ip_addresses', {
        value: this.resolver.endpoint.ipAddress,
        description: 'Forward lambda.<region>.amazonaws.com to these from on-premises DNS',
      });
    }

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'The VPC' });
    new TerraformOutput(this, 'lambda_endpoint_id', { value: this.lambdaEndpoint.endpointId, description: 'The Lambda interface endpoint' });
    new TerraformOutput(this, 'lambda_private_dns_name', {
      value: this.lambdaEndpoint.privateDnsName,
      description: 'Resolves to the endpoint inside the VPC (private DNS), and on-premises through the resolver',
    });
    new TerraformOutput(this, 'lambda_endpoint_regional_dns_name', {
      value: this.lambdaEndpoint.regionalDnsName,
      description: 'Endpoint-specific regional name, for clients that cannot use private DNS',
    });
    new TerraformOutput(this, 'lambda_endpoint_dns_entries', {
      value: this.lambdaEndpoint.dnsEntries,
      description: 'Every DNS name of the endpoint: regional first, then one per AZ',
    });
    new TerraformOutput(this, 'allowed_principals', { value: principals, description: 'Who may invoke through the endpoint' });
    new TerraformOutput(this, 'allowed_functions', { value: functions, description: 'What they may invoke' });
    new TerraformOutput(this, 'caller_function_name', { value: this.caller.functionName, description: 'Invoke it to call the target through PrivateLink' });
    new TerraformOutput(this, 'target_function_name', { value: this.target.functionName, description: 'The function behind the endpoint' });
  }
}
