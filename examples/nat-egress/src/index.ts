export * from './nat-egress-stack';
export * from './synth-example';
