/**
 * Where a function resource's Terraform JSON comment (`//`, which Terraform ignores) lists the packages its layers
 * provide: LambdaFunction writes it, and the package check (guardrail LVB-FN-5) takes those packages as loadable.
 */
export const LAYER_MODULES_KEY = 'layer_modules';
