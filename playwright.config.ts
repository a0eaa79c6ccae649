import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests, in two projects:
 * - `chromium`: the demo build (`npm run build:demo`, done by `npm test` before this runs), served by
 *   `vite preview`. The demo runs its mock backend in the browser (MSW), so every test gets a fresh
 *   browser context and therefore a fresh demo organisation.
 * - `production`: the production build (`vite build`, also done by `npm test`) behind Debian's nginx
 *   with deploy/nginx.conf, against `npm run mock-api` over real HTTP.
 */
// `npm run preview:demo` serves dist-demo on 4173. E2E_PORT (and E2E_DIST) let a run use its own port
// and build, e.g. while someone else's preview holds 4173: the defaults are what CI uses.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist-demo';
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SERVER =
  PORT === 4173 && DIST === 'dist-demo'
    ? 'npm run preview:demo'
    : `npx vite preview --mode demo --outDir ${DIST} --port ${PORT} --strictPort`;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const useSystemChromium = existsSync(SYSTEM_CHROMIUM);

const CHROMIUM = {
  ...devices['Desktop Chrome'],
  launchOptions: useSystemChromium
    ? {
        executablePath: SYSTEM_CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      }
    : {},
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'en-GB',
    timezoneId: 'Europe/Stockholm',
    actionTimeout: 5_000,
    navigationTimeout: 10_000,
    // Tracing costs a lot on two cores; turn it on for a failing test with `--trace on`.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The demo build: the backend in the page's worker, a fresh organisation per browser context.
    { name: 'chromium', use: CHROMIUM },
    // The production build behind deploy/nginx.conf against the contract server over real HTTP (one
    // of each per worker, reset before every test: e2e/support/test.ts), for the specs that do not
    // depend on the in-page demo; tests tagged @demo stay in the demo's project.
    {
      name: 'production',
      use: CHROMIUM,
      testMatch: ['session.spec.ts', 'session-expiry.spec.ts', 'access.spec.ts', 'search.spec.ts', 'tasks.spec.ts', 'batch-orders.spec.ts', 'self-service.spec.ts', 'swedish.spec.ts'],
      grepInvert: /@demo/,
    },
  ],
  webServer: {
    command: SERVER,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
