export * from './assumptions';
export * from './cost-report';
export * from './estimate';
export * from './format';
export * from './price-table';
export { DEFAULT_ROOT_VOLUME_GIB } from './pricers/instances';
