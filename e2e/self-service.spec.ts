import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { paths } from '../src/app/paths';
import { signIn } from './support/auth';
import { isDemo } from './support/demo';
import { tabTo } from './support/search';
import { expect, test } from './support/test';
import { dataRows, main } from './support/views';

/**
 * Self-Service of the self-service user (Elin Forsberg, `self-service-user`). Her one card, NV00400010,
 * is Active with three Valid certificates and, in the demo, a blocked PIN (mocks/db/seed-self-service.ts).
 * The offline unblock response for challenge 1A2B 3C4D 5E6F 7A8B on that card is 25B7 3D30 21C7 75E5
 * (derived once from mocks/domain/selfService.ts, unblockResponse).
 */
const CARD = 'NV00400010';
const CHALLENGE = '1A2B 3C4D 5E6F 7A8B';
const RESPONSE = '25B7 3D30 21C7 75E5';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

const cardsGrid = (page: Page) => main(page).getByRole('grid', { name: 'My cards' });
const cardRow = (page: Page, number: string) => dataRows(cardsGrid(page)).filter({ hasText: number });
const cardActions = (page: Page, number: string): Locator => main(page).getByRole('region', { name: new RegExp(`^Card ${number}`) });

async function openSelfService(page: Page, username = 'self-service-user') {
  await signIn(page, username);
  await page.goto(paths.selfService());
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Self-Service');
  await expect(dataRows(cardsGrid(page)).first()).toBeVisible();
}

