// The optional Terraform Cloud bootstrap app: for every environment under apps/ whose backend is `cloud`, the
// `terraform-cloud-workspaces` stack (workspaces, remote execution, dynamic AWS credentials) and one
// `<env>-tfc-trust` stack (the IAM OIDC provider and the run role). It is not part of `npm run synth`; with no
// cloud environment it says so and exits 0.
import * as path from 'node:path';
import { loadEnvironmentApps } from '@lambda-vpc/stacks';
import { runBootstrapSynth } from './synth-bootstrap';

let environments;
try {
  environments = loadEnvironmentApps(path.join(__dirname, '..', '..', '..')).map((app) => app.values);
} catch (error) {
  console.error(`synth failed: ${(error as Error).message}`);
  process.exit(1);
}

runBootstrapSynth(environments, {
  // What each environment's Terraform Cloud runs may do in its account. The role grants nothing until the
  // platform team attaches the policies its stacks need, for example:
  // runRolePolicyArns: (config) => [`arn:aws:iam::${config.accountId}:policy/lambda-vpc-deployer`],
});
