/**
 * AWS values the config is checked against. Each list is what the service accepts, as of provider 6.25. Limits on
 * what a construct writes (log retention, VPC and subnet sizes, Lambda memory and timeout) live with the construct.
 */

/** Commercial, China and GovCloud regions with Lambda, VPC endpoints and NAT gateways. */
export const KNOWN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'me-south-1',
  'me-central-1',
  'il-central-1',
  'af-south-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
  'us-gov-east-1',
] as const;

/** Lambda runtimes the demo handlers (Node.js, CommonJS) run on and AWS still supports. */
export const SUPPORTED_RUNTIMES = ['nodejs20.x', 'nodejs22.x'] as const;

/** Tag limits: key and value lengths, and the prefix AWS reserves. */
export const TAG_LIMITS = { keyLength: 128, valueLength: 256, reservedPrefix: 'aws:' } as const;
