export * from './evaluate';
export * from './rule';
export * from './rules';
export * from './stack-document';
export * from './suppress';
