import { expect, test as base } from '@playwright/test';
import { startProductionStack, type ProductionStack } from '../../mocks/productionStack';

export interface ConsoleGuard {
  /** Lets console errors matching `pattern` pass, for a test that provokes them on purpose. */
  allow(pattern: RegExp): void;
}

/** The key `mocks/browser.ts` reads for the size of the demo organisation (100..200,000 persons). */
export const DEMO_PERSONS_KEY = 'prime-console.demo-persons';
/** The size every test uses unless it opts out: the expectations in personas.ts/views.ts are for it. */
export const SMALL_DEMO_PERSONS = 2000;

export interface DemoOptions {
  /**
   * Persons generated in the demo organisation, set in localStorage before any page of the test's
   * context loads. `null` leaves the app's default (100,000): `test.use({ demoPersons: null })`.
   */
  demoPersons: number | null;
}

/**
 * The suite's `test`: every page is watched for what a user would not see but a broken app shows in
 * its console: uncaught errors, errors a view's error boundary swallowed, and Content-Security-Policy
 * refusals (the preview server sends the strict CSP a deployment sends). Expected 4xx answers of the
 * API (the browser logs them as "Failed to load resource") are not errors.
 *
 * Every page of the test's context gets the small demo organisation (2,000 generated persons) unless
 * the spec opts out with `test.use({ demoPersons: null })`.
 */
/** The project that runs the production build behind nginx against the contract server. */
export const PRODUCTION_PROJECT = 'production';

export const test = base.extend<DemoOptions & { demoSize: void; consoleGuard: ConsoleGuard; freshBackend: void }, { stack: ProductionStack | null }>({
  demoPersons: [SMALL_DEMO_PERSONS, { option: true }],
  // The production project: each worker its own contract server (the small organisation, as the demo's
  // tests use) behind its own nginx with deploy/nginx.conf, serving dist/.
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, provide, workerInfo) => {
      if (workerInfo.project.name !== PRODUCTION_PROJECT) return provide(null);
      const stack = await startProductionStack({ dist: 'dist', persons: SMALL_DEMO_PERSONS, apiArgs: ['--test-control'] });
      try {
        await provide(stack);
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ stack, baseURL }, provide) => provide(stack?.base ?? baseURL),
  // Every test starts with the generated organisation, as a fresh demo context does.
  freshBackend: [
    async ({ stack }, use) => {
      if (stack) {
        const res = await fetch(`${stack.api}/__control/reset`, { method: 'POST' });
        if (res.status !== 204) throw new Error(`the contract server did not reset: ${res.status}`);
      }
      await use();
    },
    { auto: true },
  ],
  demoSize: [
    async ({ context, demoPersons }, use) => {
      if (demoPersons !== null) {
        // On the context, so a second page (a bookmark, another tab) gets the same organisation.
        await context.addInitScript(
          ({ key, value }) => {
            try {
              window.localStorage.setItem(key, value);
            } catch {
              /* about:blank and other opaque origins have no localStorage */
            }
          },
          { key: DEMO_PERSONS_KEY, value: String(demoPersons) },
        );
      }
      await use();
    },
    { auto: true },
  ],
  consoleGuard: [
    async ({ page }, use, testInfo) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const report = (text: string) => {
        if (!allowed.some((re) => re.test(text))) problems.push(text);
      };
      page.on('pageerror', (e) => report(`uncaught: ${e.message}`));
      page.on('console', (m) => {
        const text = m.text();
        if (/Content.Security.Policy/i.test(text)) report(`CSP: ${text}`);
        else if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) {
          report(`console.error: ${text.split('\n')[0]}`);
        }
      });
      await use({ allow: (re) => void allowed.push(re) });
      if (testInfo.status === testInfo.expectedStatus) {
        expect(problems, 'errors in the browser console').toEqual([]);
      } else if (problems.length) {
        await testInfo.attach('browser-console-errors', { body: problems.join('\n'), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});

export { expect };
