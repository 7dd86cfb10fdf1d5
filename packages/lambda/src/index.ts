export { BUNDLE_CACHE_VARIABLE, BundleCache } from './bundle-cache';
export * from './code-archive';
export * from './deterministic-zip';
export * from './function-code';
export * from './lambda-function';
export * from './lambda-limits';
export * from './node-bundle';
export * from './s3-location';
export * from './vpc-placement';
