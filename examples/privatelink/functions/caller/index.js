// Invokes the target with the SDK's default endpoint, lambda.<region>.amazonaws.com: private DNS answers with the
// interface endpoint's private IPs, so the call never leaves the VPC for the internet (there is no way out anyway).
const { InvokeCommand, LambdaClient } = require('@aws-sdk/client-lambda');

const lambda = new LambdaClient({});

exports.handler = async (event) => {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.TARGET_FUNCTION_ARN, Payload: JSON.stringify(event ?? {}) }),
  );
  return { statusCode: 200, body: Buffer.from(response.Payload ?? []).toString('utf8') };
};
