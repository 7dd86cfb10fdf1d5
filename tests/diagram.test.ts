// Diagrams of every real stack: the model has the variant's shape (what the README's traffic paths describe),
// the output is deterministic, and Graphviz renders each stack. Data-driven by the environments under apps/, so
// a new environment is checked without editing this file.
import { buildDiagramModel, DiagramEdge, drawStack, DiagramModel, toDot, toMermaid } from '@lambda-vpc/diagram';
import { environmentApps, synthAllEnvironments } from './environments';

const apps = environmentApps();
const { stacks } = synthAllEnvironments();

function model(name: string): DiagramModel {
  const json = stacks[name];
  if (!json) throw new Error(`no stack ${name}; stacks: ${Object.keys(stacks).join(', ')}`);
  return buildDiagramModel(name, json);
}

const kinds = (m: DiagramModel, kind: string) => m.nodes.filter((node) => node.kind === kind);
const edgesOf = (m: DiagramModel, kind: DiagramEdge['kind']) => m.edges.filter((edge) => edge.kind === kind);
const zoneOf = (m: DiagramModel, subnet: string | undefined) =>
  m.vpcs.flatMap((v) => v.azs).find((az) => az.subnets.some((s) => s.id === subnet))?.name;

describe.each(apps.map((app) => [app.config.name, app.config] as const))('diagrams of %s', (env, config) => {
  const zones = [...config.availabilityZones].sort();
  // A variant the environment leaves out has no stack to draw: its test is reported as skipped.
  const ifDeployed = (key: keyof typeof config.variants) => (config.variants[key] ? it : it.skip);

  ifDeployed('privateOnly')(
    'private-only: isolated subnets in every AZ, gateway endpoints routed from every table, no internet path',
    () => {
      const m = model(`${env}-private-only`);
      expect(m.vpcs).toHaveLength(1);
      expect(m.vpcs[0].cidr).toBe(config.variants.privateOnly!.cidr);
      expect(m.vpcs[0].azs.map((az) => [az.name, az.subnets.map((s) => s.tier)])).toEqual(
        zones.map((zone) => [zone, ['isolated']]),
      );
      expect(
        m.nodes.filter((n) => ['internet', 'internet-gateway', 'nat-gateway', 'nat-instance'].includes(n.kind)),
      ).toEqual([]);
      expect(edgesOf(m, 'route').some((edge) => edge.label === '0.0.0.0/0')).toBe(false);
      const endpoints = kinds(m, 'gateway-endpoint');
      expect(endpoints.map((n) => n.label)).toEqual(['gateway endpoint\ndynamodb', 'gateway endpoint\ns3']);
      for (const table of kinds(m, 'route-table')) {
        expect(
          edgesOf(m, 'route')
            .filter((e) => e.from === table.id)
            .map((e) => e.label),
        ).toEqual(['prefix list dynamodb', 'prefix list s3']);
      }
      const enis = kinds(m, 'function').filter((n) => n.address === 'aws_lambda_function.private-probe');
      expect(enis).toHaveLength(zones.length);
      for (const eni of enis) {
        expect(
          edgesOf(m, 'path')
            .filter((e) => e.from === eni.id)
            .map((e) => [e.to, e.label]),
        ).toEqual(endpoints.map((n) => [n.id, 'tcp 443']));
      }
      expect(m.notes).toEqual([]);
    },
  );

  ifDeployed('natEgress')(
    "nat-egress: an internet gateway, the NATs of the environment's strategy, each private subnet out through its NAT",
    () => {
      const m = model(`${env}-nat-egress`);
      const strategy = config.variants.natEgress!.nat.strategy;
      expect(m.vpcs[0].azs.map((az) => [az.name, az.subnets.map((s) => s.tier)])).toEqual(
        zones.map((zone) => [zone, ['public', 'private']]),
      );
      expect(kinds(m, 'internet-gateway')).toHaveLength(1);
      expect(edgesOf(m, 'route')).toContainEqual({
        from: kinds(m, 'internet-gateway')[0].id,
        to: 'internet',
        kind: 'route',
        label: '',
      });
      const nats = [...kinds(m, 'nat-gateway'), ...kinds(m, 'nat-instance')];
      const expected = {
        'gateway-per-az': ['nat-gateway', zones.length],
        'single-gateway': ['nat-gateway', 1],
        instance: ['nat-instance', 1],
        // The static interface of each AZ (its group is drawn beside it, as a nat-instance-group).
        'self-healing-instance': ['nat-instance', zones.length],
      }[strategy];
      expect([nats[0]?.kind, nats.length]).toEqual(expected);
      for (const nat of nats) expect(nat.parent).toMatch(/^aws_subnet\..*public/);
      for (const eni of kinds(m, 'function')) {
        const paths = edgesOf(m, 'path').filter((e) => e.from === eni.id);
        // Out through the NAT, and to DynamoDB and S3 through their gateway endpoints.
        expect(paths.map((e) => e.label)).toEqual(['tcp 443', 'tcp 443', 'tcp 443']);
        const nat = nats.find((n) => paths.some((e) => e.to === n.id));
        // Per AZ: the NAT in the function's own AZ; otherwise the one NAT, across AZs.
        if (strategy === 'gateway-per-az' || strategy === 'self-healing-instance')
          expect(zoneOf(m, nat?.parent)).toBe(zoneOf(m, eni.parent));
        else expect(nat?.id).toBe(nats[0].id);
        expect(kinds(m, 'gateway-endpoint').map((endpoint) => paths.some((e) => e.to === endpoint.id))).toEqual([
          true,
          true,
        ]);
      }
      expect(kinds(m, 'function')).toHaveLength(zones.length);
      expect(m.notes).toEqual([]);
    },
  );

  ifDeployed('privatelink')(
    'privatelink: the Lambda interface endpoint in every AZ, the target outside the VPC, outside callers and resolver',
    () => {
      const m = model(`${env}-privatelink`);
      const settings = config.variants.privatelink!;
      expect(
        m.nodes.filter((n) => ['internet', 'internet-gateway', 'nat-gateway', 'nat-instance'].includes(n.kind)),
      ).toEqual([]);
      const endpoint = kinds(m, 'interface-endpoint');
      expect(endpoint.map((n) => [n.label, zoneOf(m, n.parent)])).toEqual(
        zones.map((zone) => ['interface endpoint\nlambda', zone]),
      );
      const target = m.nodes.filter((n) => n.kind === 'function' && n.parent === undefined);
      expect(target.map((n) => n.label)).toEqual([`function\n${env}-privatelink-invoke-target`]);
      expect(edgesOf(m, 'invoke').map((e) => [e.from, e.to, e.label])).toEqual(
        endpoint.map((n) => [n.id, target[0].id, 'lambda:InvokeFunction']),
      );
      for (const caller of kinds(m, 'function').filter((n) => n.parent)) {
        const to = edgesOf(m, 'path')
          .filter((e) => e.from === caller.id)
          .map((e) => e.to);
        expect(to.map((id) => zoneOf(m, m.nodes.find((n) => n.id === id)?.parent))).toEqual([zoneOf(m, caller.parent)]);
      }
      const outside = kinds(m, 'on-premises');
      expect(outside.map((n) => n.id)).toEqual((settings.onPremisesCidrs ?? []).map((cidr) => `cidr:${cidr}`).sort());
      const resolver = kinds(m, 'resolver-endpoint');
      expect(resolver).toHaveLength(settings.resolverInboundEndpoint ? zones.length : 0);
      for (const source of outside) {
        const from = edgesOf(m, 'path').filter((e) => e.from === source.id);
        expect(from.filter((e) => e.label === 'tcp 443').map((e) => e.to)).toEqual(endpoint.map((n) => n.id));
        expect(from.filter((e) => e.label === 'tcp 53, udp 53').map((e) => e.to)).toEqual(resolver.map((n) => n.id));
      }
      expect(m.notes).toEqual([]);
    },
  );
});

