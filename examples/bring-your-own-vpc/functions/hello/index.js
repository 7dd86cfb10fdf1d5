// The team's handler: it runs in the platform's private subnets and reaches the internet through the platform's NAT.
exports.handler = async () => ({
  statusCode: 200,
  body: JSON.stringify({ from: process.env.AWS_LAMBDA_FUNCTION_NAME }),
});
