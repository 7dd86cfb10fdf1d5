#!/usr/bin/env node
// Rewrites the address ledger, tests/addresses/<stack>.txt: every stack's Terraform resource addresses
// (`type.name`, sorted, one per line), synthesized from the compiled apps as the root app does. Prints what
// changed, so the developer sees (and review sees, in the ledger's diff) every address that comes or goes.
// Run after `npm run build` (`npm run addresses:record` builds first). tests/addresses.test.ts checks the ledger.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentInput, SynthResult } from '@lambda-vpc/stacks';
import { addressesOf, destinationOf, formatLedger, parseLedger, StackAddressJson } from './addresses/ledger';
import { repositoryRoot as root } from './repository-root';

const ledgerDir = path.join(root, 'tests', 'addresses');
const relative = (file: string): string => path.relative(root, file);

function fail(message: string): never {
  console.error(`addresses: ${message}`);
  process.exit(1);
}

let synthEnvironments: typeof import('@lambda-vpc/stacks').synthEnvironments;
let environments: EnvironmentInput[];
try {
  const stacks: typeof import('@lambda-vpc/stacks') = require('@lambda-vpc/stacks');
  synthEnvironments = stacks.synthEnvironments;
  environments = stacks.loadEnvironmentApps(root).map((app) => app.values);
} catch (error) {
  fail(`${(error as Error).message.split('\n')[0]}; run npm run build`);
}

const outParent = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-addresses-'));
try {
  let result: SynthResult;
  try {
    result = synthEnvironments(environments, { outdir: path.join(outParent, 'cdktf.out') });
  } catch (error) {
    fs.rmSync(outParent, { recursive: true, force: true });
    fail(`synth failed, no ledger written: ${(error as Error).message}`);
  }

  fs.mkdirSync(ledgerDir, { recursive: true });
  let changed = 0;
  let destroyed = 0;
  const stackNames = new Set<string>();
  for (const stack of result.stacks) {
    stackNames.add(stack.name);
    const json = JSON.parse(fs.readFileSync(stack.file, 'utf8')) as StackAddressJson;
    const addresses = addressesOf(json);
    const file = path.join(ledgerDir, `${stack.name}.txt`);
    const text = formatLedger(addresses);
    const existed = fs.existsSync(file);
    const before = existed ? fs.readFileSync(file, 'utf8') : undefined;
    if (before === text) {
      console.log(`addresses: ${stack.name}: unchanged (${addresses.length})`);
      continue;
    }
    const previous = new Set(parseLedger(before || ''));
    const current = new Set(addresses);
    const added = addresses.filter((address) => !previous.has(address));
    const removed = [...previous].sort().filter((address) => !current.has(address));
    if (!existed) {
      console.log(`addresses: ${stack.name}: new ledger (${addresses.length})`);
    } else {
      for (const address of removed) {
        const end = destinationOf(address, json.moved || []);
        const moved = end !== undefined && end !== address && current.has(end);
        if (!moved) destroyed += 1;
        console.log(
          `addresses: ${stack.name}: - ${address} ` +
            `${moved ? `(moved to ${end})` : '(no moved block: Terraform will DESTROY it)'}`,
        );
      }
      for (const address of added) console.log(`addresses: ${stack.name}: + ${address}`);
      if (added.length === 0 && removed.length === 0) console.log(`addresses: ${stack.name}: reformatted`);
    }
    fs.writeFileSync(file, text);
    changed += 1;
  }
  for (const entry of fs.readdirSync(ledgerDir).sort()) {
    if (!entry.endsWith('.txt') || stackNames.has(entry.slice(0, -'.txt'.length))) continue;
    fs.rmSync(path.join(ledgerDir, entry));
    console.log(
      `addresses: ${entry.slice(0, -'.txt'.length)}: no such stack any more; removed its ledger (whatever it ` +
        `deployed is no longer managed from here)`,
    );
    changed += 1;
  }
  console.log(
    `addresses: ${result.stacks.length} stack(s), ${changed} ledger(s) changed in ${relative(ledgerDir)}` +
      (destroyed > 0 ? `; ${destroyed} address(es) removed without a moved block: check that is meant` : ''),
  );
  if (changed > 0) console.log('addresses: review the diff of the ledger and commit it');
} finally {
  fs.rmSync(outParent, { recursive: true, force: true });
}
