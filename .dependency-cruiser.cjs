/**
 * The architecture as rules (`npm run lint`): no import circle in the console or the mock backend,
 * type-only imports included, and no arrow running up the layers (see docs/architecture.md).
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Shared types and constants go in a leaf module.', from: {}, to: { circular: true } },
    {
      name: 'api-is-a-lower-layer',
      severity: 'error',
      comment: 'The API client and contract types know nothing of the rights model, the app or the views.',
      from: { path: '^src/api/' },
      to: { path: '^src/(access|app|features|ui)/' },
    },
    {
      name: 'access-below-views',
      severity: 'error',
      comment: 'The rights model is used by the app and the views, never the other way round.',
      from: { path: '^src/access/' },
      to: { path: '^src/(app|features|ui)/' },
    },
    {
      name: 'ui-below-features',
      severity: 'error',
      comment: 'Shared UI parts serve the views; they do not reach into them or the shell.',
      from: { path: '^src/ui/' },
      to: { path: '^src/(app|features)/' },
    },
    {
      name: 'console-without-mocks',
      severity: 'error',
      comment: 'Only main.tsx loads the mock backend (in demo mode); tests may use it.',
      from: { path: '^src/', pathNot: ['^src/main\\.tsx$', '\\.test\\.tsx?$', '^src/test/'] },
      to: { path: '^mocks/' },
    },
    {
      name: 'mocks-without-views',
      severity: 'error',
      comment: 'The backend shares the contract types and the rights model with the console, nothing of its screens.',
      from: { path: '^mocks/' },
      to: { path: '^src/(app|features|ui)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- dependency-cruiser reads a CommonJS config
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};
