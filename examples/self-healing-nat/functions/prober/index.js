// Calls the URL through the NAT of its AZ (the private route table's 0.0.0.0/0 leads to that AZ's static network
// interface) and records the status in DynamoDB, which answers through the gateway endpoint instead.
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const dynamodb = new DynamoDBClient({});

exports.handler = async () => {
  const started = Date.now();
  const response = await fetch(process.env.URL, { signal: AbortSignal.timeout(5000) });
  const item = {
    pk: { S: new Date(started).toISOString() },
    status: { N: String(response.status) },
    ms: { N: String(Date.now() - started) },
  };
  await dynamodb.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: item }));
  return { statusCode: 200, body: JSON.stringify({ url: process.env.URL, status: response.status }) };
};
