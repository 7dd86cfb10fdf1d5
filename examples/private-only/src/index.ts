export * from './private-only-stack';
export * from './synth-example';
