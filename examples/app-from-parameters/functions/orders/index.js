// The team's handler: it runs in the platform's isolated subnets, where only the platform's endpoints answer.
exports.handler = async () => ({
  statusCode: 200,
  body: JSON.stringify({ from: process.env.AWS_LAMBDA_FUNCTION_NAME }),
});
