// Lint, enforced by `npm run lint` (part of `npm test`): typescript-eslint's recommended rules on every TypeScript
// source; provider classes imported by deep path (`@cdktf/provider-aws/lib/vpc`), never the package root, which loads
// every class of the provider (about 2 s and 500 MB per process, measured); and prettier's formatting
// (.prettierrc.json), checked by `prettier --check` in the same script. tsc type-checks.
const tseslint = require('typescript-eslint');
const tsParser = tseslint.parser;

const rootImport = (name) => ({
  name,
  message:
    `import provider classes by deep path (${name}/lib/<resource>): the package root loads every class, about ` +
    `2 s and 500 MB per process`,
});

module.exports = [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdktf.out/**',
      '**/.turbo/**',
      '.tools/**',
      '.engine/**',
      '.frameworks/**',
      'reports/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      // Prettier wraps code at 120 columns; comments, strings and test names are held to it here. A regular
      // expression is left whole (split, it no longer reads as the pattern it matches), and so is an import path.
      'max-len': ['error', { code: 120, ignoreRegExpLiterals: true, ignorePattern: '^import ' }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // `_name` marks a value kept on purpose; `{ omitted, ...rest }` is how a copy leaves fields out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // jest's matcher types are extended by declaration merging, which needs `declare global { namespace jest }`.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // The commands load the workspace packages when they run, not at import: a command whose packages are not built
    // says `run npm run build` in one line instead of a stack trace, and the bench measures what loading costs.
    // An app's compiled values are loaded from a path known only at run time.
    files: ['toolkit/commands/src/**/*.ts', 'stacks/src/environment-apps.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 2022 },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [rootImport('@cdktf/provider-aws'), rootImport('@cdktf/provider-tfe')] },
      ],
      'no-restricted-modules': 'off',
    },
  },
  {
    // require() of the root is the same mistake: in plain JavaScript (scripts, configs) and in TypeScript that loads
    // a package when it is needed (the repository's commands in toolkit/commands/src).
    files: ['**/*.js', '**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^@cdktf\\/provider-(aws|tfe)$/]",
          message: 'require provider classes by deep path (@cdktf/provider-aws/lib/<resource>), never the package root',
        },
      ],
    },
  },
];
