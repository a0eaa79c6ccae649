import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { paths } from '../src/app/paths';
import { signIn } from './support/auth';
import { tabTo } from './support/search';
import { expect, test } from './support/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html} ${n.failureSummary ?? ''}`).join(', ')}`)).toEqual([]);
}

async function openSelfService(page: Page, username: string) {
  await signIn(page, username);
  await page.goto(paths.selfService());
  await expect(page.getByRole('heading', { level: 1, name: 'Self-Service' })).toBeVisible();
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const SECTIONS = ['My tasks', 'Meeting invitations', 'Mobile ID', 'Software tokens', 'Virtual smart cards'] as const;

/** Which of the sections each persona sees (ACCESS.md: the permissions of each self-service role). */
const VISIBLE: Record<string, (typeof SECTIONS)[number][]> = {
  'self-service-user': [],
  'self-service-visitor': ['Meeting invitations'],
  'mobile-id-user': ['Mobile ID'],
  'software-token-user': ['My tasks', 'Software tokens'],
  'virtual-smart-card-user': ['Virtual smart cards'],
};

test.describe('Self-Service credentials and invitations', () => {
  for (const [username, visible] of Object.entries(VISIBLE)) {
    test(`${username} sees exactly the sections their permissions allow`, async ({ page }) => {
      await openSelfService(page, username);
      // The page's own part has loaded before the sections are judged.
      await expect(page.getByRole('heading', { level: 2, name: 'My details' })).toBeVisible();
      for (const name of SECTIONS) {
        if (visible.includes(name)) await expect(section(page, name), name).toBeVisible();
        else await expect(section(page, name), name).toHaveCount(0);
      }
    });
  }

  test('a visitor accepts an invitation and invites a participant, with clear errors for bad addresses', async ({ page }) => {
    await openSelfService(page, 'self-service-visitor');
    const invitations = section(page, 'Meeting invitations');
    const meeting = invitations.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Quarterly audit kick-off' }) });
    await expect(meeting.getByText('Not answered', { exact: true }).first()).toBeVisible();
    await expect(meeting.getByRole('button', { name: 'Invite participants to “Quarterly audit kick-off”' })).toHaveCount(0);
    await expectAxeClean(page);

    // Deny asks first; going back changes nothing.
    await meeting.getByRole('button', { name: 'Deny “Quarterly audit kick-off”' }).click();
    const deny = page.getByRole('alertdialog', { name: 'Deny this invitation?' });
    await expect(deny).toBeVisible();
    await expectAxeClean(page, '.sc-dialog');
    await deny.getByRole('button', { name: 'Cancel' }).click();
    await expect(deny).toHaveCount(0);

    await meeting.getByRole('button', { name: 'Accept “Quarterly audit kick-off”' }).click();
    await expect(meeting.locator('.badge', { hasText: 'Accepted' })).toBeVisible();
    await meeting.getByRole('button', { name: 'Invite participants to “Quarterly audit kick-off”' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Invite participants to “Quarterly audit kick-off”' });
    const field = dialog.getByLabel('E-mail addresses');
    await field.fill('guest.one@example.com\nnot-an-address\nguest.one@example.com');
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await expect(dialog.getByText('Address 2: “not-an-address” is not a valid e-mail address.')).toBeVisible();
    await expect(dialog.getByText('Address 3: guest.one@example.com is listed twice.')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // What was typed stays.
    await expect(field).toHaveValue('guest.one@example.com\nnot-an-address\nguest.one@example.com');
    await expectAxeClean(page, '.sc-dialog');
    await field.fill('guest.one@example.com');
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Invited 1 to “Quarterly audit kick-off”.')).toBeVisible();
    await meeting.getByText(/Participants \(\d+\)/).click();
    await expect(meeting.getByText('guest.one@example.com — Not answered')).toBeVisible();

    // The meeting that is over offers nothing.
    const over = invitations.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Annual audit closing' }) });
    await expect(over.getByText('Meeting is over')).toBeVisible();
    await expect(over.getByRole('button')).toHaveCount(0);
  });

  test('a mobile ID user activates a mobile ID with the QR code', async ({ page }) => {
    await openSelfService(page, 'mobile-id-user');
    const mobile = section(page, 'Mobile ID');
    await expect(mobile.getByRole('button', { name: 'Get a mobile ID' })).toHaveCount(0);
    await mobile.getByRole('button', { name: 'Activate Mobile ID (new phone)' }).click();
    await expect(mobile.getByRole('img', { name: 'QR code for the mobile app' })).toBeVisible();
    const code = (await mobile.getByTestId('activation-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(mobile.getByText(/Expires in [45]:\d\d/)).toBeVisible();
    await expectAxeClean(page);

    await mobile.getByLabel('Confirmation code from the app').fill('AAAA-AAAA');
    await mobile.getByRole('button', { name: 'Complete activation' }).click();
    await expect(mobile.getByText('This is not the code of the current activation. Check it, or get a new code.')).toBeVisible();
    await mobile.getByRole('button', { name: 'Demo: play the app’s part' }).click();
    await expect(mobile.getByText('Your mobile ID is active. Its certificates are listed below.')).toBeVisible();
    const item = mobile.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Mobile ID (new phone)' }) });
    await expect(item.locator('.badge', { hasText: 'Active' })).toBeVisible();
    await expect(item.getByText('Authentication certificate')).toBeVisible();
  });

  test('keyboard only: a software token user accepts the terms and sees the passphrase once', async ({ page }) => {
    await openSelfService(page, 'software-token-user');
    const tasks = section(page, 'My tasks');
    const open = tasks.getByRole('button', { name: 'Read and accept the terms of Software token (e-mail signing)' });
    await expect(open).toBeVisible();
    await page.locator('body').focus();
    await tabTo(page, open, 80);
    await page.keyboard.press('Enter');
    const terms = page.getByRole('alertdialog', { name: 'Terms and conditions of the software token' });
    await expect(terms).toBeVisible();
    await expectAxeClean(page, '.sc-dialog');
    // Submitting without ticking says what is missing.
    await tabTo(page, terms.getByRole('button', { name: 'Accept and get the token' }));
    await page.keyboard.press('Enter');
    await expect(terms.getByText('Tick the box to accept the terms.')).toBeVisible();
    await tabTo(page, terms.getByRole('checkbox', { name: 'I accept the terms and conditions' }));
    await page.keyboard.press('Space');
    await tabTo(page, terms.getByRole('button', { name: 'Accept and get the token' }));
    await page.keyboard.press('Enter');

    const shown = page.getByRole('alertdialog', { name: 'Passphrase of Software token (e-mail signing)' });
    await expect(shown).toBeVisible();
    await expect(shown.getByText('You will not see this passphrase again.')).toBeVisible();
    const passphrase = (await shown.getByTestId('passphrase').textContent()) ?? '';
    expect(passphrase.length).toBeGreaterThanOrEqual(16);
    await expectAxeClean(page, '.sc-dialog');
    await tabTo(page, shown.getByRole('button', { name: 'I have saved it' }));
    await page.keyboard.press('Enter');
    await expect(shown).toHaveCount(0);
    await expect(tasks.getByText('Nothing waits for you.')).toBeVisible();
    await expect(page.getByText(passphrase)).toHaveCount(0);
    await page.reload();
    await expect(section(page, 'Software tokens').getByText('Passphrase last shown', { exact: false }).first()).toBeVisible();
    await expect(page.getByText(passphrase)).toHaveCount(0);
  });

  test('a virtual smart card user must repeat the password to lock a card, and sees the cascade', async ({ page }) => {
    await openSelfService(page, 'virtual-smart-card-user');
    const vsc = section(page, 'Virtual smart cards');
    await vsc.getByRole('button', { name: /^Lock Virtual smart card/ }).first().click();
    const dialog = page.getByRole('alertdialog', { name: /^Lock Virtual smart card/ });
    await expect(dialog.getByText('Certificates revoked: 3.')).toBeVisible();
    await dialog.getByLabel('Reason').selectOption('Lost or stolen device');
    await dialog.getByLabel('Keep my encryption certificate').check();
    await expect(dialog.getByText('Certificates revoked: 2.')).toBeVisible();
    await dialog.getByLabel('Your current password').fill('not-my-password');
    await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(dialog.getByText('That is not your current password. Try again.')).toBeVisible();
    await expectAxeClean(page, '.sc-dialog');
    await dialog.getByLabel('Your current password').fill('demo');
    await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    const item = vsc.getByRole('listitem').filter({ has: page.locator('.badge', { hasText: 'Locked' }) }).first();
    await expect(item.getByText('Encryption certificate')).toBeVisible();
    await expect(item.getByRole('button')).toHaveCount(0);
  });
});
