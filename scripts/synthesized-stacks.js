// The stacks an environment's last synth wrote, as its cdktf.out/manifest.json lists them. The manifest, not the
// folder listing, is the truth: turbo restores a cached cdktf.out over the old one without deleting folders, so a
// stack an environment no longer deploys can linger on disk (and `cdktf deploy` would not know it either).
const fs = require('node:fs');
const path = require('node:path');

/** `{ env, stack, file }` of every synthesized stack under `<root>/apps/<env>/cdktf.out`, in environment then stack order. */
function synthesizedStackFiles(root, envs) {
  const appsDir = path.join(root, 'apps');
  const folders = envs ?? (fs.existsSync(appsDir) ? fs.readdirSync(appsDir).sort() : []);
  return folders.flatMap((env) => {
    const manifest = path.join(appsDir, env, 'cdktf.out', 'manifest.json');
    if (!fs.existsSync(manifest)) return [];
    const { stacks } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return Object.keys(stacks ?? {}).sort()
      .map((stack) => ({ env, stack, file: path.join(appsDir, env, 'cdktf.out', 'stacks', stack, 'cdk.tf.json') }))
      .filter(({ file }) => fs.existsSync(file));
  });
}

module.exports = { synthesizedStackFiles };
