export * from './aws-environment';
export * from './cidr';
export * from './flow-logs';
export * from './encryption-key';
export * from './network';
export * from './subnet-plan';
export * from './subnet-type';
