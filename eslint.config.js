import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bidwatch/**', 'bench/out/**', 'src/web/static/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // detectors/ is pure: a detector is a function over plain data (DESIGN.md).
    files: ['detectors/**/*.ts'],
    ignores: ['detectors/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '../src/*', '../../src/*', '../../../src/*'], message: 'detectors/ must not import from src/' },
            { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'ioredis', 'pg', 'pg-*', '@electric-sql/*'], message: 'detectors/ stays free of Nest, TypeORM, BullMQ, Redis and database drivers' },
            { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process'], message: 'detectors/ does no I/O' },
          ],
        },
      ],
    },
  },
  {
    // Repositories are the only code that writes SQL (DESIGN.md; issue 11): no .query( anywhere else in src/, besides
    // the database layer itself (DataSource, PGlite driver, COPY writer). Migrations live outside src/.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL belongs in a *.repository.ts (controllers call services, services call repositories)',
        },
      ],
    },
  },
);
