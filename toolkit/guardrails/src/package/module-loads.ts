/**
 * The module specifiers a JavaScript file loads by a literal name: `require('x')`, `import ... from 'x'`,
 * `import 'x'`, `export ... from 'x'` and `import('x')`. A name computed at run time cannot be known here and is
 * not listed. Comments are removed first, so a commented-out require is not a load.
 */
export function moduleLoads(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const quoted = String.raw`(['"\x60])([^'"\x60\n$]+)\1`;
  const patterns = [
    new RegExp(String.raw`\brequire\s*\(\s*${quoted}\s*\)`, 'g'),
    new RegExp(String.raw`\bimport\s*\(\s*${quoted}\s*\)`, 'g'),
    new RegExp(String.raw`\b(?:import|export)\b[\w\s{},*$]*?\bfrom\s*${quoted}`, 'g'),
    new RegExp(String.raw`\bimport\s*${quoted}`, 'g'),
  ];
  const loads = new Set<string>();
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) loads.add(match[2]);
  }
  return [...loads].sort();
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
