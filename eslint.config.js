import fs from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { SERVER_MODULE_EXCEPTIONS } from './eslint/server-module-exceptions.js';

const SERVER_MODULES = './apps/server/src/modules';
/** Test and demo drivers live outside the production tree; only tests import them. */
const testSupportZone = {
  target: './apps/server/src',
  from: './apps/server/test-support',
  message: 'apps/server/test-support is for tests only.',
};
const serverModules = fs
  .readdirSync(SERVER_MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** A module's public entry: `index.ts`, or the `<module>.module.ts` that composes it. */
const publicEntries = serverModules.flatMap((m) =>
  [`${m}/index.ts`, `${m}/${m}.module.ts`].filter((file) => fs.existsSync(`${SERVER_MODULES}/${file}`)),
);
/** One zone per server module: from its files, other modules are reachable through their entry only. */
const serverModuleZones = serverModules.map((m) => ({
  target: `${SERVER_MODULES}/${m}`,
  from: SERVER_MODULES,
  except: [
    `./${m}`,
    // The Klantinteracties provider seam at the top of modules/ is shared by design.
    './klantinteracties-module.ts',
    './klantinteracties-provider.ts',
    ...publicEntries.map((file) => `./${file}`),
    ...(SERVER_MODULE_EXCEPTIONS[m] ?? []).map((file) => `./${file}`),
  ],
  message: 'Import another module through its public entry (index.ts or <module>.module.ts).',
}));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-electron/**',
      'release/**',
      '.kcc-data/**',
      '.tsbuild/**',
      'assets/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...serverModuleZones, testSupportZone] }] },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/server/src/modules/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [testSupportZone] }] },
  },
  {
    files: ['apps/workplace/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'error',
      'react-hooks/refs': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
