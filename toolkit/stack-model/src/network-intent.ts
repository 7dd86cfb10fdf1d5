/**
 * What a variant promises about the network paths of its stacks: data, declared once by the variant, that the
 * guardrails (at synth) and the reachability checks (over the synthesized JSON) hold each stack to.
 */
export interface NetworkIntent {
  /**
   * How VPC-attached functions may reach the public internet. `none`: no route table routes 0.0.0.0/0 or ::/0
   * anywhere and the stack has no internet gateway, NAT or Elastic IP; `through-nat`: a function whose security
   * group lets it out to the internet reaches it only through a NAT, then an internet gateway.
   */
  readonly internet: 'none' | 'through-nat';
  /**
   * How functions that call DynamoDB (their security group lets them out toward it) reach it. `gateway-endpoint`:
   * every path ends at the stack's DynamoDB gateway endpoint, none passes a NAT, and the endpoint's policy allows the
   * function's role.
   * @default not promised
   */
  readonly dynamodb?: 'gateway-endpoint';
  /**
   * How functions that call the Lambda API reach it. `interface-endpoint`: through the stack's one Lambda interface
   * endpoint, with private DNS on and a policy that names its principals.
   * @default not promised
   */
  readonly lambdaApi?: 'interface-endpoint';
}
