import type { StackDocument, StackResource } from './stack-document';
import { asList } from './terraform-values';

/**
 * The subnets an interface endpoint puts a network interface in, as written: its `subnet_ids`, then the `subnet_id`
 * of each aws_vpc_endpoint_subnet_association naming it (the two shapes Terraform offers for the same thing), each
 * once. Readers resolve them; a literal ID stays a literal.
 */
export function endpointSubnetReferences(doc: StackDocument, endpoint: StackResource): unknown[] {
  const associated = doc
    .resources('aws_vpc_endpoint_subnet_association')
    .filter((association) => doc.refersTo(association.body.vpc_endpoint_id, endpoint))
    .map((association) => association.body.subnet_id);
  return [...new Set([...asList(endpoint.body.subnet_ids), ...associated])];
}
