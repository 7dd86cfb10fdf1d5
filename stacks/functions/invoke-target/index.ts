// Demo handler of the PrivateLink variant, outside the VPC: answers whoever invoked it through the endpoint.

export interface TargetResponse {
  readonly message: string;
  readonly received: unknown;
  readonly at: string;
}

/** Lambda entry point. */
export async function handler(event: unknown): Promise<TargetResponse> {
  return { message: 'invoked through the Lambda interface endpoint', received: event, at: new Date().toISOString() };
}
