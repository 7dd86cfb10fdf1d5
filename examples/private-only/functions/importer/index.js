// Copies an object from the import bucket into the table. Both calls leave through the gateway endpoints: the
// function's subnets have no other way out, and the SDK's regional names resolve to public IPs the prefix lists cover.
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { GetObjectCommand, S3Client } = require('@aws-sdk/client-s3');

const dynamodb = new DynamoDBClient({});
const s3 = new S3Client({});

exports.handler = async (event) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: process.env.IMPORT_BUCKET, Key: event.key }));
  const body = await object.Body.transformToString();
  await dynamodb.send(
    new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { pk: { S: event.key }, body: { S: body } } }),
  );
  return { statusCode: 200, body: JSON.stringify({ imported: event.key }) };
};
