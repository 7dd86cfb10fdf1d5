// The function behind the endpoint: the caller in the other VPC reaches it through the Lambda interface endpoint.
exports.handler = async (event) => ({ invokedBy: 'cross-vpc-invoke', received: event });
