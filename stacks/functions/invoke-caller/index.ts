// Demo handler of the PrivateLink variant, running in isolated subnets: invokes the target function. With
// the interface endpoint's private DNS, the SDK's usual regional endpoint (lambda.<region>.amazonaws.com)
// resolves to the endpoint's private IPs, so the call needs no NAT, no IGW and no endpoint override.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export interface InvokeResult {
  readonly target: string;
  readonly statusCode?: number;
  readonly functionError?: string;
  readonly payload: unknown;
}

export interface CallerDependencies {
  readonly lambda: Pick<LambdaClient, 'send'>;
}

/** Builds the handler around its dependencies, so tests run it with fakes. */
export function createHandler(
  env: NodeJS.ProcessEnv,
  deps: CallerDependencies,
): (event: unknown) => Promise<InvokeResult> {
  const target = env.TARGET_FUNCTION_ARN;
  if (!target) {
    throw new Error('TARGET_FUNCTION_ARN must be set');
  }
  return async (event) => {
    const response = await deps.lambda.send(
      new InvokeCommand({
        FunctionName: target,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify({ from: 'invoke-caller', event })),
      }),
    );
    const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
    return {
      target,
      statusCode: response.StatusCode,
      functionError: response.FunctionError,
      payload: text ? JSON.parse(text) : undefined,
    };
  };
}

let handle: ((event: unknown) => Promise<InvokeResult>) | undefined;

/** Lambda entry point. */
export async function handler(event: unknown): Promise<InvokeResult> {
  handle ??= createHandler(process.env, { lambda: new LambdaClient({}) });
  return handle(event);
}