test.describe('Self-Service of the self-service user', () => {
  test('shows my card with what I may do, a blocked PIN, password and registration sections (axe clean)', async ({ page }) => {
    await openSelfService(page);
    await expect(main(page).getByRole('region', { name: 'My details' })).toContainText('Elin Forsberg');
    await expect(cardRow(page, CARD)).toContainText('Blocked');
    const actions = cardActions(page, CARD);
    await expect(actions.getByRole('button')).toHaveText(['Renew card', 'Lock card', 'Unblock PIN online', 'Unblock PIN with challenge and response']);
    // The demo says how long a changed password lasts there; a deployment has no such note.
    const passwords = main(page).getByRole('region', { name: 'Password and security password' });
    if (await isDemo(page)) await expect(passwords).toContainText('Reset demo data');
    else await expect(passwords).not.toContainText('demo');
    await expect(main(page).getByRole('region', { name: 'Self-service registration' })).toContainText('You are registered for self-service since');
    // Her only card is Active, nothing waits: a new card may be requested.
    await expect(main(page).getByRole('button', { name: 'Request a new card' })).toBeVisible();
    await expectNoAxeViolations(page, 'the Self-Service page');
  });

  test('unblocks the PIN offline by challenge and response; a wrong password keeps the challenge and clears the password', async ({ page }) => {
    await openSelfService(page);
    await cardActions(page, CARD).getByRole('button', { name: 'Unblock PIN with challenge and response' }).click();
    const dialog = page.getByRole('dialog', { name: `Unblock PIN with challenge and response ${CARD}` });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, 'the offline unblock dialog');

    // A challenge that is not 16 hex digits is refused at the field.
    await dialog.getByLabel('Challenge shown by the card').fill('XYZ');
    await dialog.getByLabel('Your current password').fill('demo');
    await dialog.getByRole('button', { name: 'Unblock PIN with challenge and response' }).click();
    await expect(dialog.getByText(/Enter the 16 hexadecimal digits/)).toBeVisible();
    await expect(dialog.getByLabel('Challenge shown by the card')).toHaveValue('XYZ');
    await expect(dialog.getByLabel('Your current password')).toHaveValue('');

    await dialog.getByLabel('Challenge shown by the card').fill(CHALLENGE);
    await dialog.getByLabel('Your current password').fill('not-my-password');
    await dialog.getByRole('button', { name: 'Unblock PIN with challenge and response' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Your password was not correct.');
    await expect(dialog.getByLabel('Challenge shown by the card')).toHaveValue(CHALLENGE);
    await expect(dialog.getByLabel('Your current password')).toHaveValue('');
    await expectNoAxeViolations(page, 'the offline unblock dialog with a step-up error');

    await dialog.getByLabel('Your current password').fill('demo');
    await dialog.getByRole('button', { name: 'Unblock PIN with challenge and response' }).click();
    await expect(dialog.locator('output')).toHaveText(RESPONSE);
    await expect(dialog.getByRole('button', { name: 'Copy response' })).toBeVisible();
    await expectNoAxeViolations(page, 'the offline unblock response');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(cardRow(page, CARD)).toContainText('Not blocked');
    // Once the PIN is no longer blocked it can be changed.
    await expect(cardActions(page, CARD).getByRole('button', { name: 'Change PIN' })).toBeVisible();
    // The response was shown once: it is in no storage of the page.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
    expect(stored).not.toContain(RESPONSE);
    expect(stored).not.toContain('not-my-password');
  });

  test('locks my own card: the confirmation names the cascade; the certificates are revoked', async ({ page }) => {
    await openSelfService(page);
    await cardActions(page, CARD).getByRole('button', { name: 'Lock card' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Lock card ${CARD}` });
    await expect(dialog).toContainText('3 certificates will be revoked.');
    await expect(dialog).toContainText('final');
    await expectNoAxeViolations(page, 'the lock dialog');
    // Without a reason and a password it says what is missing and sends nothing.
    await dialog.getByRole('button', { name: 'Lock card' }).click();
    await expect(dialog.getByText('Fill this in.')).toHaveCount(2);
    await dialog.getByLabel('Reason').selectOption('Lost');
    await dialog.getByLabel('Your current password').fill('demo');
    await dialog.getByRole('button', { name: 'Lock card' }).click();
    await expect(dialog).toBeHidden();
    await expect(cardRow(page, CARD)).toContainText('Locked');
    await expect(cardActions(page, CARD)).toHaveCount(0);
    const certs = dataRows(main(page).getByRole('grid', { name: 'My certificates' }));
    await expect(certs).toHaveCount(3);
    for (const row of await certs.all()) await expect(row).toContainText('Revoked');
    // Focus went somewhere sensible, not to the body, since the button is gone.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ss-cards-title');
  });

  test('keyboard only: unblocks the PIN online and changes it', async ({ page }) => {
    await openSelfService(page);
    const unblock = cardActions(page, CARD).getByRole('button', { name: 'Unblock PIN online' });
    await tabTo(page, unblock, 80);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Unblock PIN online ${CARD}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('New PIN', { exact: true })).toBeFocused();
    await page.keyboard.type('135790');
    await page.keyboard.press('Tab');
    await page.keyboard.type('135790');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(cardRow(page, CARD)).toContainText('Not blocked');
    // Focus is back on the button that opened the dialog; Change PIN is now offered just before it.
    await expect(unblock).toBeFocused();
    const change = cardActions(page, CARD).getByRole('button', { name: 'Change PIN' });
    await page.keyboard.press('Shift+Tab');
    await expect(change).toBeFocused();
    await page.keyboard.press('Enter');
    const changeDialog = page.getByRole('dialog', { name: `Change PIN ${CARD}` });
    await expect(changeDialog.getByLabel('Current PIN')).toBeFocused();
    await page.keyboard.type('135790');
    await page.keyboard.press('Tab');
    await page.keyboard.type('246810');
    await page.keyboard.press('Tab');
    await page.keyboard.type('246811');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    // The confirmation differs: the form says so, at the field, and sends nothing.
    await expect(changeDialog.getByText('The two entries differ.')).toBeVisible();
    await expect(changeDialog.getByLabel('New PIN again')).toBeFocused();
    await expect(changeDialog.getByLabel('New PIN again')).toHaveValue('');
    await page.keyboard.type('246810');
    await page.keyboard.press('Enter');
    await expect(changeDialog).toBeHidden();
    await expect(change).toBeFocused();
    // Escape closes a dialog without a change and gives the focus back to the button that opened it.
    const lock = cardActions(page, CARD).getByRole('button', { name: 'Lock card' });
    await page.keyboard.press('Shift+Tab');
    await expect(lock).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alertdialog', { name: `Lock card ${CARD}` })).toBeVisible();
    await page.keyboard.press('Escape');
    // By name: the toast of the PIN change is an alertdialog too (React Aria) while it shows.
    await expect(page.getByRole('alertdialog', { name: `Lock card ${CARD}` })).toHaveCount(0);
    await expect(lock).toBeFocused();
    await expect(cardRow(page, CARD)).toContainText('Active');
  });

  test('password and registration dialogs: policy errors at the field, deregistration confirms and keeps the cards', async ({ page }) => {
    await openSelfService(page);
    const account = main(page).getByRole('region', { name: 'Password and security password' });
    await account.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('New password', { exact: true }).fill('short');
    await dialog.getByLabel('New password again').fill('short');
    await dialog.getByLabel('Your current password').fill('demo');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByText('A password has at least 10 characters.')).toBeVisible();
    await expect(dialog.getByLabel('New password', { exact: true })).toHaveValue('');
    await expectNoAxeViolations(page, 'the change password dialog with a policy error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const registration = main(page).getByRole('region', { name: 'Self-service registration' });
    await registration.getByRole('button', { name: 'Deregister from self-service' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Deregister from self-service' });
    await expect(confirm).toContainText('Your cards, certificates and roles are not touched.');
    await expectNoAxeViolations(page, 'the deregister dialog');
    await confirm.getByLabel('Your current password').fill('demo');
    await confirm.getByRole('button', { name: 'Deregister', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(registration).toContainText('You are not registered for self-service.');
    await expect(cardRow(page, CARD)).toContainText('Active');
    await registration.getByRole('button', { name: 'Register for self-service' }).click();
    await expect(registration).toContainText('You are registered for self-service since');
  });
});

test.describe('Self-Service of the other self-service roles', () => {
  for (const username of ['self-service-visitor', 'mobile-id-user']) {
    test(`${username} sees own details and cards but none of the self-service user's actions`, async ({ page }) => {
      await openSelfService(page, username);
      await expect(main(page).getByRole('heading', { name: 'What do you want to do?' })).toHaveCount(0);
      await expect(main(page).getByRole('button', { name: 'Request a new card' })).toHaveCount(0);
      await expect(main(page).getByRole('region', { name: 'Password and security password' })).toHaveCount(0);
      await expect(main(page).getByRole('region', { name: 'Self-service registration' })).toHaveCount(0);
      await expectNoAxeViolations(page, `Self-Service as ${username}`);
    });
  }
});

// Employees and visitors use Self-Service away from a desk: the page fits a phone without sideways scrolling.
test.describe('Self-Service on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const username of ['self-service-user', 'self-service-visitor', 'mobile-id-user', 'software-token-user', 'virtual-smart-card-user']) {
    test(`${username}: no page-wide horizontal scrolling`, async ({ page }) => {
      await openSelfService(page, username);
      await expect(main(page).getByRole('heading', { name: 'My details' })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
    });
  }
});
