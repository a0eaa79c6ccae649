import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';

/**
 * The build manifest names the source files; the bundle check needs it, a web server must not serve
 * it. It is moved out of the build into `build-manifest/<outDir>.json` once the bundle is written.
 */
function manifestOutOfBuild(): Plugin {
  let outDir = 'dist';
  return {
    name: 'prime-console:manifest-out-of-build',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      // A worker's own bundle closes too, before the manifest of the page's bundle exists.
      if (!existsSync(join(outDir, '.vite', 'manifest.json'))) return;
      const target = resolve('build-manifest');
      mkdirSync(target, { recursive: true });
      renameSync(join(outDir, '.vite', 'manifest.json'), join(target, `${basename(outDir)}.json`));
      rmSync(join(outDir, '.vite'), { recursive: true, force: true });
    },
  };
}

// The console must run under a strict Content-Security-Policy; the preview server sends it (with the
// other security headers a deployment should send), so every end-to-end test runs under it.
export const SECURITY_HEADERS = {
  'Content-Security-Policy':
    // img-src data: for tenant logos, which the backend stores and answers as data URLs (an image
    // cannot run script, so this does not weaken the policy against injection).
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

// Demo mode (`--mode demo`) runs the mock backend in a worker and copies MSW's service worker from public/.
// The production build has no public dir at all, so no mock worker file can reach it.
export default defineConfig(({ mode }) => ({
  // Lingui compiles the message catalogs (imported with `?lingui`); a broken or missing message fails the build.
  plugins: [react(), lingui({ failOnCompileError: true, failOnMissing: true }), manifestOutOfBuild()],
  publicDir: mode === 'demo' ? 'public' : false,
  // The demo's page needs of tough-cookie only a jar for its own origin (mocks/demo/cookieJar.ts says why).
  resolve: { alias: mode === 'demo' ? [{ find: 'tough-cookie', replacement: resolve('mocks/demo/cookieJar.ts') }] : [] },
  build: {
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // No data: URLs, so a strict Content-Security-Policy (img-src 'self') holds.
    assetsInlineLimit: 0,
  },
  // The demo backend runs in a module worker (mocks/demo/backend.worker.ts).
  worker: { format: 'es' },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1', headers: SECURITY_HEADERS },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
    restoreMocks: true,
  },
}));
