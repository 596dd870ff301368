// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * Type-aware linting (typescript-eslint's recommended-type-checked rules) for
 * everything TypeScript in the project; Prettier owns the layout, so its
 * conflicting rules are off. `npm test` runs this with --max-warnings 0.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/reports/**', 'bench/.cache/**', 'src/web/static/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests read JSON answers (supertest's `body` is `any`) and poke at internals on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A store or a test double implements an async port with synchronous work: that is not a mistake.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Small functions in small files (issue 16): the code the ledger runs reads in one screen
    // at a time. Blank and comment lines count. A data table may say why it is longer with an
    // eslint-disable comment beside it.
    files: ['src/**/*.ts', 'events/**/*.ts', 'projections/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 70 }],
    },
  },
  {
    // No import cycles (issue 26): a module that imports, through others, a module that
    // imports it has no clear place in the layers and loads in an order that depends on
    // who came first. Type-only imports are left out: they vanish at compile time.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      parserOptions: { projectService: false, project: null },
      globals: globals.node,
    },
  },
  prettier,
);
