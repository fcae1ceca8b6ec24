import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    // Tests and their helpers may use Node (V8's test of hidden classes): no entry reaches them.
    ignores: ['**/*.spec.ts', '**/*.spec.helper.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http'],
              message: 'core is pure: no Node standard library',
            },
            { group: ['rxjs', 'rxjs/*'], message: 'core is pure: no rxjs' },
            { group: ['@smart-orders/*'], message: 'core depends on nothing of ours' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Date', 'console', 'process', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'core has no randomness' },
      ],
    },
  },
);
