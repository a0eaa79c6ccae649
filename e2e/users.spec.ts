/**
 * Roles and User Administration, end to end: a user administrator assigns and de-assigns a role, the
 * user's console follows (Open Tasks appears, then goes after the next request), the system log shows
 * each step; who sees what; axe on every page and dialog; a keyboard-only flow.
 *
 * The demo backend lives in the browser: each browser context has an organisation of its own, and the
 * pages of one context share one (and one session cookie). So the administrator and the user take turns
 * in one context; the live "stale console" case uses two pages of one signed-in person.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { paths } from '../src/app/paths';
import { signIn, signOut } from './support/auth';
import { waitForStoredSignIn } from './support/demo';
import { arrowDownToRow, tabTo } from './support/search';
import { expect, test } from './support/test';
import { dataRows, main, mainNav } from './support/views';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' >> ')).join('\n  ')}`).join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

const usersGrid = (page: Page): Locator => main(page).getByRole('grid', { name: 'User Administration' });
const panel = (page: Page): Locator => main(page).getByRole('complementary', { name: 'What do you want to do?' });
/** The confirmation dialog (toasts are alert dialogs too, so the modal's). */
const dialog = (page: Page): Locator => page.locator('.modal').getByRole('alertdialog');
const rolesTable = (page: Page): Locator => main(page).getByRole('table', { name: /^Roles of / });
const navLink = (page: Page, name: string): Locator => mainNav(page).getByRole('link', { name, exact: true });

/** Opens User Administration filtered to active Issuing authorities and answers the first one that has no other officer role. */
async function pickPlainOperator(page: Page): Promise<{ username: string; name: string }> {
  await page.goto(`${paths.users()}?status=Active&role=BaseRoleIssuingAuthority`);
  const rows = dataRows(usersGrid(page)).filter({ hasText: 'Issuing authority, Self-service user' });
  // A generated operator (the persona is plain `issuing-authority`), password demo.
  const row = rows.filter({ hasText: /\.\w+\d+/ }).first();
  await expect(row).toBeVisible();
  const cells = row.getByRole('rowheader').or(row.getByRole('gridcell'));
  const username = (await cells.nth(0).innerText()).trim();
  const name = (await cells.nth(1).innerText()).trim();
  return { username, name };
}

async function openUser(page: Page, username: string): Promise<void> {
  await page.goto(`${paths.users()}?q=${encodeURIComponent(username)}`);
  await dataRows(usersGrid(page)).filter({ hasText: username }).first().click();
  await expect(main(page).getByRole('heading', { level: 1 })).toContainText(`(${username})`);
}

async function assignRole(page: Page, roleName: string): Promise<void> {
  await panel(page).getByRole('button', { name: 'Assign role', exact: true }).click();
  const d = dialog(page);
  await expect(d).toBeVisible();
  await d.locator('.select-button').click();
  // Batch sync is never offered.
  await expect(page.getByRole('option', { name: /^Batch sync/ })).toHaveCount(0);
  await page.getByRole('option', { name: new RegExp(`^${roleName} \\(`) }).click();
  await expect(d.getByRole('list')).toContainText(`the role ${roleName}`);
  await d.getByRole('button', { name: 'Assign role', exact: true }).click();
  await expect(d).toHaveCount(0);
  await expect(rolesTable(page).getByRole('rowheader', { name: roleName, exact: true })).toBeVisible();
}

async function deassignRole(page: Page, roleName: string): Promise<void> {
  await rolesTable(page).getByRole('button', { name: `De-assign ${roleName}` }).click();
  const d = dialog(page);
  await expect(d.getByRole('heading').first()).toContainText(`De-assign ${roleName}`);
  await d.getByRole('button', { name: 'De-assign role' }).click();
  await expect(d).toHaveCount(0);
  await expect(rolesTable(page).getByRole('rowheader', { name: roleName, exact: true })).toHaveCount(0);
}

