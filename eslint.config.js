// ESLint: typescript-eslint (type-aware where promises are concerned), Astro components, React hooks; formatting is left to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

export default defineConfig([
  { ignores: ['dist/', '.astro/', '.dist-next/', '.dist-previous/', 'bench/.work/', 'tests/.artifacts/', 'reports/', 'exports/', '.stryker-tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    // The classic hook rules; the compiler rules of `recommended` flag the islands' deliberate setHydrated(true) after hydration.
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    // Type-aware rules only where they pay: a promise nobody awaits loses its error.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests match YAML and aligned CLI output, where literal spaces read better than ` {2}`.
    files: ['tests/**'],
    rules: { 'no-regex-spaces': 'off' },
  },
  prettier,
]);
