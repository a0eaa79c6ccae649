import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the demo build (`npm run build:demo`, done by `npm test` before this runs),
 * served by `vite preview`. The demo runs its mock backend inside the page (MSW), so every test gets a
 * fresh browser context and therefore a fresh demo organisation.
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
    {
      name: 'chromium',
      use: {
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
      },
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
