// Invokes the target with the SDK's default endpoint, lambda.<region>.amazonaws.com: the private hosted zone
// associated with this VPC answers with the target VPC's interface endpoint, reached over the Transit Gateway.
const { InvokeCommand, LambdaClient } = require('@aws-sdk/client-lambda');

const lambda = new LambdaClient({});

exports.handler = async (event) => {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.TARGET_FUNCTION_ARN, Payload: JSON.stringify(event ?? {}) }),
  );
  return { statusCode: 200, body: Buffer.from(response.Payload ?? []).toString('utf8') };
};
