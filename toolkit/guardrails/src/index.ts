export * from './evaluate';
export * from './rule';
export * from './rules';
export * from './suppress';
