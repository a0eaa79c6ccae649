import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { paths } from '../src/app/paths';
import { CSR_GOOD, CSR_WRONG_CN } from '../mocks/fixtures/csr';
import { signIn, signOut } from './support/auth';
import { tabTo } from './support/search';
import { expect, test } from './support/test';
import { main } from './support/views';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

const tab = (page: Page, name: string): Locator => main(page).getByRole('tab', { name, exact: true });
const ALL_TABS = ['Overview', 'Mobile ID users', 'Software token users', 'Servers', 'Server certificates', 'Approvals'];

async function openTab(page: Page, name: string) {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0);
}

const csrFile = (name: string, pem: string) => ({ name, mimeType: 'application/pkcs10', buffer: Buffer.from(pem) });
const PORTAL = 'portal.nordvik.example';
/** The row whose row header starts with the portal's name (hr-portal.nordvik.example also contains it). */
const portalRow = (page: Page): Locator => main(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^portal\.nordvik\.example/ }) });

test.describe('Digital ID: what each officer sees', () => {
  // From ACCESS.md: each role's permissions decide its tabs.
  const TABS: [string, string[]][] = [
    ['mobile-id-administrator', ['Overview', 'Mobile ID users']],
    ['software-token-administrator', ['Overview', 'Software token users']],
    ['server-administrator', ['Overview', 'Servers', 'Server certificates']],
    ['server-certificate-approver', ['Overview', 'Servers', 'Server certificates', 'Approvals']],
    ['server-certificate-registration-officer', ['Overview', 'Servers', 'Server certificates']],
  ];
  for (const [username, tabs] of TABS) {
    test(`${username} sees ${tabs.join(', ')} and no other tab`, async ({ page }) => {
      await signIn(page, username);
      await page.goto(paths.digitalId());
      await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Digital ID');
      await expect(main(page).getByRole('tab')).toHaveText(tabs);
      for (const other of ALL_TABS.filter((x) => !tabs.includes(x))) await expect(tab(page, other)).toHaveCount(0);
      // The tab is in the URL: a tab the role does not have falls back to Overview.
      await page.goto(`${paths.digitalId()}?tab=approvals`);
      await expect(tab(page, tabs.includes('Approvals') ? 'Approvals' : 'Overview')).toHaveAttribute('aria-selected', 'true');
      await expectNoAxeViolations(page, `Digital ID as ${username}`);
    });
  }

  test('buttons follow the permissions: only the server administrator registers and requests, only the registration officer revokes', async ({ page }) => {
    await signIn(page, 'server-certificate-approver');
    await page.goto(`${paths.digitalId()}?tab=servers`);
    await expect(main(page).getByRole('row', { name: /intranet\.nordvik\.example/ })).toBeVisible();
    await expect(main(page).getByRole('button', { name: 'Register server' })).toHaveCount(0);
    await expect(main(page).getByRole('button', { name: /Request a certificate/ })).toHaveCount(0);
    await openTab(page, 'Server certificates');
    await expect(main(page).getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
    await signOut(page);

    await signIn(page, 'server-certificate-registration-officer');
    await page.goto(`${paths.digitalId()}?tab=certificates`);
    await expect(main(page).getByRole('button', { name: /^Revoke the certificate/ }).first()).toBeVisible();
    await expect(main(page).getByRole('button', { name: 'Request certificate' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'Server certificates as the registration officer');
  });

  test('an officer of another area gets Access denied for the Digital ID view', async ({ page }) => {
    await signIn(page, 'helpdesk');
    await page.goto(paths.digitalId());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
  });
});

test('the server administrator registers a server and requests a certificate that the approver approves', async ({ page }) => {
  test.setTimeout(90_000);
  // Register: errors per field first, then a good server.
  await signIn(page, 'server-administrator');
  await page.goto(`${paths.digitalId()}?tab=servers`);
  await main(page).getByRole('button', { name: 'Register server' }).click();
  const register = page.getByRole('dialog', { name: 'Register server' });
  await register.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(register.getByText('Choose one or two responsible persons.')).toBeVisible();
  await expect(register.getByLabel('Common name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'the Register server dialog with errors');
  await register.getByLabel('Common name').fill(PORTAL);
  await register.getByRole('button', { name: 'Add to SAN DNS names' }).click();
  await register.getByLabel('SAN DNS names 1', { exact: true }).fill('api.portal.nordvik.example');
  await register.getByRole('button', { name: 'Add to SAN IP addresses' }).click();
  await register.getByLabel('SAN IP addresses 1', { exact: true }).fill('10.1.2.3');
  await register.getByRole('button', { name: 'Add to SAN IP addresses' }).click();
  await register.getByLabel('SAN IP addresses 2', { exact: true }).fill('2001:db8::10');
  await register.getByLabel('Location').fill('Stockholm data centre, rack B4');
  await register.getByRole('combobox', { name: 'Responsible person', exact: true }).fill('Haugen');
  await page.getByRole('option', { name: /^Solveig Haugen/ }).click();
  await register.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByText(`${PORTAL} is registered and waits for approval.`)).toBeVisible();
  await expect(portalRow(page)).toContainText('Pending approval');
  await signOut(page);

  // The approver approves the registration; a server they are responsible for is blocked.
  await signIn(page, 'server-certificate-approver');
  await page.goto(`${paths.digitalId()}?tab=approvals`);
  await expect(main(page).getByText('You are responsible for this server; another approver must decide it.')).toBeVisible();
  await main(page).getByRole('button', { name: `Approve Server registration ${PORTAL}` }).click();
  const approveDialog = page.getByRole('alertdialog', { name: `Approve the Server registration ${PORTAL}?` });
  await expect(approveDialog).toContainText('certificates can be requested for it');
  await expectNoAxeViolations(page, 'the approve dialog');
  await approveDialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText(`${PORTAL} is approved.`)).toBeVisible();
  await signOut(page);

  // The server administrator requests a PKCS#10 certificate: a CSR for another name is refused, clearly.
  await signIn(page, 'server-administrator');
  await page.goto(`${paths.digitalId()}?tab=servers`);
  await main(page).getByRole('button', { name: `Request a certificate for ${PORTAL}` }).click();
  const request = page.getByRole('dialog', { name: `Request a certificate for ${PORTAL}` });
  await request.getByLabel('CSR file').setInputFiles(csrFile('wrong.csr', CSR_WRONG_CN));
  await expect(request.getByLabel('Certificate signing request (PEM)')).toHaveValue(/BEGIN CERTIFICATE REQUEST/);
  await request.getByRole('button', { name: 'Request', exact: true }).click();
  await expect(request.getByText("The CSR's common name www.example.com is not this server's common name portal.nordvik.example.")).toBeVisible();
  await expectNoAxeViolations(page, 'the Request certificate dialog with a CSR error');
  await request.getByLabel('CSR file').setInputFiles(csrFile('portal.csr', CSR_GOOD));
  await request.getByRole('button', { name: 'Request', exact: true }).click();
  await expect(page.getByText(`A certificate for ${PORTAL} is requested and waits for approval.`)).toBeVisible();
  await signOut(page);

  // The approver approves the certificate request: the certificate is issued, awaiting installation.
  await signIn(page, 'server-certificate-approver');
  await page.goto(`${paths.digitalId()}?tab=approvals`);
  await main(page).getByRole('button', { name: `Approve Certificate request ${PORTAL}` }).click();
  await page.getByRole('alertdialog', { name: `Approve the Certificate request ${PORTAL}?` }).getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText(`${PORTAL} is approved.`)).toBeVisible();
  await openTab(page, 'Server certificates');
  const row = portalRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Valid');
  await expect(row).toContainText('Awaiting installation');
});

test('a PKCS#12 request shows its password once, with a warning', async ({ page }) => {
  await signIn(page, 'server-administrator');
  await page.goto(`${paths.digitalId()}?tab=certificates`);
  await main(page).getByRole('button', { name: 'Request certificate' }).click();
  const request = page.getByRole('dialog', { name: /Request a certificate|Request certificate/ });
  await request.getByLabel('Server', { exact: true }).selectOption({ label: 'sso.nordvik.example' });
  await request.getByLabel('PKCS#12 (key made for you)').check();
  await request.getByRole('button', { name: 'Request', exact: true }).click();
  const shown = page.getByRole('alertdialog', { name: 'PKCS#12 password' });
  await expect(shown).toContainText('shown only this once');
  const password = (await shown.locator('output').textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await expectNoAxeViolations(page, 'the PKCS#12 password dialog');
  await shown.getByRole('button', { name: 'I have kept it' }).click();
  await expect(page.getByText(password)).toHaveCount(0);
  await page.reload();
  await expect(main(page).getByRole('row').filter({ hasText: 'sso.nordvik.example' }).filter({ hasText: 'Pending approval' })).toHaveCount(1);
  await expect(page.getByText(password)).toHaveCount(0);
});

test('keyboard only: the mobile ID administrator finds a person and locks their mobile ID', async ({ page }) => {
  await signIn(page, 'mobile-id-administrator');
  await page.goto(paths.digitalId());
  await tabTo(page, tab(page, 'Overview'));
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Mobile ID users')).toHaveAttribute('aria-selected', 'true');
  const search = main(page).getByLabel('Name, personal ID or e-mail');
  await tabTo(page, search);
  await page.keyboard.type('Korhonen');
  await page.keyboard.press('Enter');
  const lock = main(page).getByRole('button', { name: 'Lock the mobile ID of Aino Korhonen' });
  await expect(lock).toBeVisible();
  await expectNoAxeViolations(page, 'Mobile ID users with results');
  await tabTo(page, lock, 80);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Lock the mobile ID of Aino Korhonen?' });
  await expect(dialog).toContainText('Locked is final');
  await expectNoAxeViolations(page, 'the lock dialog');
  await tabTo(page, dialog.getByLabel('Reason'));
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByLabel('Reason')).toHaveValue('Device lost');
  await tabTo(page, dialog.getByRole('button', { name: 'Lock mobile ID' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('The mobile ID of Aino Korhonen is locked.')).toBeVisible();
  const row = main(page).getByRole('row', { name: /Aino Korhonen/ });
  await expect(row).toContainText('Locked');
  await expect(lock).toHaveCount(0);
});
