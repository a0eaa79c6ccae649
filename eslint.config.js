import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import lingui from 'eslint-plugin-lingui';

const FEATURES = ['search', 'tasks', 'batch-orders', 'admin', 'roles', 'users', 'self-service', 'digital-id'];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public/mockServiceWorker.js', 'src/api/schema.gen.ts', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // No hand-written source file over 450 lines: split it by responsibility (tests and the generated API types aside).
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.spec.ts', 'src/api/schema.gen.ts'],
    rules: { 'max-lines': ['error', { max: 450 }] },
  },
  // Only main.tsx may load the mock backend (dynamically, in demo mode); nothing else in src/ may.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main.tsx', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/mocks/**'], message: 'The console never imports the mock backend.' }] }],
    },
  },
  // Every text a person sees comes from the catalogs (src/i18n/locales). What the rule lets through:
  // identifiers, paths, keys and CSS-like tokens (lowercase or dotted, no spaces before a capital),
  // constants, attribute names that never reach the screen, and string-literal union types.
  {
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx', 'src/test/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { lingui },
    rules: {
      'lingui/no-unlocalized-strings': [
        'error',
        {
          useTsTypes: true,
          ignore: ['^[a-z0-9@#/.:_?=&%*+\\[\\]-][\\w@#/.:_?=&%*+\\[\\] -]*$', '^[A-Z0-9_]+$', '^[^\\s]*[.][^\\s]*$'],
          ignoreNames: [
            {
              regex: {
                pattern:
                  '^(className|key|type|id|role|to|href|src|name|autoComplete|inputMode|htmlFor|method|lang|rel|target|aria-live|aria-current|data-.*|testId|variant|tone|slot|value|defaultValue|path|dir|field|kind|status|state|mode|align|width|height|pattern|accept|encType|sizes|as)$',
              },
            },
          ],
          ignoreFunctions: ['console.*', 'Error', 'new Error', 'useQuery', 'document.querySelector', 'URLSearchParams', 'navigate', 'searchParams.get', 'params.get', 'localStorage.*', 'apiFetch', 'queryKey'],
        },
      ],
    },
  },
  // Features do not import each other; the app composes them. (This block comes later, so it
  // replaces the rule above for feature files and repeats its mocks pattern.)
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FEATURES.filter((f) => f !== feature).flatMap((f) => [`**/features/${f}`, `**/features/${f}/**`, `../${f}`, `../${f}/**`]),
              message: 'Features do not import each other; share through src/ui, src/api or src/access, or compose in src/app.',
            },
            { group: ['**/app/**', '../../app/*'], message: 'Features do not depend on the app shell.' },
            { group: ['**/mocks/**'], message: 'The console never imports the mock backend.' },
          ],
        },
      ],
    },
  })),
);
