// Lint is one rule here, enforced in `npm test`: provider classes are imported by deep path
// (`@cdktf/provider-aws/lib/vpc`), never the package root, which loads every class of the provider
// (about 2 s and 500 MB per process, measured). tsc already type-checks; style is left to review.
// The TypeScript parser (it loads the compiler, about 0.5 s) is required only when a file is actually parsed,
// so a lint run whose files are all in eslint's cache stays fast. `meta` names it for that cache's key.
const tsParser = {
  meta: { name: '@typescript-eslint/parser', version: require('@typescript-eslint/parser/package.json').version },
  parseForESLint: (code, options) => require('@typescript-eslint/parser').parseForESLint(code, options),
};

const rootImport = (name) => ({
  name,
  message: `import provider classes by deep path (${name}/lib/<resource>): the package root loads every class, about 2 s and 500 MB per process`,
});

module.exports = [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/cdktf.out/**', '**/.turbo/**', '.tools/**', '.engine/**', '.frameworks/**', 'reports/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 2022 },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-imports': ['error', { paths: [rootImport('@cdktf/provider-aws'), rootImport('@cdktf/provider-tfe')] }],
      'no-restricted-modules': 'off',
    },
  },
  {
    // require() of the root is the same mistake: in plain JavaScript (scripts, configs) and in TypeScript that loads
    // a package when it is needed (the repository's commands in toolkit/commands/src).
    files: ['**/*.js', '**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value=/^@cdktf\\/provider-(aws|tfe)$/]",
        message: 'require provider classes by deep path (@cdktf/provider-aws/lib/<resource>), never the package root',
      }],
    },
  },
];
