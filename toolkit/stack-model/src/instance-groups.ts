// Auto scaling groups and the network interfaces their instances attach: a launch template that tags its instances
// with an interface's ID (a self-healing NAT instance's static interface) links the group to that interface. The
// reachability analysis, the cost estimate and the diagram all follow the same link.
import { StackDocument, StackResource } from './stack-document';
import { asList } from './terraform-values';

/** A group's launch template (`launch_template.id`), when the stack has it. */
export function launchTemplateOf(doc: StackDocument, group: StackResource): StackResource | undefined {
  const spec = asList(group.body.launch_template)[0] as Record<string, unknown> | undefined;
  const template = doc.resolve(spec?.id);
  return template?.type === 'aws_launch_template' ? template : undefined;
}

/** The network interfaces whose IDs a launch template's tag specifications name. */
export function interfacesTaggedBy(doc: StackDocument, template: StackResource): StackResource[] {
  const tagValues = asList(template.body.tag_specifications).flatMap((specification) =>
    Object.values(((specification as Record<string, unknown>).tags ?? {}) as Record<string, unknown>),
  );
  return doc.resources('aws_network_interface').filter((eni) => tagValues.some((value) => doc.resolve(value) === eni));
}

/** The auto scaling group whose instances attach `eni` (their template tags them with it), when the stack has one. */
export function groupAttaching(doc: StackDocument, eni: StackResource): StackResource | undefined {
  return doc.resources('aws_autoscaling_group').find((group) => {
    const template = launchTemplateOf(doc, group);
    return template !== undefined && interfacesTaggedBy(doc, template).includes(eni);
  });
}
