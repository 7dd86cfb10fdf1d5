// The pieces of `npm run e2e:locking` that need no engine: the `s3` backend block sent to the emulator, the state
// object read from the bucket, the emulator log's refused lock writes and the resources a refused destroy names.
// The engine steps themselves run in `npm run e2e:locking` (docs/maintainers.md, "Engine checks").
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { addressesOf } from '@lambda-vpc/tools/dist/addresses/ledger';
import { readBucketState, stateDifference } from '@lambda-vpc/tools/dist/engine/bucket-state';
import { lockKey, refusedLockWrites } from '@lambda-vpc/tools/dist/engine/lock-contention';
import { preventDestroyRefusals } from '@lambda-vpc/tools/dist/engine/protected-teardown';
import {
  BACKEND_OVERRIDE_FILE,
  emulatorS3Backend,
  synthesizedS3Backend,
  writeS3BackendOverride,
} from '@lambda-vpc/tools/dist/engine/s3-backend-override';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-locking-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const synthesized = {
  bucket: 'team-state',
  key: 'lambda-vpc-blueprints/dev-private-only/terraform.tfstate',
  region: 'eu-west-1',
  encrypt: true,
  kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/abc',
  use_lockfile: true,
};

describe('the s3 backend sent to the emulator', () => {
  const block = emulatorS3Backend(synthesized, 'http://127.0.0.1:4566');

  it('keeps the synthesized bucket, key, region, encryption and lock file', () => {
    expect(block).toMatchObject({
      bucket: 'team-state',
      key: 'lambda-vpc-blueprints/dev-private-only/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it("connects to the emulator's S3 by path with fake credentials and no AWS-side checks", () => {
    expect(block).toMatchObject({
      endpoints: { s3: 'http://127.0.0.1:4566' },
      use_path_style: true,
      access_key: 'emulator',
      secret_key: 'emulator',
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    });
  });

  it("drops the KMS key, which the emulator's account does not hold", () => {
    expect(block).not.toHaveProperty('kms_key_id');
  });

  it('is written as backend_override.tf.json, replacing the backend of the stack folder', () => {
    const dir = fs.mkdtempSync(path.join(work, 'override-'));
    writeS3BackendOverride(dir, synthesized, 'http://127.0.0.1:4566');
    const written = JSON.parse(fs.readFileSync(path.join(dir, BACKEND_OVERRIDE_FILE), 'utf8'));
    expect(BACKEND_OVERRIDE_FILE).toMatch(/_override\.tf\.json$/);
    expect(written).toEqual({ terraform: { backend: { s3: block } } });
  });
});

describe('synthesizedS3Backend', () => {
  const stackFile = (backend: object): string => {
    const file = path.join(fs.mkdtempSync(path.join(work, 'stack-')), 'cdk.tf.json');
    fs.writeFileSync(file, JSON.stringify({ terraform: { backend } }));
    return file;
  };

  it("reads a stack's terraform.backend.s3 block", () => {
    expect(synthesizedS3Backend(stackFile({ s3: synthesized }))).toEqual(synthesized);
  });

  it('refuses a stack on another backend, naming the file and the backend', () => {
    const file = stackFile({ local: { path: 'x' } });
    expect(() => synthesizedS3Backend(file)).toThrow(`${file}: backend local; expected s3`);
  });
});

describe('the state object in the bucket', () => {
  let server: http.Server;
  let endpoint = '';
  const objects = new Map<string, string>();
  const backend = { bucket: 'team-state', key: 'prefix/dev-private-only/terraform.tfstate', region: 'eu-west-1' };
  const stateAt = (body: string): void => {
    objects.set(`/${backend.bucket}/${backend.key}`, body);
  };
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const body = objects.get(request.url ?? '');
      response.writeHead(body === undefined ? 404 : 200).end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => objects.clear());

  it('is undefined when there is none', async () => {
    await expect(readBucketState(endpoint, backend)).resolves.toBeUndefined();
  });

  it('gives the serial, lineage, managed resources with instances and their attributes', async () => {
    stateAt(
      JSON.stringify({
        serial: 4,
        lineage: 'l-1',
        resources: [
          { mode: 'managed', type: 'aws_vpc', name: 'vpc', instances: [{ attributes: { id: 'vpc-1' } }] },
          { mode: 'managed', type: 'aws_subnet', name: 'gone', instances: [] },
          { mode: 'data', type: 'aws_region', name: 'here', instances: [{ attributes: { name: 'eu-west-1' } }] },
        ],
      }),
    );
    await expect(readBucketState(endpoint, backend)).resolves.toEqual({
      serial: 4,
      lineage: 'l-1',
      managed: ['aws_vpc.vpc'],
      attributes: { 'aws_vpc.vpc': [{ id: 'vpc-1' }] },
    });
  });

  it('refuses an object that does not parse, naming it', async () => {
    stateAt('{"serial": 4, "lin');
    await expect(readBucketState(endpoint, backend)).rejects.toThrow(
      `s3://team-state/prefix/dev-private-only/terraform.tfstate does not parse as JSON`,
    );
  });

  it('refuses JSON that is not a Terraform state', async () => {
    stateAt('{"resources": []}');
    await expect(readBucketState(endpoint, backend)).rejects.toThrow('is not a Terraform state (no serial or lineage)');
  });

  it('is whole when it holds exactly the resources the stack declares', () => {
    const declared = addressesOf({ resource: { aws_vpc: { vpc: {} }, aws_subnet: { a: {}, b: {} } } });
    expect(declared).toEqual(['aws_subnet.a', 'aws_subnet.b', 'aws_vpc.vpc']);
    const state = { serial: 1, lineage: 'l', managed: ['aws_vpc.vpc', 'aws_subnet.a', 'aws_route.x'], attributes: {} };
    expect(stateDifference(declared, state)).toEqual({ missing: ['aws_subnet.b'], extra: ['aws_route.x'] });
  });
});

describe("the emulator log's refused lock writes", () => {
  it("counts the PUTs of the state's lock file answered 412, and nothing else", () => {
    const backend = { bucket: 'team-state', key: 'p/terraform.tfstate', region: 'eu-west-1' };
    expect(lockKey(backend)).toBe('p/terraform.tfstate.tflock');
    const log = path.join(work, 'moto.log');
    fs.writeFileSync(
      log,
      [
        '"PUT /team-state/p/terraform.tfstate.tflock?x-id=PutObject HTTP/1.1" 200 -',
        '"PUT /team-state/p/terraform.tfstate.tflock?x-id=PutObject HTTP/1.1" 412 -',
        '"PUT /team-state/p/terraform.tfstate.tflock?x-id=PutObject HTTP/1.1" 412 -',
        '"PUT /team-state/other.tflock?x-id=PutObject HTTP/1.1" 412 -',
        '"GET /team-state/p/terraform.tfstate.tflock HTTP/1.1" 412 -',
      ]
        .map((request) => `127.0.0.1 - - [06/Dec/2026 08:31:49] ${request}`)
        .join('\n'),
    );
    expect(refusedLockWrites(log, backend)).toBe(2);
  });
});

describe('a destroy refused by prevent_destroy', () => {
  it('names each protected resource once, in the order the engine gives', () => {
    const output = [
      'Error: Instance cannot be destroyed',
      '  on cdk.tf.json line 120, in resource "aws_vpc" "network_vpc":',
      'Resource aws_vpc.network_vpc has lifecycle.prevent_destroy set, but the plan calls for this resource to be',
      'Error: Instance cannot be destroyed',
      'Resource aws_dynamodb_table.table has lifecycle.prevent_destroy set, but the plan calls for this resource',
      'Resource aws_vpc.network_vpc has lifecycle.prevent_destroy set, but the plan calls for this resource to be',
    ].join('\n');
    expect(preventDestroyRefusals(output)).toEqual(['aws_vpc.network_vpc', 'aws_dynamodb_table.table']);
  });

  it('names none when the engine stopped for another reason', () => {
    expect(preventDestroyRefusals('Error: Error acquiring the state lock')).toEqual([]);
  });
});
