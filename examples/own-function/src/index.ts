export * from './own-function-stack';
export * from './synth-example';
