export { admittedCidrProblem } from './admitted-cidr';
export * from './endpoint-policy';
export * from './gateway-endpoint';
export * from './interface-endpoint';
export * from './interface-endpoint-service';
export * from './policy-presets';
export * from './published-endpoints';
export * from './endpoint-private-zone';
export { RemoteCallerProps } from './remote-caller';
