import { expect, type Page } from '@playwright/test';
import { paths } from '../../src/app/paths';
import { waitForStoredSignIn } from './demo';
import { DEMO_PASSWORD } from './personas';
import { mainNav } from './views';

/** Fills the sign-in form on the page as it is now (no navigation) and submits it. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Opens /login, signs in as a demo persona and waits for the signed-in shell, and for the demo to have
 * stored the session, so that a page load that follows (page.goto, reload, a second page) is signed in.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(paths.login());
  await submitLogin(page, username, password);
  await expect(mainNav(page)).toBeVisible();
  await waitForStoredSignIn(page);
}

/** Signs out with the header button and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectLoginPage(page);
}

export async function expectLoginPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to PRIME Console' })).toBeVisible();
  await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
  await expect(mainNav(page)).toHaveCount(0);
}
