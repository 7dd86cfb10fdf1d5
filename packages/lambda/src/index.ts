export * from './connections';
export * from './function-code';
export * from './lambda-function';
export * from './policy-statement';
export * from './vpc-placement';
