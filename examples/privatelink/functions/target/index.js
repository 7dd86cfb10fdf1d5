// The function behind the endpoint: whoever the endpoint policy and IAM allow may invoke it, from inside the VPC.
exports.handler = async (event) => ({ invokedBy: 'privatelink', received: event });
