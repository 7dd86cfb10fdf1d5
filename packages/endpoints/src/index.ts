export * from './endpoint-policy';
export * from './gateway-endpoint';