describe('diagrams of every stack', () => {
  it('prod-privatelink admits 172.16.0.0/16 to the endpoint and the inbound resolver', () => {
    const m = model('prod-privatelink');
    expect(m.nodes.find((n) => n.id === 'cidr:172.16.0.0/16')?.label).toBe('on-premises / peered\n172.16.0.0/16');
    expect(kinds(m, 'resolver-endpoint').map((n) => n.label)).toEqual(
      Array(3).fill('Route 53 Resolver\ninbound endpoint'),
    );
  });

  it('are deterministic Mermaid flowcharts and DOT digraphs', () => {
    for (const name of Object.keys(stacks).sort()) {
      const mermaid = toMermaid(model(name));
      expect(mermaid.startsWith('flowchart')).toBe(true);
      expect(toMermaid(model(name))).toBe(mermaid);
      expect(toDot(model(name))).toBe(toDot(model(name)));
    }
  });

  it('render to SVG with every node, once per stack', async () => {
    const times: string[] = [];
    for (const name of Object.keys(stacks).sort()) {
      const started = Date.now();
      const { svg } = await drawStack(name, stacks[name]);
      times.push(`${name} ${Date.now() - started} ms`);
      const m = model(name);
      expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`VPC ${m.vpcs[0].cidr}`);
      expect((svg.match(/<g id="node/g) ?? []).length).toBe(m.nodes.length);
      expect((svg.match(/<g id="edge/g) ?? []).length).toBe(m.edges.length);
    }
    expect(times).toHaveLength(Object.keys(stacks).length);
    if (process.env.DIAGRAM_TIMES) process.stdout.write(`${times.join('\n')}\n`);
  });
});
