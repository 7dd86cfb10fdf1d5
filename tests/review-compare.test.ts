// npm run review's comparison (toolkit/commands/src/review/compare-stacks.ts) over the shipped stacks, each seeded
// with one change in memory: the words each change must produce in the report, and "no change" where it has none.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stackVariant, StackJson } from '@lambda-vpc/stack-model';
import { EnvironmentValues, synthEnvironments, variantNamed } from '@lambda-vpc/stacks';
import { synthesizedStacksIn } from '@lambda-vpc/tools/dist/synthesized-stacks';
import { reviewStacks, ReviewOptions, StackReview } from '@lambda-vpc/tools/dist/review/compare-stacks';
import { reviewSummary } from '@lambda-vpc/tools/dist/review/review-markdown';
import { StackText } from '@lambda-vpc/tools/dist/review/stack-text';
import { TerraformBody, TerraformJson } from '../test-support/terraform-json';
import { describeWhileConfigured, environmentApps, itWhileConfigured, synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();
const OPTIONS: ReviewOptions = { intentOf: (json: StackJson) => variantNamed(stackVariant(json))?.intent };

const environmentOf = (json: TerraformJson): string =>
  String((json.provider?.aws?.[0]?.default_tags as { tags: Record<string, string> }[])[0].tags.environment);

/** Every shipped stack as the review reads it. */
const shipped = (): StackText[] =>
  Object.entries(stacks).map(([stack, json]) => ({ stack, env: environmentOf(json), text: JSON.stringify(json) }));

/** The shipped stacks with one of them changed by `seed` (on a deep copy). */
function seeded(stack: string, seed: (json: { resource: Record<string, Record<string, TerraformBody>> }) => void) {
  return shipped().map((side) => {
    if (side.stack !== stack) return side;
    const json = JSON.parse(side.text);
    seed(json);
    return { ...side, text: JSON.stringify(json) };
  });
}

/** The one stack's review of a seeded change against the shipped stacks. */
function reviewOf(stack: string, seed: Parameters<typeof seeded>[1]): StackReview {
  return reviewStacks(shipped(), seeded(stack, seed), OPTIONS).find((review) => review.stack === stack)!;
}

/** Every line of a review of one stack, path changes as their text. */
const lines = (review: StackReview): string[] => [
  ...review.paths.map((change) => change.text),
  ...review.exposure,
  ...review.endpoints,
];

describe('stacks whose JSON is byte-identical', () => {
  const reviews = reviewStacks(shipped(), shipped(), OPTIONS);

  it('are unchanged, with nothing to report and their cost the same on both sides', () => {
    expect(reviews.map((review) => review.status)).toEqual(Object.keys(stacks).map(() => 'unchanged'));
    const devNat = reviews.find((review) => review.stack === 'dev-nat-egress')!;
    expect(devNat).toMatchObject({ paths: [], exposure: [], endpoints: [], guardrails: { added: [], gone: [] } });
    expect(devNat.cost).toEqual({ before: 8.71, after: 8.71, delta: 0 });
  });
});

describeWhileConfigured('dev-nat-egress')('a change with no network effect (a tag value)', () => {
  const review = reviewOf('dev-nat-egress', (json) => {
    (json.resource.aws_vpc['network_vpc'].tags as Record<string, string>).Name = 'renamed';
  });

  it('lists the changed resource and nothing else', () => {
    expect(review.status).toBe('changed');
    expect(review.resources).toEqual({ added: [], changed: ['aws_vpc.network_vpc'], removed: [], otherBlocks: [] });
    expect(lines(review)).toEqual([]);
    expect(review.guardrails).toEqual({ added: [], gone: [] });
    expect(review.cost.delta).toBe(0);
  });
});

describeWhileConfigured('dev-private-only')('a gateway endpoint removed', () => {
  const review = reviewOf('dev-private-only', (json) => {
    delete json.resource.aws_vpc_endpoint['s3-endpoint'];
  });

  // The shipped functions' lines; a team's own function declared in dev (own-functions.md) adds its own, in the
  // same words.
  it('loses the function its path, naming the endpoint', () => {
    const changes = review.paths.map((change) => [change.kind, change.text]);
    expect(review.resources.removed).toEqual(['aws_vpc_endpoint.s3-endpoint']);
    expect(changes).toEqual(
      expect.arrayContaining([
        [
          'blocked-differently',
          'orders still does not reach S3; now also blocked by: no route in ' +
            'aws_route_table.network_route-table_isolated_eu-west-1a matches s3 (com.amazonaws.eu-west-1.s3)',
        ],
        ['lost', 'private-probe loses S3 (gateway endpoint `aws_vpc_endpoint.s3-endpoint` removed)'],
      ]),
    );
    for (const [kind, text] of changes) {
      if (kind === 'lost')
        expect(text).toMatch(/ loses S3 \(gateway endpoint `aws_vpc_endpoint\.s3-endpoint` removed\)$/);
      else expect(kind).toBe('blocked-differently');
    }
  });

  it('reports the endpoint gone, with what it served and allowed', () => {
    expect(review.endpoints).toEqual([
      'gateway endpoint `aws_vpc_endpoint.s3-endpoint` removed (was s3: serves ' +
        '`aws_route_table.network_route-table_isolated_eu-west-1a`, ' +
        '`aws_route_table.network_route-table_isolated_eu-west-1b`; allows `aws_iam_role.private-probe_role`)',
    ]);
  });
});

describeWhileConfigured('dev-private-only')("a function's security group rule removed", () => {
  const review = reviewOf('dev-private-only', (json) => {
    delete json.resource.aws_vpc_security_group_egress_rule['orders_egress_dynamodb_tcp443'];
  });

  it('loses the path, with the check that now blocks it', () => {
    expect(review.paths.map((change) => change.text)).toEqual([
      'orders loses DynamoDB (security group egress: no rule of aws_security_group.orders_security-group allows ' +
        'tcp/443 to dynamodb (com.amazonaws.eu-west-1.dynamodb))',
    ]);
  });
});

describeWhileConfigured('dev-private-only')(
  'a route to a NAT added to a private-only table, and an egress rule to every address',
  () => {
    const seed = (json: { resource: Record<string, Record<string, TerraformBody>> }) => {
      json.resource.aws_route = {
        seeded: {
          route_table_id: '${aws_route_table.network_route-table_isolated_eu-west-1a.id}',
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: 'nat-0123456789abcdef0',
        },
      };
      json.resource.aws_vpc_security_group_egress_rule['private-probe_egress_everywhere'] = {
        security_group_id: '${aws_security_group.private-probe_security-group.id}',
        cidr_ipv4: '0.0.0.0/0',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        description: 'HTTPS anywhere',
      };
    };
    const review = reviewOf('dev-private-only', seed);

    it('reports the route and the rule open to every address', () => {
      expect(review.exposure).toEqual([
        'route to 0.0.0.0/0 added: `aws_route.seeded` in `aws_route_table.network_route-table_isolated_eu-west-1a`, ' +
          'to `nat-0123456789abcdef0` (nat-gateway)',
        'security group rule open to every address added: ' +
          '`aws_vpc_security_group_egress_rule.private-probe_egress_everywhere` (egress tcp/443 to 0.0.0.0/0)',
      ]);
    });

    it("names the guards that no longer block a path still blocked, with the first changed subnet's reasons", () => {
      expect(review.paths.map((change) => change.text)).toContain(
        'private-probe still does not reach the internet in eu-west-1b; no longer blocked by: security group egress: ' +
          'no rule of aws_security_group.private-probe_security-group allows tcp/443 to the internet ' +
          '(203.0.113.10/32)',
      );
      expect(review.paths.map((change) => change.text)).toContain(
        'orders still does not reach the internet in eu-west-1a; no longer blocked by: no route in ' +
          'aws_route_table.network_route-table_isolated_eu-west-1a matches the internet (203.0.113.10/32)',
      );
    });

    it('reports the path through the NAT outside the stack as unknown, not as still blocked', () => {
      expect(review.paths.filter((change) => change.kind === 'unknown').map((change) => change.text)).toEqual([
        'private-probe is unknown to reach the internet in eu-west-1a (was no): the analysis stops at ' +
          '`nat-0123456789abcdef0` (NAT gateway nat-0123456789abcdef0 is not in this stack, so its onward path is ' +
          'unknown)',
        'private-probe is unknown to reach the Lambda API in eu-west-1a (was no): the analysis stops at ' +
          '`nat-0123456789abcdef0` (NAT gateway nat-0123456789abcdef0 is not in this stack, so its onward path is ' +
          'unknown)',
      ]);
      expect(review.paths.every((change) => ['blocked-differently', 'unknown'].includes(change.kind))).toBe(true);
    });

    it("reports the guardrail finding new, held to the variant's intent", () => {
      expect(review.guardrails).toEqual({
        added: ['LVB-NET-4 error at `aws_route.seeded`: a route to 0.0.0.0/0'],
        gone: [],
      });
    });

    it('reports the finding gone when the change is the other way', () => {
      const reverse = reviewStacks(seeded('dev-private-only', seed), shipped(), OPTIONS);
      expect(reverse.find((r) => r.stack === 'dev-private-only')!.guardrails).toEqual({
        added: [],
        gone: ['LVB-NET-4 error at `aws_route.seeded`: a route to 0.0.0.0/0'],
      });
    });
  },
);

describeWhileConfigured('dev-nat-egress')('the NAT routes sent to a transit gateway instead (yes -> unknown)', () => {
  const TGW = 'tgw-0123456789abcdef0';
  /** Every route to a NAT (gateway or instance interface) sent to the transit gateway instead. */
  const viaTransitGateway: Parameters<typeof seeded>[1] = (json) => {
    for (const route of Object.values(json.resource.aws_route)) {
      if (route.nat_gateway_id === undefined && route.network_interface_id === undefined) continue;
      delete route.nat_gateway_id;
      delete route.network_interface_id;
      route.transit_gateway_id = TGW;
    }
  };
  const review = reviewOf('dev-nat-egress', viaTransitGateway);

  it('reports the internet as unknown now, naming the transit gateway, not as lost', () => {
    const internet = review.paths.filter((change) => change.destination === 'the internet');
    expect(internet.map((change) => [change.kind, change.text])).toEqual([
      [
        'unknown',
        `egress-probe is unknown to reach the internet (was yes): the analysis stops at \`${TGW}\` ` +
          `(aws_route.nat_default-route_eu-west-1a (0.0.0.0/0) sends it to ${TGW} (transit-gateway): whether that ` +
          'reaches the internet (203.0.113.10/32) is outside this stack)',
      ],
    ]);
  });

  it('counts each path through the NAT (the internet, the Lambda API) as unknown, neither gained nor lost', () => {
    expect(review.paths.filter((change) => change.kind === 'unknown').map((change) => change.destination)).toEqual([
      'the internet',
      'the Lambda API',
    ]);
    expect(reviewSummary([review])).toMatchObject({ gained: 0, lost: 0, rerouted: 0, unknown: 2 });
  });

  it('reports it back as gained when the change is the other way', () => {
    const reverse = reviewStacks(seeded('dev-nat-egress', viaTransitGateway), shipped(), OPTIONS).find(
      (r) => r.stack === 'dev-nat-egress',
    )!;
    expect(reverse.paths.filter((change) => change.destination === 'the internet').map((c) => c.kind)).toEqual([
      'gained',
    ]);
  });
});

describeWhileConfigured('dev-privatelink')('a caller CIDR and a principal added to an interface endpoint', () => {
  const review = reviewOf('dev-privatelink', (json) => {
    json.resource.aws_vpc_security_group_ingress_rule['lambda-endpoint_ingress_172-16-0-0-16_tcp443'] = {
      security_group_id: '${aws_security_group.lambda-endpoint_security-group.id}',
      cidr_ipv4: '172.16.0.0/16',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      description: 'HTTPS from on-premises',
    };
    const endpoint = json.resource.aws_vpc_endpoint['lambda-endpoint'];
    const policy = JSON.parse(endpoint.policy as string);
    policy.Statement[0].Principal.AWS = [
      policy.Statement[0].Principal.AWS,
      'arn:aws:iam::111111111111:role/ops',
    ].flat();
    endpoint.policy = JSON.stringify(policy);
  });

  it('says the endpoint admits the new callers and allows the new principal', () => {
    expect(review.endpoints).toEqual([
      'interface endpoint `aws_vpc_endpoint.lambda-endpoint` admits new callers on 443: `172.16.0.0/16`',
      'interface endpoint `aws_vpc_endpoint.lambda-endpoint` allows new principals: ' +
        '`arn:aws:iam::111111111111:role/ops`',
    ]);
    expect(review.paths).toEqual([]);
  });
});

describeWhileConfigured('dev-nat-egress')('a NAT strategy switched from an instance to a gateway', () => {
  const dev = environmentApps().find((app) => app.values.name === 'dev')!.values as EnvironmentValues;
  const switched: EnvironmentValues = {
    ...dev,
    variants: { ...dev.variants, natEgress: { ...dev.variants.natEgress!, nat: { strategy: 'single-gateway' } } },
  };
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-review-')), 'cdktf.out');
  synthEnvironments([switched], { outdir });
  const head = shipped().map((side) => {
    const file = synthesizedStacksIn(outdir).find(({ stack }) => stack === side.stack)?.file;
    return file ? { ...side, text: fs.readFileSync(file, 'utf8') } : side;
  });
  const review = reviewStacks(shipped(), head, OPTIONS).find((r) => r.stack === 'dev-nat-egress')!;

  it("reroutes the function's internet path from the instance to the gateway", () => {
    expect(review.paths.map((change) => [change.kind, change.text])).toContainEqual([
      'rerouted',
      'egress-probe reaches the internet through `aws_nat_gateway.nat_nat-gateway_eu-west-1a` instead of ' +
        '`aws_instance.nat_instance` (nat-instance -> nat-gateway)',
    ]);
    expect(review.exposure).toContain(
      'route to 0.0.0.0/0 `aws_route.nat_default-route_eu-west-1b` in ' +
        '`aws_route_table.network_route-table_private_eu-west-1b` now goes to ' +
        '`aws_nat_gateway.nat_nat-gateway_eu-west-1a` (nat-gateway) instead of `aws_instance.nat_instance` ' +
        '(network-interface)',
    );
  });

  it('prices the gateway against the instance', () => {
    expect(review.cost).toEqual({ before: 8.71, after: 39.69, delta: 30.98 });
  });

  it('lists the gateway added and the instance removed', () => {
    expect(review.resources.added).toEqual(['aws_nat_gateway.nat_nat-gateway_eu-west-1a']);
    expect(review.resources.removed).toContain('aws_instance.nat_instance');
  });
});

describe('a stack added and a stack removed', () => {
  const base = shipped().filter((side) => side.stack !== 'dev-privatelink');
  const head = shipped().filter((side) => side.stack !== 'prod-privatelink');
  const reviews = reviewStacks(base, head, OPTIONS);
  const added = reviews.find((r) => r.stack === 'dev-privatelink')!;
  const removed = reviews.find((r) => r.stack === 'prod-privatelink')!;

  itWhileConfigured('dev-privatelink', 'prod-privatelink')(
    'reports the new stack with every path gained and its cost from zero',
    () => {
      expect(added.status).toBe('added');
      expect(added.paths.map((change) => change.text)).toContain(
        'invoke-caller gains the Lambda API through `aws_vpc_endpoint.lambda-endpoint` (interface-endpoint)',
      );
      expect(added.cost.before).toBe(0);
      expect(added.cost.after).toBeGreaterThan(0);
    },
  );

  itWhileConfigured('dev-privatelink', 'prod-privatelink')(
    'reports the removed stack last, with every path lost and its cost to zero',
    () => {
      expect(reviews[reviews.length - 1]).toBe(removed);
      expect(removed.status).toBe('removed');
      expect(removed.paths.map((change) => change.text)).toContain(
        'invoke-caller loses the Lambda API (the function was removed)',
      );
      expect(removed.cost.after).toBe(0);
    },
  );
});
