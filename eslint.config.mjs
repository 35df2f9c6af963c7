import tseslint from 'typescript-eslint';

// The layers (README, "Architecture"): data flows features → core ← cli, everything may
// use src/shared, and server/ is a separate program that shares only src/shared.
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'media/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // src/core must stay usable from the CLI, the server and plain-Node tests.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)(features|cli|server)/', message: 'src/core depends on nothing above it (features, cli) nor on server/.' }],
        [{ name: 'vscode', message: 'src/core must not import vscode at run time (type-only imports are allowed).', allowTypeImports: true }],
      ),
    },
  },
  {
    // Contracts both sides import: no vscode, nothing from the layers that use them.
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)(features|core|cli|server)/|^node:', message: 'src/shared holds plain contracts: no imports from the layers (or Node) that use it.' }],
        [{ name: 'vscode', message: 'src/shared must not import vscode.' }],
      ),
    },
  },
  {
    // The extension reaches the bundled server over HTTP and its ready line only.
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([{ regex: '(^|/)server/', message: 'server/ is a separate program: share code through src/shared.' }]),
    },
  },
  {
    // The command line runs without VS Code, over src/core.
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)(features|server)/', message: 'src/cli builds on src/core (and src/shared) only.' }],
        [{ name: 'vscode', message: 'src/cli runs outside VS Code.' }],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)src/(?!shared/)', message: 'server/ imports only src/shared from src/.' }],
        [{ name: 'vscode', message: 'server/ runs outside VS Code.' }],
      ),
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)src/(?!shared/)', message: 'The webview is joined to the extension only through src/shared/previewProtocol.ts.' }],
        [{ name: 'vscode', message: 'The webview runs in a browser context.' }],
      ),
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
