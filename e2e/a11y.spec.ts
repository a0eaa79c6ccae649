import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { expectLoginPage, signIn } from './support/auth';
import { persona, type ViewLabel } from './support/personas';
import { expectViewWithData, main, mainNav, view } from './support/views';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One line per violation and node: rule, impact, help, and the selector of the element. */
function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) =>
      [
        `${v.id} [${v.impact ?? 'n/a'}]: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${n.target.join(' >> ')}\n       ${n.failureSummary?.replace(/\n/g, '\n       ') ?? ''}`),
      ].join('\n'),
    )
    .join('\n');
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = describeViolations(results.violations);
  if (report) console.log(`axe violations on ${what}:\n${report}`);
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('login page', async ({ page }) => {
    await page.goto(paths.login());
    await expectLoginPage(page);
    await expect(page.getByRole('heading', { name: 'Demo personas' })).toBeVisible();
    await expectNoAxeViolations(page, 'the login page');
  });

  test('login page with field and form errors', async ({ page }) => {
    await page.goto(paths.login());
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Enter your password.')).toBeVisible();
    await expectNoAxeViolations(page, 'the login page with field errors');
    await page.getByLabel('Username', { exact: true }).fill('nobody');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('The username or password is not correct.');
    await expectNoAxeViolations(page, 'the login page with a sign-in error');
  });

  test('Start', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await expect(main(page).getByRole('heading', { level: 2, name: 'What do you want to do?' })).toBeVisible();
    await expect(main(page).getByRole('link', { name: /Extended Search/ })).toBeVisible();
    await expectNoAxeViolations(page, 'Start');
  });

  const VIEW_PERSONAS: [ViewLabel, string][] = [
    ['Extended Search', 'registration-officer'],
    ['Open Tasks', 'registration-officer'],
    ['Batch Orders', 'registration-officer'],
    ['Admin', 'registration-officer'],
    ['Roles', 'user-administrator'],
    ['User Administration', 'user-administrator'],
    ['Self-Service', 'self-service-user'],
    ['Digital ID', 'mobile-id-administrator'],
  ];
  for (const [label, username] of VIEW_PERSONAS) {
    test(`${label} (as ${username})`, async ({ page }) => {
      const v = view(label);
      await signIn(page, username);
      await mainNav(page).getByRole('link', { name: label, exact: true }).click();
      await expect(page).toHaveURL(v.path);
      // Wait for the view to settle (a view that fails to render is still scanned as it is shown).
      await expect(main(page).getByRole('heading', { level: 1 })).not.toHaveText('');
      await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0);
      await expectNoAxeViolations(page, `${label} as ${username}`);
      await expectViewWithData(page, v, persona(username));
    });
  }

  test('Access denied', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.goto(paths.admin());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
    await expectNoAxeViolations(page, 'Access denied');
  });

  test('Page not found', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.goto('/nope');
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expectNoAxeViolations(page, 'Page not found');
  });

  test('Something went wrong: a view whose code fails to load', async ({ page, context, consoleGuard }) => {
    // The Admin view's code cannot be fetched (as after a deployment replaced the chunks).
    consoleGuard.allow(/Failed to load resource: net::ERR_FAILED|dynamically imported module|error during render|\[[0-9a-f]{8}\]/);
    await context.route(/\/assets\/AdminPage-[^/]+\.js$/, (route) => route.abort('failed'));
    await signIn(page, 'service-administrator');
    await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong');
    await expect(page.getByText(/^Reference: [0-9a-f]{8}$/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to Start' })).toBeVisible();
    await expect(page.getByText(/AdminPage|at \S+\.js|TypeError/)).toHaveCount(0); // no stack trace
    await expectNoAxeViolations(page, 'the error page inside the shell');
    // One main landmark, one element with id="main" (the skip link's target), whatever the view did.
    await expect(page.getByRole('main'), 'main landmarks on the error page inside the shell').toHaveCount(1);
    await expect(page.locator('[id="main"]'), 'elements with id="main" on the error page inside the shell').toHaveCount(1);
  });

  test('Reset demo data dialog', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Reset demo data?' })).toBeVisible();
    await expectNoAxeViolations(page, 'the Reset demo data dialog');
  });
});

test.describe('keyboard', () => {
  /** Presses Tab until the target has focus; fails if it takes more than `max` presses. */
  async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 40): Promise<number> {
    for (let presses = 0; presses <= max; presses++) {
      if (await target.evaluate((el) => el === document.activeElement)) return presses;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab did not reach ${target} within ${max} presses`);
  }

  test('sign in and open Extended Search with the keyboard only', async ({ page }) => {
    await page.goto(paths.login());
    const username = page.getByLabel('Username', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    await expect(username).toBeVisible();
    // Start from the page heading (as after reading it), not from the field's autofocus.
    await page.getByRole('heading', { level: 1, name: 'Sign in to PRIME Console' }).click();
    await expect(username).not.toBeFocused();

    await tabTo(page, username, 3);
    await page.keyboard.type('registration-officer');
    await page.keyboard.press('Tab');
    await expect(password).toBeFocused();
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(mainNav(page)).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Start');

    const search = mainNav(page).getByRole('link', { name: 'Extended Search', exact: true });
    // From wherever focus is after sign-in, Tab reaches the Main navigation, Start first.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'Start', exact: true }), 10);
    await page.keyboard.press('Tab');
    await expect(search).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(paths.search());
    await expectViewWithData(page, view('Extended Search'), persona('registration-officer'));
  });
});
