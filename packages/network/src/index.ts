export * from './aws-environment';
export * from './aws-limits';
// The one IPv4 CIDR implementation, shared with the packages that read the synthesized JSON back.
export { Ipv4Cidr } from '@lambda-vpc/stack-model';
export * from './dual-stack';
export * from './flow-logs';
export * from './encryption-key';
export * from './network';
export * from './network-interface';
export * from './network-handle';
export * from './published-network';
export * from './subnet-plan';
export * from './subnet-type';
export * from './connections';
export * from './existing-security-group';
export * from './policy-document';
export * from './network-join';
