export * from './code-archive';
export * from './deterministic-zip';
export * from './function-code';
export * from './lambda-function';
export * from './lambda-limits';
export * from './vpc-placement';
