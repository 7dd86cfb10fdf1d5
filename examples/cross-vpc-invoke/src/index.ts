export * from './caller-stack';
export * from './example-stack';
export * from './synth-example';
export * from './target-stack';
