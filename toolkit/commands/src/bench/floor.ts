// The floor (c): a Node process that only loads cdktf, constructs and the provider classes the compiled stacks
// import, from the list the bench writes to the file named by argv[2]. Nothing is constructed or synthesized.
import * as fs from 'node:fs';

const modules = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as string[];
require('cdktf');
require('constructs');
for (const name of modules) require(name);
