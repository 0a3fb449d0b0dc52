// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import house from './tools/lint/house-plugin.cjs';
import { FOREIGN_TABLE_ALLOWANCES, READ_MODELS } from './tools/lint/read-models.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/web/dist/**',
      'apps/web/src/graphql/generated.ts',
      'apps/web/src/graphql/documents/**',
      '.data/**',
      'jest.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/apps/**', '../../apps/*'], message: 'Libraries never import from apps.' }],
        },
      ],
    },
  },
  {
    // Services know nothing of GraphQL: the transport lives in apps/api.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/graphql',
              message: 'Domain libraries know nothing of GraphQL; resolvers live in apps/api.',
            },
          ],
          patterns: [{ group: ['**/apps/**'], message: 'Libraries never import from apps.' }],
        },
      ],
    },
  },
  {
    // The house: a library's SQL names only its own tables (the import graph cannot see SQL strings), and
    // its index.ts exports no entities. Table owners are read from the @Entity('name') decorators at lint time.
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/*/src/**/*.spec.ts'],
    plugins: { house },
    rules: {
      'house/no-foreign-table': [
        'error',
        {
          tables: house.readTableOwners(import.meta.dirname),
          readModels: [...READ_MODELS, ...FOREIGN_TABLE_ALLOWANCES],
        },
      ],
      'house/no-entity-export': 'error',
      'house/no-foreign-entity': ['error', { entities: house.readEntityClasses(import.meta.dirname) }],
    },
  },
  {
    // The web console: React in the browser, with the hooks rules.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Node scripts in CommonJS (the local lint plugin is CommonJS so that Jest can require it).
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/web/scripts/**/*.mjs', 'tools/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
