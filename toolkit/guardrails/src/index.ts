export * from './evaluate';
export * from './rule';
export * from './rules';
export * from './suppress';
export * from './role-permissions';
export * from './package/zip-entries';
export * from './package/module-loads';
