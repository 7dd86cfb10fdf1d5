// Each variant's settings as drawn, before addresses are handed out: the VPC and the outside networks ask for a /16
// slot each (address-space.ts), and what depends on the environment (its AZ count, its account) is settled when the
// environment is built (environment-arbitrary.ts).
import fc from 'fast-check';
import { ENDPOINT_SERVICE_ACTION_PREFIXES, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { NAT_STRATEGY_KINDS } from '@lambda-vpc/nat';

/** A VPC as drawn: its slot, how far from the smallest size that fits its tiers, and its place in the slot. */
export interface VpcDraft {
  /** The /16 slot asked for (made distinct later). */
  readonly slot: number;
  /** How many prefix lengths larger than the smallest VPC that fits (0: the smallest; capped at /16). */
  readonly growth: number;
  /** Which aligned block of the slot, modulo those that fit. */
  readonly offset: number;
}

/** An outside network (on-premises or a remote caller's VPC) as drawn: its slot, prefix length and place. */
export interface OutsideDraft {
  /** The /16 slot asked for (made distinct later). */
  readonly slot: number;
  /** The network's prefix length, /16 to /28. */
  readonly prefixLength: number;
  /** Which aligned block of the slot, modulo those that fit. */
  readonly offset: number;
}

/**
 * The services private-only may have interface endpoints for: every listed endpoint service but those its gateway
 * endpoints serve.
 */
export const INTERFACE_ENDPOINT_SERVICES = Object.keys(ENDPOINT_SERVICE_ACTION_PREFIXES).filter(
  (service) => !(Object.values(GatewayEndpointService) as string[]).includes(service),
);

const vpcDraft: fc.Arbitrary<VpcDraft> = fc.record({
  slot: fc.nat(),
  growth: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })),
  offset: fc.nat(4095),
});

/** Outside networks: anything from a /16 to a /28 in its own slot. */
export const outsideDraft: fc.Arbitrary<OutsideDraft> = fc.record({
  slot: fc.nat(),
  prefixLength: fc.integer({ min: 16, max: 28 }),
  offset: fc.nat(4095),
});

/** A subnet prefix length that fits a /16 with every other tier of the variant: /19 to /28. */
const subnetPrefixLength = fc.integer({ min: 19, max: 28 });

const hex = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${min},${max}}$`));

/** A principal an endpoint policy may name: an account ID or a role ARN. */
export const principalArbitrary = fc.oneof(
  fc.stringMatching(/^\d{12}$/),
  fc
    .tuple(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,32}$/))
    .map(([account, role]) => `arn:aws:iam::${account}:role/${role}`),
);

/** An action name as IAM spells them, e.g. `GetParameter`. */
const actionName = fc.stringMatching(/^[A-Z][a-z]{1,8}(?:[A-Z][a-z]{1,8}){0,2}$/);

/** An interface endpoint of a listed service, with 1 to 3 actions of its own prefixes. */
const interfaceEndpoint = fc.constantFrom(...INTERFACE_ENDPOINT_SERVICES).chain((service) =>
  fc.record({
    service: fc.constant(service),
    actions: fc.uniqueArray(
      fc
        .tuple(fc.constantFrom(...ENDPOINT_SERVICE_ACTION_PREFIXES[service]!), actionName)
        .map(([prefix, name]) => `${prefix}:${name}`),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

/** `variants.privateOnly` as drawn. */
export const privateOnlyDraft = fc.record({
  vpc: vpcDraft,
  isolatedSubnetPrefixLength: fc.integer({ min: 18, max: 28 }),
  interfaceEndpoints: fc.uniqueArray(interfaceEndpoint, { selector: (endpoint) => endpoint.service, maxLength: 3 }),
  demoFunctions: fc.boolean(),
});

/** `variants.natEgress` as drawn; the EIPs are counted for the strategy once the AZs are known. */
export const natEgressDraft = fc.record({
  vpc: vpcDraft,
  strategy: fc.constantFrom(...NAT_STRATEGY_KINDS),
  instanceType: fc.option(fc.constantFrom('t4g.nano', 't4g.micro', 'c7gn.medium', 'm6g.large'), { nil: undefined }),
  ownEips: fc.option(hex(8, 8), { nil: undefined }),
  ipv6: fc.boolean(),
  egressProbeUrl: fc.option(fc.constantFrom('https://checkip.amazonaws.com/', 'https://example.com:443/health'), {
    nil: undefined,
  }),
  publicSubnetPrefixLength: subnetPrefixLength,
  privateSubnetPrefixLength: subnetPrefixLength,
  demoFunctions: fc.boolean(),
});

const remoteCallerDraft = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}(?:-[a-z][a-z0-9]{0,5}){0,2}$/),
  network: outsideDraft,
  vpcId: hex(8, 17).map((digits) => `vpc-${digits}`),
  accountId: fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }),
  principals: fc.array(principalArbitrary, { minLength: 1, maxLength: 2 }),
  join: fc.oneof(
    fc.constant({ type: 'peering' }),
    hex(17, 17).map((digits) => ({ type: 'transit-gateway', transitGatewayId: `tgw-${digits}` })),
  ),
});

/** `variants.privatelink` as drawn; the resolver and the demo's absence are kept only where the rules allow them. */
export const privatelinkDraft = fc.record({
  vpc: vpcDraft,
  isolatedSubnetPrefixLength: fc.integer({ min: 18, max: 28 }),
  onPremises: fc.array(outsideDraft, { maxLength: 2 }),
  allowedPrincipals: fc.option(fc.array(principalArbitrary, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  resolverInboundEndpoint: fc.boolean(),
  remoteCallers: fc.uniqueArray(remoteCallerDraft, { selector: (caller) => caller.name, maxLength: 2 }),
  demoFunctions: fc.boolean(),
});

export type PrivateOnlyDraft = typeof privateOnlyDraft extends fc.Arbitrary<infer T> ? T : never;
export type NatEgressDraft = typeof natEgressDraft extends fc.Arbitrary<infer T> ? T : never;
export type PrivatelinkDraft = typeof privatelinkDraft extends fc.Arbitrary<infer T> ? T : never;
