export * from './synth-example';
