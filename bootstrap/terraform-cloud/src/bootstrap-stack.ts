import { Construct, Node } from 'constructs';
import { LocalBackend, TerraformElement, TerraformStack } from 'cdktf';
import { emulatorEndpointOf, emulatorStateFile, ReadableAddresses } from '@lambda-vpc/stacks';

/**
 * Base of the bootstrap stacks. Like the variant stacks, resources get readable Terraform addresses (the
 * construct path joined by `_`; a child named `Default` takes its parent's address), so a plan of the
 * bootstrap names `tfe_workspace.dev-nat-egress`, and renaming a construct is visible as a rename.
 *
 * State is local, beside the bootstrap app's cdktf.json (`bootstrap/terraform-cloud/terraform.<stack>.tfstate`,
 * gitignored): these stacks create what every other stack's state and credentials depend on, so they
 * cannot keep their own state in it. Move it to a workspace made by hand with `terraform init -migrate-state`
 * if the team wants it shared.
 */
export abstract class BootstrapStack extends TerraformStack {
  private readonly addresses = new ReadableAddresses(this);

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stateFile = emulatorEndpointOf(this) === undefined ? `terraform.${id}.tfstate` : emulatorStateFile(id);
    new LocalBackend(this, { path: `../../../${stateFile}` });
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.addresses.allocate(element);
  }
}
