import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { signIn } from './support/auth';
import { expect, test } from './support/test';
import type { ProductionStack } from '../mocks/productionStack';
import { main } from './support/views';

/**
 * A session that ends mid-work loses nothing: sessions end after a time without use (a few seconds
 * here), and the next write asks the person to sign in again over the form they were filling in.
 * Runs on both projects: the demo (its backend in the browser) and the production build over HTTP.
 */
const IDLE_SECONDS = 4;

/**
 * Sessions end after IDLE_SECONDS without use: in the demo, every session of this browser (set before
 * its backend starts); on the contract server, only this page's session once signed in, so the tests
 * running beside it on the same server keep theirs.
 */
async function shortSessions(context: BrowserContext, stack: ProductionStack | null, when: 'before sign-in' | 'signed in') {
  if (!stack) {
    if (when === 'before sign-in') await context.addInitScript((seconds) => localStorage.setItem('prime-console.demo-session-idle', String(seconds)), IDLE_SECONDS);
    return;
  }
  if (when === 'before sign-in') return;
  const session = (await context.cookies()).find((c) => c.name === 'prime_session');
  expect(session, 'the session cookie after sign-in').toBeDefined();
  const res = await fetch(`${stack.api}/__control/session-idle?seconds=${IDLE_SECONDS}`, { method: 'POST', headers: { cookie: `prime_session=${session?.value}` } });
  expect(res.status).toBe(204);
}

const tenantsTable = (page: Page) => main(page).getByRole('table', { name: 'Tenants' });
const createDialog = (page: Page) => page.getByRole('dialog', { name: 'Create tenant' });
const signInAgain = (page: Page) => page.getByRole('alertdialog', { name: 'Sign in again to continue' });

/** As the service administrator: the Create tenant form filled in, and then a while without use. */
async function draftTenantThenIdle(page: Page, context: BrowserContext, stack: ProductionStack | null) {
  await shortSessions(context, stack, 'before sign-in');
  await signIn(page, 'service-administrator');
  await shortSessions(context, stack, 'signed in');
  // Through the navigation, not a page load: the demo's backend then keeps counting from the sign-in
  // without starting again, which on a busy machine can take longer than the session lasts.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await main(page).getByRole('tab', { name: 'Tenants', exact: true }).click();
  await expect(tenantsTable(page).getByRole('rowheader')).toHaveText(['Nordvik', 'Nordvik Labs']);
  await main(page).getByRole('button', { name: 'Create tenant', exact: true }).click();
  const form = createDialog(page);
  await form.getByLabel('Name', { exact: true }).fill('Nordvik Health');
  await form.getByLabel('Description').fill('The occupational health clinic.');
  // Longer than a session lasts without use.
  await page.waitForTimeout(IDLE_SECONDS * 1000 + 1500);
  await form.getByRole('button', { name: 'Create tenant' }).click();
  return form;
}

test.describe('a session that ends mid-work', () => {
  test('the same person signs in again over the form, and what they typed is sent', async ({ page, context, stack }) => {
    const form = await draftTenantThenIdle(page, context, stack);

    const again = signInAgain(page);
    await expect(again).toBeVisible();
    await expect(again).toContainText('The session of');
    await expect(again.getByLabel('Username')).toHaveValue('service-administrator');
    await expect(again.getByLabel('Password')).toBeFocused();
    // The form is still there under it, with what was typed.
    await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Nordvik Health');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).include('[role="alertdialog"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`), 'axe on the sign-in-again dialog').toEqual([]);

    // A wrong password is refused in place; the form still waits.
    await page.keyboard.type('wrong');
    await page.keyboard.press('Enter');
    await expect(again.getByRole('alert')).toHaveText('The username or password is not correct.');
    await again.getByLabel('Password').fill('demo');
    await again.getByRole('button', { name: 'Sign in and continue' }).click();

    await expect(again).toHaveCount(0);
    await expect(createDialog(page)).toHaveCount(0);
    await expect(page.getByText('Tenant “Nordvik Health” created.')).toBeVisible();
    await expect(tenantsTable(page).getByRole('rowheader')).toHaveText(['Nordvik', 'Nordvik Health', 'Nordvik Labs']);
  });

  test('another person signing in discards the draft, and nothing is sent on the first person’s behalf', async ({ page, context, stack }) => {
    await draftTenantThenIdle(page, context, stack);

    const again = signInAgain(page);
    await expect(again).toBeVisible();
    await again.getByLabel('Username').fill('registration-officer');
    await again.getByLabel('Password').fill('demo');
    await again.getByRole('button', { name: 'Sign in and continue' }).click();

    await expect(again).toHaveCount(0);
    await expect(createDialog(page)).toHaveCount(0);
    await expect(page.getByText(/^Signed in as .*; nothing was sent\.$/)).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('roles')).toHaveText('Roles: Registration officer');

    // The tenant was never created: the sign-in page offers the two it had.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByLabel('Tenant', { exact: true }).getByRole('option')).toHaveText(['Nordvik', 'Nordvik Labs']);
  });
});
