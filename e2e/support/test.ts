import { expect, test as base } from '@playwright/test';

export interface ConsoleGuard {
  /** Lets console errors matching `pattern` pass, for a test that provokes them on purpose. */
  allow(pattern: RegExp): void;
}

/**
 * The suite's `test`: every page is watched for what a user would not see but a broken app shows in
 * its console: uncaught errors, errors a view's error boundary swallowed, and Content-Security-Policy
 * refusals (the preview server sends the strict CSP a deployment sends). Expected 4xx answers of the
 * API (the browser logs them as "Failed to load resource") are not errors.
 */
export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
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
