// The boot steps of a self-healing NAT instance that take over its AZ's static network interface.

/**
 * The instance tag that names the static interface an instance of the group attaches: the launch template sets it,
 * the boot reads it from the instance metadata, and the role's condition admits only instances that carry it.
 */
export const NAT_INTERFACE_TAG = 'lambda-vpc:nat-interface';

/** The script cloud-init runs at every boot that keeps the default route on the static interface. */
export const DEFAULT_ROUTE_SCRIPT = '/var/lib/cloud/scripts/per-boot/nat-default-route';

/** How long the boot waits for the static interface: the instance being replaced may still hold it. */
const ATTACH_ATTEMPTS = 60;
const ATTACH_WAIT_SECONDS = 10;

/**
 * User data lines that attach the static interface named by the instance's {@link NAT_INTERFACE_TAG} tag at device
 * index 1, move the default route to it and set `$iface` to it, for the forwarding lines after them. The ID is read
 * at boot, so every AZ's user data is the same text. Each step that can fail stops the script visibly (`set -e`)
 * rather than leaving a NAT that forwards nothing.
 */
export function staticInterfaceLines(): string[] {
  return [
    // IMDSv2 only: a session token per read.
    'imds() { curl -sf -H "X-aws-ec2-metadata-token: $(curl -sf -X PUT -H ' +
      "'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)\" " +
      '"http://169.254.169.254/latest/meta-data/$1"; }',
    'instance=$(imds instance-id)',
    'region=$(imds placement/region)',
    `eni=$(imds tags/instance/${NAT_INTERFACE_TAG})`,
    '[ -n "$eni" ]',
    `for attempt in $(seq 1 ${ATTACH_ATTEMPTS}); do`,
    '  aws ec2 attach-network-interface --region "$region" --instance-id "$instance" --network-interface-id "$eni" ' +
      '--device-index 1 && break',
    `  sleep ${ATTACH_WAIT_SECONDS}`,
    'done',
    // The interface appears in the metadata once attached; its MAC names the Linux interface.
    "iface=''",
    `for attempt in $(seq 1 ${ATTACH_ATTEMPTS}); do`,
    '  for mac in $(imds network/interfaces/macs/); do',
    '    mac=$(basename "$mac")',
    '    if [ "$(imds "network/interfaces/macs/$mac/interface-id")" = "$eni" ]; then',
    // The kernel may not show the device yet: no match is not a failure, the loop asks again.
    "      iface=$(ip -o link | grep -i \"$mac\" | awk -F': ' '{print $2}' || true)",
    '    fi',
    '  done',
    '  [ -n "$iface" ] && break',
    `  sleep ${ATTACH_WAIT_SECONDS}`,
    'done',
    '[ -n "$iface" ]',
    // Out through the static interface (its EIP); the same subnet, so the same gateway as the primary interface. User
    // data runs once per instance, so the route goes into a cloud-init per-boot script: a reboot keeps it.
    "gateway=$(ip -o route show default | awk '{print $3}' | head -n 1)",
    `printf '#!/bin/bash\\nip route replace default via %s dev %s metric 1\\n' "$gateway" "$iface" ` +
      `> ${DEFAULT_ROUTE_SCRIPT}`,
    `chmod 755 ${DEFAULT_ROUTE_SCRIPT}`,
    DEFAULT_ROUTE_SCRIPT,
    // Two interfaces in one subnet: strict reverse-path filtering would drop replies that arrive on the other one.
    `printf 'net.ipv4.conf.all.rp_filter = 2\\nnet.ipv4.conf.%s.rp_filter = 2\\n' "$iface" ` +
      '> /etc/sysctl.d/91-nat-rp-filter.conf',
    'sysctl --system',
  ];
}
