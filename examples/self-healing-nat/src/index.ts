export * from './self-healing-nat-stack';
export * from './synth-example';