test.describe('User Administration', () => {
  // Several sign-ins and axe runs per test on two shared cores.
  test.describe.configure({ timeout: 120_000 });
  test('a user administrator assigns Approver; the user sees Open Tasks; de-assigned, it goes; the system log shows each step', async ({ page }) => {
    await signIn(page, 'user-administrator');
    const user = await pickPlainOperator(page);
    await openUser(page, user.username);
    await assignRole(page, 'Approver');
    await expect(page.getByText(`Approver assigned to ${user.name}.`)).toBeVisible();
    await signOut(page);

    await signIn(page, user.username);
    await expect(navLink(page, 'Open Tasks')).toBeVisible();
    await navLink(page, 'Open Tasks').click();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Open Tasks');
    await signOut(page);

    await signIn(page, 'user-administrator');
    await openUser(page, user.username);
    await deassignRole(page, 'Approver');
    await signOut(page);

    await signIn(page, user.username);
    await expect(navLink(page, 'Extended Search')).toBeVisible();
    await expect(navLink(page, 'Open Tasks')).toHaveCount(0);
    await page.goto(paths.tasks());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
    await signOut(page);

    await signIn(page, 'service-administrator');
    await page.goto(`${paths.admin()}?tab=system-log`);
    const log = main(page).getByRole('grid', { name: 'System log' });
    for (const action of ['user-assign-role', 'user-de-assign-role']) {
      await expect(dataRows(log).filter({ hasText: action }).filter({ hasText: `user ${user.username}` }).first()).toBeVisible();
    }
  });

  test('deactivating withdraws every role, named in the confirmation; reactivating gives back only Self-service user', async ({ page }) => {
    await signIn(page, 'user-administrator');
    const user = await pickPlainOperator(page);
    await openUser(page, user.username);

    await panel(page).getByRole('button', { name: 'Deactivate', exact: true }).click();
    let d = dialog(page);
    await expect(d).toContainText('Every role is withdrawn: Issuing authority, Self-service user.');
    await d.getByLabel('Reason (optional)').fill('On leave');
    await d.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(d).toHaveCount(0);
    await expect(main(page)).toContainText('This account has no roles.');
    await expect(rolesTable(page)).toHaveCount(0);
    // Nothing to assign while Inactive: reactivation would take it away again.
    await expect(panel(page).getByRole('button', { name: 'Assign role', exact: true })).toHaveCount(0);
    await page.goto(`${paths.users()}?q=${encodeURIComponent(user.username)}`);
    await expect(dataRows(usersGrid(page)).filter({ hasText: user.username })).toContainText(/Inactive\s*No roles/);
    await openUser(page, user.username);

    await panel(page).getByRole('button', { name: 'Reactivate', exact: true }).click();
    d = dialog(page);
    await expect(d).toContainText('with only the default role Self-service user');
    await d.getByRole('button', { name: 'Reactivate', exact: true }).click();
    await expect(d).toHaveCount(0);
    await expect(rolesTable(page).getByRole('rowheader')).toHaveText(['Self-service user']);
    await signOut(page);

    // Signed in, the user has Self-Service and none of the officer's views.
    await signIn(page, user.username);
    await expect
      .poll(async () => (await mainNav(page).getByRole('link').allInnerTexts()).map((s) => s.trim()).sort())
      .toEqual(['Self-Service', 'Start']);
  });

  test('nobody changes their own roles, nor an administrator above them: the page says why instead of offering it', async ({ page }) => {
    await signIn(page, 'user-administrator');
    await openUser(page, 'user-administrator');
    await expect(rolesTable(page).getByRole('button', { name: 'De-assign' })).toBeDisabled();
    await expect(rolesTable(page)).toContainText('You cannot change your own roles');
    await expect(panel(page).getByRole('button', { name: 'Assign role', exact: true })).toBeDisabled();
    await expect(panel(page).getByRole('button', { name: 'Deactivate', exact: true })).toBeDisabled();
    await expect(panel(page)).toContainText('You cannot deactivate your own account');

    await openUser(page, 'bootstrap-administrator');
    await expect(rolesTable(page).getByRole('button', { name: 'De-assign' })).toBeDisabled();
    await expect(rolesTable(page)).toContainText('last active Bootstrap administrator');
    await expect(panel(page).getByRole('button', { name: 'Deactivate', exact: true })).toBeDisabled();
    await expect(panel(page)).toContainText('Deactivating withdraws every role');

    await openUser(page, 'service-administrator');
    await expect(rolesTable(page)).toContainText('carries administrative rights or permissions you do not hold');
    await expect(panel(page).getByRole('button', { name: 'Deactivate', exact: true })).toBeDisabled();

    // Assigning to someone else: the administrative roles are not offered, and the dialog says so.
    await openUser(page, 'approver');
    await panel(page).getByRole('button', { name: 'Assign role', exact: true }).click();
    const d = dialog(page);
    await expect(d).toContainText('Not offered: Bootstrap administrator, Policy administrator, Service administrator, Registration officer.');
    await d.locator('.select-button').click();
    await expect(page.getByRole('option', { name: /^Helpdesk \(/ })).toBeVisible();
    for (const withheld of ['Bootstrap administrator', 'Service administrator', 'Registration officer']) {
      await expect(page.getByRole('option', { name: new RegExp(`^${withheld} \\(`) })).toHaveCount(0);
    }
  });

  test('a console with stale rights refreshes them on the next 403: the Open Tasks link goes', async ({ page, context }) => {
    await signIn(page, 'user-administrator');
    const user = await pickPlainOperator(page);
    await openUser(page, user.username);
    await assignRole(page, 'Approver');
    await signOut(page);
    await signIn(page, user.username);
    await expect(navLink(page, 'Open Tasks')).toBeVisible();
    await navLink(page, 'Open Tasks').click();
    const queue = main(page).getByRole('grid');
    await expect(dataRows(queue).first()).toBeVisible();

    // Meanwhile, from another page of this browser, the user administrator takes the role away through
    // the API, and the user signs in again there (nobody changes their own roles, so it takes two
    // people; the pages of one browser share one session cookie). This page still shows the old menu.
    const other = await context.newPage();
    await other.goto(paths.start());
    await expect(mainNav(other)).toBeVisible();
    const status = await other.evaluate(
      async ({ admin, username }) => {
        const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
          fetch(`/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console', ...headers }, body: JSON.stringify(body) });
        await post('/session', { username: admin, password: 'demo' });
        const found = (await (await fetch(`/api/v1/users?q=${encodeURIComponent(username)}`)).json()) as { items: { id: string; username: string; version: number }[] };
        const u = found.items.find((x) => x.username === username)!;
        const res = await post(`/users/${u.id}/actions/de-assign-role`, { role: 'BaseRoleOfficer' }, { 'If-Match': `"${u.version}"` });
        await post('/session', { username, password: 'demo' });
        return res.status;
      },
      { admin: 'user-administrator', username: user.username },
    );
    expect(status).toBe(200);
    await waitForStoredSignIn(other);
    await other.close();
    await expect(navLink(page, 'Open Tasks')).toBeVisible();

    // The next request is refused; the console reads the rights again and the link goes.
    await dataRows(queue).first().click();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
    await expect(navLink(page, 'Open Tasks')).toHaveCount(0);
    await expect(navLink(page, 'Extended Search')).toBeVisible();
  });

  test('what each persona sees: read-only for the Policy administrator, nothing for the Helpdesk', async ({ page }) => {
    await signIn(page, 'policy-administrator');
    await expect(navLink(page, 'Roles')).toBeVisible();
    await expect(navLink(page, 'User Administration')).toBeVisible();
    await openUser(page, 'approver');
    await expect(panel(page)).toContainText('You can view this account.');
    await expect(panel(page).getByRole('button')).toHaveCount(0);
    await expect(rolesTable(page).getByRole('button')).toHaveCount(0);
    await signOut(page);

    await signIn(page, 'helpdesk');
    await expect(navLink(page, 'User Administration')).toHaveCount(0);
    await expect(navLink(page, 'Roles')).toHaveCount(0);
    await page.goto(paths.users());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
  });

  test('Roles lists every role with its holders, linking to their user pages; axe on every page and dialog', async ({ page }) => {
    await signIn(page, 'user-administrator');
    await page.goto(paths.roles());
    const grid = main(page).getByRole('grid', { name: 'Roles' });
    await expect(dataRows(grid)).toHaveCount(20);
    await expect(dataRows(grid).filter({ hasText: 'BaseRoleBatchSync' })).toContainText('System role: never assigned to a person.');
    await expectNoAxeViolations(page, 'Roles');
    await dataRows(grid).filter({ hasText: 'BaseRoleOfficer' }).click();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Approver');
    await expectNoAxeViolations(page, 'a role page');
    await main(page).getByRole('listitem').filter({ hasText: '(approver)' }).getByRole('link').click();
    await expect(main(page).getByRole('heading', { level: 1 })).toContainText('(approver)');

    await page.goto(`${paths.users()}?role=BaseRoleOfficer`);
    await expect(dataRows(usersGrid(page)).first()).toBeVisible();
    await expectNoAxeViolations(page, 'User Administration');
    await openUser(page, 'approver');
    await expectNoAxeViolations(page, 'a user page');
    await panel(page).getByRole('button', { name: 'Assign role', exact: true }).click();
    await expect(dialog(page)).toBeVisible();
    await expectNoAxeViolations(page, 'the Assign role dialog');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await panel(page).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(dialog(page)).toContainText('can no longer sign in');
    await expectNoAxeViolations(page, 'the Deactivate dialog');
  });

  test('keyboard only: find a user, open them, assign a role and reset the password', async ({ page }) => {
    await signIn(page, 'user-administrator');
    await page.goto(`${paths.users()}?role=BaseRoleOfficer`);
    const field = main(page).getByLabel('Username or name');
    await tabTo(page, field);
    await page.keyboard.type('approver');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/q=approver/);
    await expect(dataRows(usersGrid(page))).toHaveCount(1);
    await tabTo(page, usersGrid(page));
    await arrowDownToRow(page, 'approver', 3);
    await page.keyboard.press('Enter');
    await expect(main(page).getByRole('heading', { level: 1 })).toContainText('(approver)');

    await tabTo(page, panel(page).getByRole('button', { name: 'Assign role', exact: true }));
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    // The role picker has focus; open it, choose with the arrows.
    await page.keyboard.press('ArrowDown');
    const issuing = page.getByRole('option', { name: /^Issuing authority/ });
    await expect(page.getByRole('listbox')).toBeVisible();
    for (let i = 0; i < 20 && !(await issuing.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(dialog(page).getByRole('list')).toContainText('the role Issuing authority');
    await tabTo(page, dialog(page).getByRole('button', { name: 'Assign role', exact: true }));
    await page.keyboard.press('Enter');
    await expect(rolesTable(page).getByRole('rowheader', { name: 'Issuing authority', exact: true })).toBeVisible();
    // Focus went to the page's heading, not to the body.
    await expect(main(page).getByRole('heading', { level: 1 })).toBeFocused();

    await tabTo(page, panel(page).getByRole('button', { name: 'Reset password' }));
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('A one-time link to set a new password');
    await tabTo(page, dialog(page).getByRole('button', { name: 'Send reset link' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^A reset link was sent to /)).toBeVisible();
    await expect(main(page)).not.toContainText('Never');
  });
});
