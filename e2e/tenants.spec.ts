import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { expectLoginPage, signIn, signOut, submitLogin } from './support/auth';
import { main, mainNav, resultCount } from './support/views';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The subsidiary's organisation in the demo seed (mocks/db/seed-tenants.ts): 40 persons. */
const LABS_PERSONS = 40;
/** A 1×1 PNG and a 1×1 GIF, for the logo field. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

async function expectNoAxeViolations(page: Page, what: string, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const results = await (include ? builder.include(include) : builder).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

const tenantPicker = (page: Page) => page.getByLabel('Tenant', { exact: true });
const shownTenant = (page: Page) => page.getByTestId('tenant');
const tenantsTable = (page: Page) => main(page).getByRole('table', { name: 'Tenants' });
const createButton = (page: Page) => main(page).getByRole('button', { name: 'Create tenant', exact: true });
const createDialog = (page: Page) => page.getByRole('dialog', { name: 'Create tenant' });

async function openTenantsTab(page: Page) {
  await page.goto(`${paths.admin()}?tab=tenants`);
  await expect(main(page).getByRole('heading', { level: 2, name: 'Tenants' })).toBeVisible();
  await expect(tenantsTable(page).getByRole('rowheader', { name: 'Nordvik Labs' })).toBeVisible();
}

test.describe('tenants', () => {
  test('sign-in offers the tenants; the subsidiary shows only its own people, the default tenant none of them', async ({ page }) => {
    await page.goto(paths.login());
    await expectLoginPage(page);
    await expect(tenantPicker(page)).toHaveValue('tenant-nordvik');
    await expect(tenantPicker(page).getByRole('option')).toHaveText(['Nordvik', 'Nordvik Labs']);
    await expectNoAxeViolations(page, 'the sign-in page with the tenant picker');

    await tenantPicker(page).selectOption({ label: 'Nordvik Labs' });
    await submitLogin(page, 'registration-officer');
    await expect(mainNav(page)).toBeVisible();
    await expect(shownTenant(page)).toHaveText(/Nordvik Labs/);
    await page.goto(`${paths.search()}?in=persons`);
    await expect(resultCount(page)).toHaveText(`${LABS_PERSONS} results`);
    await page.goto(`${paths.search()}?in=persons&q=nordvik.example`);
    await expect(resultCount(page)).toHaveText('0 results');

    // Another tenant: nothing cached of the first survives the change.
    await signOut(page);
    await expect(tenantPicker(page)).toHaveValue('tenant-nordvik');
    await submitLogin(page, 'registration-officer');
    await expect(shownTenant(page)).toHaveText(/^\s*Tenant:\s*Nordvik\s*$/);
    await page.goto(`${paths.search()}?in=persons&q=nordviklabs`);
    await expect(resultCount(page)).toHaveText('0 results');
  });

  test('an operator of the subsidiary cannot sign in to the default tenant', async ({ page }) => {
    await page.goto(paths.login());
    await submitLogin(page, 'labs-approver');
    await expect(page.getByRole('alert')).toHaveText('The username or password is not correct.');
    await tenantPicker(page).selectOption({ label: 'Nordvik Labs' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(mainNav(page)).toBeVisible();
    await expect(shownTenant(page)).toHaveText(/Nordvik Labs/);
  });

  test('a service administrator creates a tenant after correcting what the form refuses', async ({ page }) => {
    await signIn(page, 'service-administrator');
    await openTenantsTab(page);
    await expect(tenantsTable(page).getByRole('rowheader')).toHaveText(['Nordvik', 'Nordvik Labs']);
    await expectNoAxeViolations(page, 'the Tenants panel', 'main');

    await createButton(page).click();
    const dialog = createDialog(page);
    await expect(dialog).toBeVisible();
    const name = dialog.getByLabel('Name', { exact: true });
    await expect(name).toBeFocused();
    await name.fill('X');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await expect(dialog.getByText('The name must have 2 to 60 characters.')).toBeVisible();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'the Create tenant dialog with errors', '[role="dialog"]');

    // The backend's own check: the name is taken (whatever its case); the input stays.
    await name.fill('nordvik labs');
    await dialog.getByLabel('Description').fill('Should not be created.');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await expect(dialog.getByText(/A tenant named “nordvik labs” exists already/)).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText('Correct the marked fields; nothing was created.');
    await expect(name).toHaveValue('nordvik labs');
    await expect(dialog.getByLabel('Description')).toHaveValue('Should not be created.');

    const logo = dialog.getByLabel('Logo', { exact: true });
    await logo.setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: GIF });
    await expect(dialog.getByText('The logo must be a PNG, JPEG or SVG image.')).toBeVisible();
    await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(dialog.getByRole('img', { name: 'Preview of the chosen logo' })).toBeVisible();
    await expect(dialog.getByText('The logo must be a PNG, JPEG or SVG image.')).toHaveCount(0);

    await name.fill('Nordvik Health');
    await dialog.getByLabel('Description').fill('The occupational health clinic.');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Tenant “Nordvik Health” created.')).toBeVisible();
    await expect(tenantsTable(page).getByRole('rowheader')).toHaveText(['Nordvik', 'Nordvik Health', 'Nordvik Labs']);
    await expect(tenantsTable(page).getByRole('img', { name: 'Logo of Nordvik Health' })).toBeVisible();
    await expect(createButton(page)).toBeFocused();

    // The new tenant is offered at sign-in, and it is empty.
    await signOut(page);
    await expect(tenantPicker(page).getByRole('option')).toHaveText(['Nordvik', 'Nordvik Health', 'Nordvik Labs']);
    await tenantPicker(page).selectOption({ label: 'Nordvik Health' });
    await submitLogin(page, 'registration-officer');
    await expect(shownTenant(page)).toHaveText(/Nordvik Health/);
    await page.goto(`${paths.search()}?in=persons`);
    await expect(resultCount(page)).toHaveText('0 results');
  });

  test('with Admin but without tenant:create, the list shows and the Create button does not', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await openTenantsTab(page);
    await expect(tenantsTable(page).getByRole('rowheader')).toHaveText(['Nordvik', 'Nordvik Labs']);
    await expect(createButton(page)).toHaveCount(0);
  });

  test('keyboard only: sign in to the subsidiary and create a tenant', async ({ page }) => {
    await page.goto(paths.login());
    // The picker joins the form once the list of tenants has arrived; a person sees it before tabbing.
    await expect(tenantPicker(page)).toBeVisible();
    await expect(page.getByLabel('Username', { exact: true })).toBeFocused();
    await page.keyboard.type('service-administrator');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Tab');
    await expect(tenantPicker(page)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(tenantPicker(page)).toHaveValue('tenant-nordvik-labs');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(shownTenant(page)).toHaveText(/Nordvik Labs/);

    await openTenantsTab(page);
    await createButton(page).focus();
    await page.keyboard.press('Enter');
    const dialog = createDialog(page);
    await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type('Lab Annex');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(tenantsTable(page).getByRole('rowheader', { name: 'Lab Annex' })).toBeVisible();
    await expect(createButton(page)).toBeFocused();
    // Escape closes the dialog without creating anything.
    await page.keyboard.press('Enter');
    await expect(createDialog(page)).toBeVisible();
    await page.keyboard.type('Never');
    await page.keyboard.press('Escape');
    await expect(createDialog(page)).toHaveCount(0);
    await expect(tenantsTable(page).getByRole('rowheader')).toHaveCount(3);
  });
});
