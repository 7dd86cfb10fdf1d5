// The item actions the grant helpers give on a table, named one by one (no wildcards, no table administration).

/** Item reads on a DynamoDB table: no scans, no table administration. */
export const DYNAMODB_READ_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];

/** Item reads and writes on a DynamoDB table. */
export const DYNAMODB_READ_WRITE_ACTIONS: readonly string[] = [
  ...DYNAMODB_READ_ACTIONS,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
