import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.tsbuild/**',
      '**/node_modules/**',
      '**/coverage/**',
      'artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (conventions.md).' },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: "Import zod as `import * as z from 'zod/mini'`." },
            { name: 'zod/v4', message: "Import zod as `import * as z from 'zod/mini'`." },
            { name: 'zustand', message: "Import zustand as 'zustand/vanilla'." },
            { name: 'react', message: 'The core imports no React.' },
          ],
          patterns: [{ group: ['node:*'], message: 'The core imports no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['packages/react/**/*.{ts,tsx}', 'examples/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: globals.browser },
  },
  {
    files: [
      '**/*.config.{js,ts,mjs}',
      'scripts/**',
      'bench/**',
      '.ci/**',
      'examples/*/scripts/**',
      'examples/*/e2e/**',
      'examples/*/vitest.e2e.config.ts',
      'packages/server/**',
      'packages/cli/**',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Config files are loaded by their tools through a default export.
    files: ['**/*.config.{js,ts,mjs}', '**/vite.config.ts', '.size-limit.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/tests/**', '**/*.test.{ts,tsx}', '**/*.test-d.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
