// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/web/dist/**',
      'apps/web/src/graphql/generated.ts',
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
    // The web console: React in the browser, with the hooks rules.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['apps/web/scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
