import { GuardrailRule } from '../rule';
import { LOG_GROUPS_RETAINED_AND_ENCRYPTED, NAT_INSTANCE_HARDENED } from './data-rules';
import { ENDPOINT_POLICIES_NAME_PRINCIPALS, PRIVATE_DNS_NEEDS_DNS_ATTRIBUTES } from './endpoint-rules';
import { NO_WILDCARD_ACTIONS } from './iam-rules';
import {
  FUNCTIONS_IN_A_VPC,
  FUNCTIONS_SPAN_TWO_AZS,
  NO_FUNCTION_IN_PUBLIC_SUBNET,
  SECRETS_REACHABLE_WITHOUT_INTERNET,
} from './lambda-rules';
import {
  DEFAULT_SECURITY_GROUP_CLOSED,
  FLOW_LOGS_ON_EVERY_VPC,
  NO_INTERNET_ROUTE_WHERE_INTENT_FORBIDS,
  NO_PUBLIC_IP_ON_LAUNCH,
} from './network-rules';
import { FUNCTION_PACKAGES_COMPLETE } from './package-rules';
import { DESCRIBED_SECURITY_GROUPS, NO_INGRESS_FROM_EVERYWHERE } from './security-group-rules';

export * from './data-rules';
export * from './endpoint-rules';
export * from './iam-rules';
export * from './lambda-rules';
export * from './network-rules';
export * from './package-rules';
export * from './security-group-rules';

/** Every rule, in the order docs/guardrails.md lists them. */
export const ALL_RULES: readonly GuardrailRule[] = [
  FLOW_LOGS_ON_EVERY_VPC,
  DEFAULT_SECURITY_GROUP_CLOSED,
  NO_PUBLIC_IP_ON_LAUNCH,
  NO_INTERNET_ROUTE_WHERE_INTENT_FORBIDS,
  NO_INGRESS_FROM_EVERYWHERE,
  DESCRIBED_SECURITY_GROUPS,
  FUNCTIONS_SPAN_TWO_AZS,
  NO_FUNCTION_IN_PUBLIC_SUBNET,
  FUNCTIONS_IN_A_VPC,
  SECRETS_REACHABLE_WITHOUT_INTERNET,
  FUNCTION_PACKAGES_COMPLETE,
  LOG_GROUPS_RETAINED_AND_ENCRYPTED,
  NO_WILDCARD_ACTIONS,
  ENDPOINT_POLICIES_NAME_PRINCIPALS,
  PRIVATE_DNS_NEEDS_DNS_ATTRIBUTES,
  NAT_INSTANCE_HARDENED,
];
