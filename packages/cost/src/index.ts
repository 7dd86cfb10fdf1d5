export * from './assumptions';
export * from './estimate';
export * from './format';
export * from './price-table';
