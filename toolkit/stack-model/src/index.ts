export * from './endpoint-subnets';
export * from './ipv4-cidr';
export * from './layer-modules';
export * from './network-intent';
export * from './route-tables';
export * from './security-group-rules';
export * from './stack-document';
export * from './terraform-values';
