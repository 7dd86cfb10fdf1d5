/**
 * Reachability over a synthesized stack's `cdk.tf.json`: which destinations each VPC-attached Lambda function
 * reaches (the internet, DynamoDB, S3, the Lambda API, any CIDR and port), through which hops, and what each
 * interface endpoint admits and allows.
 */
export { analyzeReachability, query } from './analyze';
export { DEFAULT_INTERNET_ADDRESS } from './destinations';
export { intentViolations } from './intent';
export { functionsByInternetVerdict, internetHeadline, internetVerdictFromAnyAz } from './internet-exposure';
export { formatReachabilityTable } from './table';
export * from './types';
export { analyzeInvocationAcrossStacks, formatInvocationAcrossStacks } from './invocation-across-stacks';
export * from './invocation-types';
