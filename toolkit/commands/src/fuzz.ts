#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S] [--property K [--path P]]`: runs the environment properties
// (toolkit/commands/src/properties/) over N generated cases each, and prints the cases per second of each. A failure
// prints the shrunk counterexample, what it broke, and the command that replays it (its seed and path); exit status 1.
import type { Arbitrary } from 'fast-check';
import { commandOptions, CommandSpec, wholeNumberFrom } from './command-options';

const COMMAND = 'fuzz';

/** What the command accepts. */
const FUZZ_OPTIONS = {
  options: {
    runs: { type: 'string', value: 'N', allowed: 'a whole number of 1 or more', valid: wholeNumberFrom(1) },
    seed: { type: 'string', value: 'S', allowed: 'an integer', valid: (value: string) => /^-?[0-9]+$/.test(value) },
    property: {
      type: 'string',
      value: 'K',
      allowed: 'the number of a property, from 1',
      valid: wholeNumberFrom(1),
    },
    path: {
      type: 'string',
      value: 'P',
      allowed: 'the path a failure printed, e.g. 12:3:0 (with --property and --seed)',
      valid: (value: string) => /^[0-9]+(:[0-9]+)*$/.test(value),
    },
  },
} as const satisfies CommandSpec;

function fail(message: string): never {
  console.error(`${COMMAND}: ${message}`);
  process.exit(1);
}

const { values } = commandOptions(COMMAND, process.argv.slice(2), FUZZ_OPTIONS);
let fc: typeof import('fast-check');
let properties: typeof import('./properties/environment-properties');
try {
  fc = require('fast-check');
  properties = require('./properties/environment-properties');
} catch (error) {
  fail(`${(error as Error).message.split('\n')[0]}; run npm install and npm run build`);
}
const all = properties.ENVIRONMENT_PROPERTIES;
const chosen = values.property === undefined ? undefined : Number(values.property);
if (chosen !== undefined && chosen > all.length) fail(`--property ${chosen}: allowed: 1 to ${all.length}`);
if (values.path !== undefined && (chosen === undefined || values.seed === undefined)) {
  fail('--path replays one failure: give the --property and --seed it printed too');
}
const runs = Number(values.runs ?? 100);
// A seed of its own each time unless given, printed so any run can be repeated.
const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 0x100000000)) | 0 : Number(values.seed);
console.log(`${COMMAND}: ${runs} case(s) per property, seed ${seed}`);

// A long run says how far it got every half minute; the count includes any shrinking after a failure.
const PROGRESS_EVERY_MS = 30_000;

let failed = false;
all.forEach((property, index) => {
  if (chosen !== undefined && chosen !== index + 1) return;
  const started = performance.now();
  let checked = 0;
  let reported = started;
  const checkOne = (value: unknown) => {
    (property.check as (v: unknown) => void)(value);
    checked += 1;
    const now = performance.now();
    if (now - reported < PROGRESS_EVERY_MS) return;
    reported = now;
    const rate = checked / ((now - started) / 1000);
    console.log(`${COMMAND}: ${index + 1}. ${checked} of ${runs} case(s) checked, ${rate.toFixed(1)} cases/s`);
  };
  const details = fc.check(fc.property(property.arbitrary as Arbitrary<unknown>, checkOne), {
    numRuns: runs,
    seed,
    ...(values.path === undefined ? {} : { path: values.path }),
  });
  const seconds = (performance.now() - started) / 1000;
  const rate = details.numRuns / seconds;
  console.log(
    `${COMMAND}: ${index + 1}. ${property.name}: ${details.numRuns} case(s) in ${seconds.toFixed(1)} s, ` +
      `${rate.toFixed(1)} cases/s${details.failed ? ', FAILED' : ''}`,
  );
  if (!details.failed) return;
  failed = true;
  console.error(fc.defaultReportMessage(details));
  console.error(
    `what it broke:\n${(details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance)}`,
  );
  console.error(
    `replay: npm run fuzz -- --property ${index + 1} --runs ${runs} --seed ${details.seed} ` +
      `--path ${details.counterexamplePath}`,
  );
});
process.exitCode = failed ? 1 : 0;
