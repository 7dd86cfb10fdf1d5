export * from './privatelink-stack';
export * from './synth-example';
