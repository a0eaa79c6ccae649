import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { expectLoginPage, signIn, signOut, submitLogin } from './support/auth';
import { persona } from './support/personas';
import { apiGet, expectViewWithData, main, mainNav, view } from './support/views';

const FAILED = 'The username or password is not correct.';
const BANNER = 'Demo mode — data is simulated and stays in this browser.';

const formError = (page: Page) => page.locator('main#main form').getByRole('alert');

async function expectNoSession(page: Page) {
  expect((await apiGet(page, '/api/v1/session')).status).toBe(401);
  await expect(mainNav(page)).toHaveCount(0);
}

test.describe('sign-in', () => {
  test('a wrong password and an unknown user get the same message and no session', async ({ page }) => {
    await page.goto(paths.login());

    await submitLogin(page, 'registration-officer', 'not-the-password');
    await expect(formError(page)).toHaveText(FAILED);
    await expect(page).toHaveURL(/\/login$/);
    await expectNoSession(page);

    await submitLogin(page, 'nobody-by-this-name', 'demo');
    await expect(formError(page)).toHaveText(FAILED);
    await expect(page).toHaveURL(/\/login$/);
    await expectNoSession(page);

    // The backend's answers are the same too, so sign-in does not reveal who exists.
    const answers = await page.evaluate(async () => {
      const post = async (username: string, password: string) => {
        const res = await fetch('/api/v1/session', {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' },
          body: JSON.stringify({ username, password }),
        });
        return { status: res.status, body: (await res.json()) as { title?: string; detail?: string } };
      };
      return [await post('registration-officer', 'wrong'), await post('nobody-by-this-name', 'demo')];
    });
    expect(answers[0]!.status).toBe(401);
    expect(answers[1]).toEqual(answers[0]);
  });

  test('after 10 failed sign-ins the username waits, the right password too, and the System log shows the lock-out', async ({ page }) => {
    await page.goto(paths.login());
    for (let i = 1; i < 10; i++) {
      await submitLogin(page, 'approver', `wrong-${i}`);
      await expect(formError(page)).toHaveText(FAILED);
    }
    await submitLogin(page, 'approver', 'wrong-10');
    const locked = 'Too many failed sign-ins for this username. Wait 5 minutes, then try again.';
    await expect(formError(page)).toHaveText(locked);
    // The right password waits too; what was typed stays.
    await submitLogin(page, 'approver', 'demo');
    await expect(formError(page)).toHaveText(locked);
    await expect(page.getByLabel('Username', { exact: true })).toHaveValue('approver');
    await expectNoSession(page);

    // Another username is not affected; the service administrator finds the lock-out in the System log.
    await submitLogin(page, 'service-administrator');
    await expect(mainNav(page)).toBeVisible();
    await page.goto('/admin?tab=system-log');
    const log = main(page).getByRole('grid', { name: 'System log' });
    await expect(log.getByRole('row').filter({ hasText: 'sign-in-lockout' }).filter({ hasText: 'approver' })).toHaveCount(1);
  });

  test('empty fields get a message each and nothing is sent', async ({ page }) => {
    await page.goto(paths.login());
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session') posts.push(r.url());
    });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const username = page.getByLabel('Username', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(username).toHaveAccessibleDescription('Enter your username.');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription('Enter your password.');
    await expect(page.getByText('Enter your username.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();

    // Only the password missing: only its message.
    await username.fill('registration-officer');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(password).toHaveAccessibleDescription('Enter your password.');
    await expect(page.getByText('Enter your username.')).toHaveCount(0);
    await expect(username).not.toHaveAttribute('aria-invalid', 'true');
    expect(posts).toEqual([]);
    await expectNoSession(page);
  });

  test('batch-sync is refused as a system account', async ({ page }) => {
    await page.goto(paths.login());
    await submitLogin(page, 'batch-sync', 'demo');
    await expect(formError(page)).toContainText('system account');
    await expect(formError(page)).toHaveText('This is a system account for batch synchronisation; it cannot sign in interactively.');
    await expect(page).toHaveURL(/\/login$/);
    await expectNoSession(page);
  });

  test('a deep link while signed out goes through sign-in and lands on the view', async ({ page }) => {
    await page.goto(paths.admin());
    await expect(page).toHaveURL(paths.login('/admin'));
    expect(new URL(page.url()).search).toBe('?next=%2Fadmin');
    await expectLoginPage(page);
    await submitLogin(page, 'service-administrator');
    await expect(page).toHaveURL(paths.admin());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Admin');
    await expect(page.getByTestId('display-name')).toContainText(persona('service-administrator').displayName);
  });

  test('next pointing to another host lands on Start', async ({ page, baseURL }) => {
    await page.goto('/login?next=//evil.example');
    await submitLogin(page, 'registration-officer');
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Start');
    await expect(page).toHaveURL(paths.start());
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  });
});

test.describe('signed in', () => {
  test('a change of user without a reload shows nothing of the previous user', async ({ page }) => {
    const officer = persona('registration-officer');
    const selfService = persona('self-service-user');
    await signIn(page, officer.username);
    // Marks this document: it must survive, proving no reload happened between the two users.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
    await expectViewWithData(page, view('Extended Search'), officer);
    const firstPerson = (await main(page).getByRole('grid', { name: 'Persons' }).getByRole('rowheader').first().innerText()).trim();

    await signOut(page);
    await submitLogin(page, selfService.username);
    await expect(mainNav(page)).toBeVisible();

    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByTestId('display-name')).toContainText(selfService.displayName);
    await expect(page.getByTestId('roles')).toContainText('Self-service user');
    await expect(page.getByText(officer.displayName)).toHaveCount(0);
    await expect(page.getByText('Registration officer')).toHaveCount(0);
    await expect(mainNav(page).getByRole('link')).toHaveText(['Start', 'Self-Service']);
    await expect(page.getByRole('link', { name: 'Extended Search' })).toHaveCount(0);
    await expect(page.getByText(firstPerson)).toHaveCount(0);

    // The previous user's view, reached in-app (no reload): refused for this user, none of its data.
    await page.evaluate((path) => {
      window.history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, paths.search());
    await expect(page).toHaveURL(paths.search());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
    await expect(page.getByRole('grid')).toHaveCount(0);
    await expect(page.getByText(firstPerson)).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await mainNav(page).getByRole('link', { name: 'Self-Service', exact: true }).click();
    await expectViewWithData(page, view('Self-Service'), selfService);
  });

  test('an unknown path shows Page not found', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await page.goto('/nope');
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(main(page)).toContainText('There is no page at this address.');
    await expect(mainNav(page)).toBeVisible();
  });

  test('the demo banner shows on the login page and in the shell', { tag: '@demo' }, async ({ page }) => {
    await page.goto(paths.login());
    const banner = page.getByRole('region', { name: 'Demo mode' });
    await expect(banner).toContainText(BANNER);
    await expect(banner.getByRole('button', { name: 'Reset demo data' })).toBeVisible();
    await submitLogin(page, 'approver');
    await expect(mainNav(page)).toBeVisible();
    await expect(banner).toContainText(BANNER);
    await expect(banner.getByRole('button', { name: 'Reset demo data' })).toBeVisible();
  });

  test('the demo banner is there when the page first shows, so nothing moves under a pointer about to click', { tag: '@demo' }, async ({ page }) => {
    // Records, at the first moment the login form and then the navigation are in the page, whether
    // the banner already is: one arriving later pushes the page down between a pointer's press and release.
    await page.addInitScript(() => {
      const seen: Record<string, boolean> = {};
      (window as unknown as { bannerAtFirstPaint: Record<string, boolean> }).bannerAtFirstPaint = seen;
      new MutationObserver(() => {
        const banner = document.querySelector('.demo-banner') !== null;
        if (!('login' in seen) && document.querySelector('main#main form')) seen.login = banner;
        if (!('shell' in seen) && document.querySelector('nav[aria-label="Main"]')) seen.shell = banner;
      }).observe(document, { childList: true, subtree: true });
    });
    const firstPaint = () => page.evaluate(() => (window as unknown as { bannerAtFirstPaint: Record<string, boolean> }).bannerAtFirstPaint);
    await page.goto(paths.login());
    await expect(page.getByLabel('Username')).toBeVisible();
    expect(await firstPaint()).toEqual({ login: true });
    await submitLogin(page, 'approver');
    await expect(mainNav(page)).toBeVisible();
    // A full load straight into the shell, as after typing a URL.
    await page.goto(view('Open Tasks').path);
    await expect(mainNav(page)).toBeVisible();
    expect(await firstPaint()).toEqual({ shell: true });
  });

  test('Reset demo data asks first and, confirmed, signs the person out', { tag: '@demo' }, async ({ page }) => {
    await signIn(page, 'registration-officer');
    const reset = page.getByRole('region', { name: 'Demo mode' }).getByRole('button', { name: 'Reset demo data' });

    await reset.click();
    const dialog = page.getByRole('alertdialog', { name: 'Reset demo data?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('You will be signed out.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(mainNav(page)).toBeVisible();
    expect((await apiGet(page, '/api/v1/session')).status).toBe(200);

    await reset.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Reset and sign out' }).click();
    await expect(dialog).toHaveCount(0);
    await expectLoginPage(page);
    expect((await apiGet(page, '/api/v1/session')).status).toBe(401);
    await page.goto(paths.search());
    await expectLoginPage(page);
    await expect(page).toHaveURL(paths.login('/search'));
  });
});
