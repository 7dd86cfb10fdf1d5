export * from './orders-app';
export * from './orders-app-stack';
