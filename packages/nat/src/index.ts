export * from './eip-allocations';
export * from './nat';
export * from './nat-gateway';
export * from './nat-instance';
export * from './nat-strategy';
export * from './strategy-kinds';
