// The function that talks to the database: it reaches it on 5432 because its security group is admitted, not its
// subnet.
exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ database: process.env.DB_ENDPOINT }) });
