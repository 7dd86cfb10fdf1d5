export * from './bootstrap-stack';
export * from './cloud-environments';
export * from './synth-bootstrap';
export * from './terraform-cloud-trust';
export * from './terraform-cloud-workspaces-stack';
