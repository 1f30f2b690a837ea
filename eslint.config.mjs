import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
