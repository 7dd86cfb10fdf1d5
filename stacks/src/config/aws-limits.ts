/** AWS values the config is checked against. Each list is what the service accepts, as of provider 6.25. */

/** Commercial, China and GovCloud regions with Lambda, VPC endpoints and NAT gateways. */
export const KNOWN_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'me-south-1', 'me-central-1', 'il-central-1', 'af-south-1',
  'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1',
] as const;

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Lambda runtimes the demo handlers (Node.js, CommonJS) run on and AWS still supports. */
export const SUPPORTED_RUNTIMES = ['nodejs20.x', 'nodejs22.x'] as const;

/** Lambda memory limits in MB. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 } as const;

/** Lambda timeout limits in seconds. */
export const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 } as const;

/** Tag limits: key and value lengths, and the prefix AWS reserves. */
export const TAG_LIMITS = { keyLength: 128, valueLength: 256, reservedPrefix: 'aws:' } as const;

/** RFC 1918 private ranges a VPC CIDR must fall in. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
