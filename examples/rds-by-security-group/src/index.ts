export * from './orders-database-stack';
export * from './synth-example';
